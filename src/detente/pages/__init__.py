"""Site → pages: typed view models, templates rendered to bytes, and the site-wide files.

Owns the view models and the builder that makes them from a `SiteReader` (views), one view
per page (page), listings and visuals (timeline, matrix), the head (meta, JSON-LD), the
theme (templates, static assets) and the Jinja environment (render), and the files beside
the pages: feed, sitemap, open data (outputs).

May import: `detente.content`. Never the cache, the build or anything that writes files.
"""
