"""Fast paths in the prose checks find what the plain regular expressions find.

1. The deep-nesting prefilter (start of the text, or after a newline) matches exactly where
   `^...{16,}` with re.MULTILINE does.
2. References are found at the same line and column whether or not the text holds code
   (two paths: the whole text at once, or line by line with code masked).
3. Citation numbers (looked up in a dict) are those of the list of sources in order of first
   citing.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from detente.content.markdown import ProseContext
from detente.content.prose import _may_be_too_deep, find_refs

MULTILINE_RE = re.compile(r"^[ \t>*+\-0-9.)]{16,}", re.MULTILINE)
MARKERS = st.text(alphabet=st.sampled_from(" \t>*+-0123456789.)a\n\r\u2028"), max_size=60)


@settings(max_examples=2000, deadline=None)
@given(st.lists(MARKERS | st.text(max_size=20), max_size=4).map("".join))
def test_deep_prefilter_is_the_multiline_expression(text: str) -> None:
    assert _may_be_too_deep(text) == bool(MULTILINE_RE.search(text))


@given(st.lists(st.sampled_from("abcdefgh"), max_size=40))
def test_citations_are_numbered_in_order_of_first_citing(cited: list[str]) -> None:
    context = ProseContext(lambda _ident: None)
    numbers = [context.cite(source) for source in cited]
    first_seen = list(dict.fromkeys(cited))
    assert context.citations == first_seen
    assert numbers == [first_seen.index(source) + 1 for source in cited]


PROSE = st.lists(st.sampled_from(["[[a]]", "[[b|B]]", "[@s]", "[@t]", "x", " ", "\n", "[",
                                  "]", "é", "[[", "\n\n"]), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PROSE)
def test_references_are_found_alike_with_and_without_code(text: str) -> None:
    """The whole-text path (no backtick anywhere) against the line-by-line path, which a
    backtick at the end of the text sends it through without masking anything."""
    line_by_line = list(find_refs(text + "\n`"))
    assert list(find_refs(text)) == line_by_line
