"""A quote is looked for in its source's text as a reader would look for it."""

from __future__ import annotations

import pytest

from detente.content.editorial.sourcing import comparable, in_text

SOURCE = comparable('The talks opened. “We came to listen,” the minister said, “and to\n'
                    'talk about *the river*.”')


@pytest.mark.parametrize(("quote", "found"), [
    ("We came to listen.", True),  # a final full stop reported as a comma
    ("we came to listen", True),  # case
    ('"We came to listen,"', True),  # straight quotes around it
    ("and to talk about the river", True),  # a line break and emphasis in the source
    ("We came to listen … about the river", True),  # an ellipsis for words left out
    ("We came to listen ... about the river", True),
    ("about the river … We came to listen", False),  # the parts out of order
    ("We came to talk", False),
    ("We came to listen to the river", False),
])
def test_a_quote_is_found_in_the_text_as_written(quote: str, found: bool) -> None:
    assert in_text(quote, SOURCE) is found
