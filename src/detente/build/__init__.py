"""The build: the story of stages (pipeline), and the machinery each stage runs on.

Owns the orchestration (pipeline: check → plan → render → site files → scan → index →
commit → remember), the stages it calls (stages), parallel rendering (parallel, workers,
prerender), the staging folder and its atomic swap (write), the output scan (scan), the
search index (search) and progress reporting.

May import: `detente.content`, `detente.pages`, `detente.incremental`.
"""
