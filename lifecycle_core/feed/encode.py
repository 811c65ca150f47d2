"""Canonical JSON bytes: sorted keys, no spaces, UTF-8.

orjson is ~15x faster than the json module; both give the same bytes for what the feed emits
(ASCII text, ints, two-decimal floats, bools, null), so the fallback changes speed, not output.
"""

from __future__ import annotations

try:
    import orjson

    def dumps(obj: object) -> bytes:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)

except ImportError:  # pragma: no cover - orjson is installed in the project environment
    import json

    def dumps(obj: object) -> bytes:
        return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
