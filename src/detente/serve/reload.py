"""The live state of a preview (last good build, current problems) and the hub that hands
each new state to the browsers listening on Server-Sent Events."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from detente.content.diagnostics import Diagnostic

KEEPALIVE_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class LiveState:
    """What every open page needs to know: which build it should show and what is wrong."""

    build: str  # id of the last good build; '' until one succeeds
    base_path: str  # where that build is served, e.g. '/explainer/'
    ok: bool = True  # the latest rebuild succeeded
    problems: tuple[dict[str, object], ...] = ()

    @classmethod
    def of(cls, build: str, base_path: str, ok: bool,
           diagnostics: Sequence[Diagnostic]) -> LiveState:
        return cls(build, base_path, ok, tuple(problem(d) for d in diagnostics))

    def to_json(self) -> str:
        return json.dumps({"build": self.build, "basePath": self.base_path, "ok": self.ok,
                           "problems": list(self.problems)}, ensure_ascii=False)

    def sse_message(self) -> bytes:
        """One `state` event; JSON has no raw newlines, so it is one `data:` line."""
        return f"event: state\ndata: {self.to_json()}\n\n".encode()


def problem(d: Diagnostic) -> dict[str, object]:
    """A diagnostic as the browser overlay shows it."""
    return {"where": str(d.span), "path": d.span.path, "line": d.span.line,
            "severity": d.severity.value, "message": d.message, "hint": d.hint}


class LiveHub:
    """Holds the current LiveState; listeners wait for a newer one (or for the close)."""

    def __init__(self, initial: LiveState) -> None:
        self._cond = threading.Condition()
        self._state = initial
        self._version = 0
        self._closed = False

    def publish(self, state: LiveState) -> None:
        with self._cond:
            self._state = state
            self._version += 1
            self._cond.notify_all()

    def current(self) -> tuple[int, LiveState]:
        with self._cond:
            return self._version, self._state

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    def wait_newer(self, version: int,
                   timeout: float = KEEPALIVE_SECONDS) -> tuple[int, LiveState] | None:
        """The state after `version`, or None on timeout or once the hub is closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._version != version, timeout)
            if self._closed or self._version == version:
                return None
            return self._version, self._state

    def close(self) -> None:
        """Wake every listener so its connection ends (server shutdown)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
