"""Templates compiled once per process, whichever environment asks.

A build makes one Jinja environment per language (each with its own gettext catalog), and
`serve` and the tests build many times in one process: each environment used to parse and
compile every template again (a third of a small site's build). Jinja keys compiled code by
template name, file name and a checksum of the source; here also by the settings that
change what the compiler makes of a source, so environments that differ only in their
globals, filters and catalogs (as every environment `make_environment` makes) share it.

Kept in memory only: compiled code loaded from the build cache folder would run whatever a
tampered cache (a poisoned CI cache, say) put there.
"""

from __future__ import annotations

from types import CodeType

import jinja2
from jinja2.bccache import Bucket


class SharedBytecode(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[tuple[object, ...], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(_key(bucket))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[_key(bucket)] = bucket.code


def _key(bucket: Bucket) -> tuple[object, ...]:
    env = bucket.environment
    return (bucket.key, bucket.checksum, env.block_start_string, env.block_end_string,
            env.variable_start_string, env.variable_end_string, env.comment_start_string,
            env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
            env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
            env.keep_trailing_newline, env.optimized, repr(env.autoescape),
            tuple(sorted(env.extensions)), getattr(env, "newstyle_gettext", None))


COMPILED = SharedBytecode()
