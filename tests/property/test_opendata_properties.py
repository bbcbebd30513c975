"""The open-data and XML writers match the standard library's on any input.

1. `csv_row` writes exactly what `csv.writer` (minimal quoting, CRLF) writes.
2. site.json, one entity per line, parses back to the document it was made from.
3. XML escaping for the feed and sitemap is xml.sax.saxutils' own.
4. The pieces big files are written in hold their text, in order.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from detente.pages import opendata
from detente.pages.opendata import csv_row, json_lines
from detente.pages.outputs import whole

CELL = st.text(alphabet=st.sampled_from('ab ,"\r\n;\t\u00e9\u2028'), max_size=12) | st.text()
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL, min_size=2, max_size=6))
def test_csv_row_is_what_the_csv_module_writes(cells: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    assert csv_row(cells) == buffer.getvalue()


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["events", "actors", "issues"]),
                       st.lists(st.dictionaries(st.text(), JSON_VALUE, max_size=4), max_size=4)),
       st.dictionaries(st.text(), JSON_VALUE, max_size=3))
def test_site_json_parses_back(entities: dict[str, list[Any]], site: dict[str, Any]) -> None:
    document = {"entities": entities, "schema_version": 1, "site": site}
    text = whole(json_lines(document)).decode("utf-8")
    assert json.loads(text) == document
    lines = set(text.split("\n"))
    for records in entities.values():
        for record in records:  # each on a line of its own
            line = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            assert line in lines or line + "," in lines


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab&<>\"'\n\r\t é"), max_size=16) | st.text())
def test_xml_escaping_is_what_saxutils_writes(text: str) -> None:
    from xml.sax.saxutils import escape as sax_escape
    from xml.sax.saxutils import quoteattr as sax_quoteattr

    from detente.pages.xmltext import escape, quoteattr

    assert escape(text) == sax_escape(text)
    assert quoteattr(text) == sax_quoteattr(text)



@given(st.lists(st.text(max_size=40), max_size=30), st.integers(min_value=1, max_value=64))
def test_pieces_hold_the_text_in_order_at_about_the_piece_size(texts: list[str],
                                                               size: int) -> None:
    with patch.object(opendata, "PIECE", size):
        pieces = list(opendata._pieces(texts))
    assert b"".join(pieces) == "".join(texts).encode("utf-8")
    assert all(len(p.decode("utf-8")) >= size for p in pieces[:-1])
    assert all(pieces)  # no empty writes
