"""`detente serve` as editors run it: edit, break, fix, Ctrl-C (a subprocess, real files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.serve import ServeProcess, save_aldmark


@pytest.fixture
def project(site_copy: Callable[[str], Path]) -> Path:
    return site_copy("full")


def test_edit_break_fix_and_ctrl_c(project: Path, serve: ServeProcess) -> None:
    page = serve.base_path + "parties/aldmark/"
    events = serve.events()
    first = events.next_state()
    assert first["ok"] and first["build"] and first["problems"] == []

    save_aldmark(project, "Republic of Aldmark (edited)", "norway")
    edited = events.wait_for(lambda s: s["build"] != first["build"])
    assert edited["ok"] and edited["problems"] == []
    status, body = serve.get(page)
    assert status == 200 and b"Republic of Aldmark (edited)" in body

    save_aldmark(project, "Republic of Aldmark (broken)", "norwya")
    broken = events.wait_for(lambda s: not s["ok"])
    assert broken["build"] == edited["build"]  # still the last good build
    wheres = [p["where"] for p in broken["problems"]]
    assert "content/parties/aldmark.yaml:6:11" in wheres, broken
    problem = broken["problems"][wheres.index("content/parties/aldmark.yaml:6:11")]
    assert "norwya" in problem["message"] and "norway" in problem["hint"]
    status, body = serve.get(page)
    assert status == 200 and b"(edited)" in body and b"(broken)" not in body
    serve.wait_for_output(r"content/parties/aldmark.yaml:6:11: error: .*norwya")
    serve.wait_for_output(r"the build failed .*still serving the last good site")

    save_aldmark(project, "Republic of Aldmark (fixed)", "norway")
    fixed = events.wait_for(lambda s: s["ok"])
    assert fixed["problems"] == [] and fixed["build"] != edited["build"]
    assert b"(fixed)" in serve.get(page)[1]
    serve.wait_for_output(r"^Fixed\. content/parties/aldmark.yaml: rebuilt")
    events.close()

    assert serve.interrupt() == 0
    assert serve.out[-1] == "Stopped.\n"
    assert "Traceback" not in "".join(serve.err), "".join(serve.err)
    assert not (project / "site").exists()  # never the user's site/
    built = project / ".detente-cache" / "serve-site"
    assert (built / "index.html").is_file()
    for html in built.rglob("*.html"):
        assert b"__detente" not in html.read_bytes(), html


def test_template_errors_show_the_template_file_and_line(project: Path,
                                                         serve: ServeProcess) -> None:
    events = serve.events()
    first = events.next_state()
    templates = project / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "party.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n'
        "{% endblock %}\n")
    broken = events.wait_for(lambda s: not s["ok"])
    assert [p["where"].rsplit(":", 1)[0] for p in broken["problems"]] == \
        ["templates/party.html:3"], broken
    (templates / "party.html").unlink()
    fixed = events.wait_for(lambda s: s["ok"])
    assert fixed["build"] != first["build"] and fixed["problems"] == []
    events.close()


def test_a_site_that_never_built_is_explained_then_served(project: Path) -> None:
    save_aldmark(project, "Aldmark", "nobody")
    process = ServeProcess(project)
    try:
        events = process.events()
        state = events.next_state()
        assert state["build"] == "" and not state["ok"]
        assert any(p["where"].startswith("content/parties/aldmark.yaml:6:")
                   for p in state["problems"])
        status, body = process.get(process.base_path)
        assert status == 503 and b"/__detente/client.js" in body
        save_aldmark(project, "Aldmark", "norway")
        good = events.wait_for(lambda s: s["ok"])
        assert good["build"] and process.get(process.base_path)[0] == 200
        events.close()
    finally:
        process.close()


def test_sigterm_also_stops_cleanly(project: Path) -> None:
    import signal

    process = ServeProcess(project)
    process.proc.send_signal(signal.SIGTERM)
    assert process.proc.wait(20) == 0
    process.close()
    assert "Traceback" not in "".join(process.err)


def test_busy_port_is_a_usage_error(project: Path, serve: ServeProcess) -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "detente", "serve", str(project), "--port",
                          str(serve.port)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "cannot listen" in run.stderr
