"""Incremental builds, beside the pipeline rather than woven through it.

Owns the persistent cache (cache), the global keys that invalidate every page
(fingerprint), the typed dependency keys with their only parser (depkey), the tracker that
implements `SiteReader` and records what a page reads (tracking), fingerprints of those
reads (fingerprints), the stat-level record of the last build (inputs), what is dirty and
what to remember (plan), and patching a Site after an edit that keeps its shape (patch).

May import: `detente.content`, `detente.pages`.
"""
