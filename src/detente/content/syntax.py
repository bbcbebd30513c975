"""Detente's own prose syntax, as the patterns every reader of it shares: `[[id]]`,
`[[id|text]]` (a link to an entity) and `[@source-id]` (a citation)."""

from __future__ import annotations

import re

WIKI_RE = re.compile(r"\[\[([^\[\]\|\n]*)(?:\|([^\[\]\n]*))?\]\]")
CITE_RE = re.compile(r"\[@([^\[\]\s]*)\]")
