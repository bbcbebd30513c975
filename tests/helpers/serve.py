"""`detente serve` as a subprocess on a free port, a Server-Sent Events client for it, the
file watcher on a real folder, and the edit the serve tests make to the `full` fixture site.

Used by the serve integration tests, the browser end-to-end test and benchmarks/bench_serve.py.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from detente.serve.watch import ChangeFeed, Watcher

REPO = Path(__file__).resolve().parents[2]
State = dict[str, Any]

# content/parties/aldmark.yaml of the `full` fixture site, with its name and its one member
# to fill in: a member that is not a party's id ('norwya') breaks it at line 6, column 11.
ALDMARK = """\
name: {name}
short_name: Aldmark
kind: state
role: belligerent
color: '#1f77b4'
members: [{member}]
"""
ALDMARK_FILE = "content/parties/aldmark.yaml"


def save_aldmark(project: Path, name: str, member: str) -> None:
    (project / ALDMARK_FILE).write_text(ALDMARK.format(name=name, member=member))


@contextmanager
def watching(feed: ChangeFeed) -> Iterator[ChangeFeed]:
    """The watcher on the feed's project, feeding it, until the block ends."""
    watcher = Watcher(feed.project, feed)
    watcher.start()
    try:
        yield feed
    finally:
        feed.close()
        watcher.stop()


def _default_sigint() -> None:
    """A background shell starts children with SIGINT ignored; Ctrl-C is what we test."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class ServeProcess:
    """`python -m detente serve PROJECT --port 0`; knows its URL once it is serving."""

    def __init__(self, project: Path, *extra: str, timeout: float = 120.0) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "detente", "serve", str(project), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
            preexec_fn=_default_sigint)
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [threading.Thread(target=self._read, args=(stream, sink), daemon=True)
                         for stream, sink in ((self.proc.stdout, self.out),
                                              (self.proc.stderr, self.err))]
        for reader in self._readers:
            reader.start()
        try:
            line = self.wait_for_output(r"Serving (http://[^/]+)(/\S*)", timeout)
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            raise
        match = re.search(r"Serving (http://[^/]+)(/\S*)", line)
        assert match is not None
        self.origin, self.base_path = match.group(1), match.group(2)
        self.port = int(self.origin.rsplit(":", 1)[1])

    @staticmethod
    def _read(stream: Any, sink: list[str]) -> None:
        for line in stream:
            sink.append(line)

    def url(self, path: str = "") -> str:
        return self.origin + self.base_path + path

    def wait_for_output(self, pattern: str, timeout: float = 30.0, start: int = 0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.out[start:]:
                if re.search(pattern, line):
                    return line
            if self.proc.poll() is not None and not any(r.is_alive() for r in self._readers):
                break
            time.sleep(0.02)
        raise AssertionError(f"no output matching {pattern!r}; stdout:\n{''.join(self.out)}"
                             f"\nstderr:\n{''.join(self.err)}")

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def events(self, timeout: float = 60.0) -> EventStream:
        return EventStream(self.port, timeout)

    def interrupt(self, timeout: float = 20.0) -> int:
        """Ctrl-C; the exit code."""
        self.proc.send_signal(signal.SIGINT)
        try:
            code = self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
        for reader in self._readers:
            reader.join(5)
        return code

    def close(self) -> None:
        if self.proc.poll() is None:
            self.interrupt()


class EventStream:
    """Reads `state` events from /__detente/events."""

    def __init__(self, port: int, timeout: float) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.conn.request("GET", "/__detente/events")
        self.response = self.conn.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next_state(self) -> State:
        data: str | None = None
        while True:
            raw = self.response.readline()
            if not raw:
                raise EOFError("the event stream ended")
            line = raw.decode("utf-8").rstrip("\r\n")
            if line.startswith("data: "):
                data = line[len("data: "):]
            elif line == "" and data is not None:
                state: State = json.loads(data)
                return state

    def wait_for(self, predicate: Callable[[State], bool]) -> State:
        while True:
            state = self.next_state()
            if predicate(state):
                return state

    def close(self) -> None:
        self.conn.close()
