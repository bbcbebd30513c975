"""Editorial checks: what a standards editor would query in a valid site, as warnings.

Each check (`sourcing`, `coverage`, `consistency`) is a small function over the linked Site
that yields findings; `run` turns them into warnings with a stable code, leaving out the
codes a site or an entity ignores (`checks: {ignore: [...]}`). `codes` names every check
and says in one line why it matters (the docs list them from there).
"""
