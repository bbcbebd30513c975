"""Starting points for editors: a new site project (`init`) and a new content file (`new`).

The files of a new project live under `site/` in this package (package data); names
starting with `dot-` become dotfiles (`dot-gitignore` → `.gitignore`), since packaging
tools drop real dotfiles.
"""
