"""The live-reload script injected into served pages, and the page shown before a first
build."""

from __future__ import annotations

from detente.serve.inject import inject, placeholder_page


def test_inject_before_the_last_body_end() -> None:
    page = b"<html><body><p>&lt;/body&gt;</p></BODY></html>"
    out = inject(page, 'b"1')
    assert out.count(b"<script") == 1
    assert out.index(b"<script") < out.index(b"</BODY>")
    assert b'data-build="b&quot;1"' in out  # escaped attribute
    assert inject(b"<p>fragment</p>", "x").startswith(b"<p>fragment</p><script")
    assert b'data-build=""' in placeholder_page()
