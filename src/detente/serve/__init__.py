"""`detente serve`: build, serve on loopback, watch, rebuild and reload open pages.

The server knows nothing of how a site is built: it runs a `Rebuild` callable on each batch
of changes (`watch.classify` decides what a path is) and serves the last good result.
"""
