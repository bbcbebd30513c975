"""Ids: lowercase slugs of at most 80 characters; what is rejected, and what is suggested."""

from __future__ import annotations

import pytest

from detente.content.values import MAX_ID_LENGTH, id_problem, suggest_id

VALID = [
    "a",
    "0",
    "oslo",
    "oslo-talks",
    "2025-03-18-call",
    "e00001",
    "a-b-c-d",
    "x" * MAX_ID_LENGTH,
    "-".join(["ab"] * 26) + "-a",  # 80 characters with hyphens
]

INVALID = [
    ("", "'' is not a valid id"),
    ("Oslo", "'Oslo' is not a valid id"),
    ("oslo_talks", "'oslo_talks' is not a valid id"),
    ("oslo talks", "'oslo talks' is not a valid id"),
    ("-oslo", "'-oslo' is not a valid id"),
    ("oslo-", "'oslo-' is not a valid id"),
    ("oslo--talks", "'oslo--talks' is not a valid id"),
    ("oslo.talks", "'oslo.talks' is not a valid id"),
    ("oslo/talks", "'oslo/talks' is not a valid id"),
    ("café", "'café' is not a valid id"),
    ("ｏｓｌｏ", "'ｏｓｌｏ' is not a valid id"),  # fullwidth letters
    ("oslo\n", "'oslo\n' is not a valid id"),  # a trailing newline ($ would accept it)
    ("oslo\u200b", "'oslo<U+200B>' is not a valid id: it holds invisible or "
     "direction-changing characters (U+200B)"),  # zero-width space, named, never printed
    ("[[oslo]]", "'[[oslo]]' is not a valid id"),
    ("x" * (MAX_ID_LENGTH + 1), f"id '{'x' * 20}...' is 81 characters; the limit is 80"),
]


@pytest.mark.parametrize("text", VALID)
def test_valid_ids(text: str) -> None:
    assert len(text) <= MAX_ID_LENGTH
    assert id_problem(text) == ""


@pytest.mark.parametrize(("text", "problem"), INVALID, ids=[repr(t) for t, _ in INVALID])
def test_invalid_ids(text: str, problem: str) -> None:
    assert id_problem(text) == problem


@pytest.mark.parametrize(("text", "suggestion"), [
    ("Vladimir Putin", "vladimir-putin"),
    ("oslo_talks", "oslo-talks"),
    ("Oslo--Talks!", "oslo-talks"),
    ("Café Zürich", "cafe-zurich"),
    ("  2025 / 03 / 18  call ", "2025-03-18-call"),
    ("Ильза", ""),  # nothing ASCII to keep: the caller falls back to an example
    ("-".join(["talks"] * 14), "-".join(["talks"] * 13)),  # cut at a whole word
    ("x" * 100, "x" * 80),
])
def test_suggested_ids(text: str, suggestion: str) -> None:
    assert suggest_id(text) == suggestion
    if suggestion:
        assert id_problem(suggestion) == ""
