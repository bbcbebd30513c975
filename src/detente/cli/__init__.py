"""The `detente` command line: argument parsing, exit codes and the editor-workflow commands
(init and new with their scaffolding, schema export, the docs' generated references).

May import: every other package of Detente's; nothing imports it.
"""
