"""One landing line -> the bytes raw keeps, or the reason it is quarantined.

Everything the warehouse would refuse is refused here, so nothing that passes raw can fail the load:
oversized records, a field repeated inside one JSON object, formats DuckDB does not read (see
schemas.py), and records that belong to another day. Fields the schema does not declare are dropped
from what raw keeps (and counted by the caller): an unknown field may carry data nobody vetted.
"""

from __future__ import annotations

import json
import re
from datetime import date

import orjson

from .schemas import MAX_RECORD_BYTES, Schema, day_of, validate

# A key in JSON text: a closing quote, optional blanks, a colon. Strings may hold the same bytes, so
# this over-counts at worst; it never misses a key.
_KEY_TOKEN = re.compile(rb'"\s*:')


class _Repeated(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _nested(schema: Schema) -> tuple[tuple[str, bool], ...]:
    """The declared fields that hold objects: (name, whether it is a list of objects)."""
    nested = schema.__dict__.get("_nested")
    if nested is None:
        nested = tuple((f.name, f.kind == "messages") for f in schema.fields if f.kind in ("messages", "dict_float"))
        object.__setattr__(schema, "_nested", nested)
    return nested


def _declared_keys(schema: Schema, record: dict) -> int:
    """The keys a valid record holds, counted through the fields the schema declares as objects."""
    count = len(record)
    for name, is_list in _nested(schema):
        value = record[name]
        if value is not None:
            count += sum(map(len, value)) if is_list else len(value)
    return count


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict:
    names = [name for name, _ in pairs]
    if len(set(names)) != len(names):
        raise _Repeated(next(n for n in names if names.count(n) > 1))
    return dict(pairs)


def repeated_field(schema: Schema, line: bytes, record: dict) -> str | None:
    """The name of a field given twice in one object (JSON parsers keep one silently; DuckDB refuses)."""
    # Without blanks after a quote every key token is `":`, which bytes.count finds fast.
    tokens = line.count(b'":') if b'" ' not in line and b'"\t' not in line else len(_KEY_TOKEN.findall(line))
    if tokens == _declared_keys(schema, record):
        return None  # every key token is a distinct key: nothing repeated (the common, cheap case)
    try:  # a string holding '":', an undeclared nested object, or a repeated field: only the pairs decide
        json.loads(line, object_pairs_hook=_unique_pairs)
    except _Repeated as repeated:
        return repeated.name
    return None


def _day_reason(schema: Schema, record: dict, day: date) -> str | None:
    if schema.day_field is None:
        return None
    value = record[schema.day_field]
    placed = day_of(value)
    if schema.day_rule == "on_or_before" and placed > day:
        return f"record of a later day: {schema.day_field} {value}"
    if schema.day_rule == "same" and placed != day:
        return f"record of another day: {schema.day_field} {value}"
    return None


def check_line(schema: Schema, line: bytes, day: date) -> tuple[bytes | None, dict | None, str | None, tuple[str, ...]]:
    """(bytes to keep, record, None, dropped fields) for a good line; (None, None, reason, ()) otherwise."""
    if len(line) > MAX_RECORD_BYTES:
        return None, None, f"record too large: {len(line)} bytes (at most {MAX_RECORD_BYTES})", ()
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None, None, "malformed JSON", ()
    reason = validate(schema, record)
    if reason is None and (name := repeated_field(schema, line, record)) is not None:
        reason = f"repeated field in JSON object: {name[:40]!r}"
    if reason is None:
        reason = _day_reason(schema, record, day)
    if reason is not None:
        return None, None, reason, ()
    if len(record) == len(schema.fields):  # every declared field is present (validated): nothing else is
        return line, record, None, ()
    unknown = tuple(sorted(record.keys() - set(schema.names)))
    record = {name: record[name] for name in schema.names}
    return orjson.dumps(record), record, None, unknown


__all__ = ["check_line", "repeated_field"]
