"""The content half: files → positioned YAML → validated, frozen entities → the linked Site.

Owns `detente.yaml` (config), reading files (load, yamlnodes), the schema (one declaration
per kind), validation, the model (entities, the linked `Site` and the `SiteReader` Protocol
that pages read through), linking, dates, the prose syntax (`[[id]]`, `[@source]`: finding
references and the markdown-it-py parser that renders them), the URL scheme (routes, part of
the content model) and diagnostics with their output formats.

May import: the standard library, PyYAML, markdown-it-py. Nothing else of Detente's.
"""
