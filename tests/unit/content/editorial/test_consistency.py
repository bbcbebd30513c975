"""Names compare by their words: the link-text check's measure."""

from __future__ import annotations

from detente.content.editorial.consistency import words


def test_names_compare_by_words_without_little_words_or_case() -> None:
    assert words("Trump's") == {"trump"}
    assert words("The Republic of Northland") == {"republic", "northland"}
    assert words("President Zelenskyy") & words("Volodymyr Zelenskyy") == {"zelenskyy"}
