"""Warehouse conversation rows -> validated dicts; anything malformed raises BadConversation."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import orjson

from ..raw.schemas import CONVERSATIONS, ROLES

# The declared domain of the raw feed; a row outside it never passed ingest validation honestly.
TOPICS = next(f.choices for f in CONVERSATIONS.fields if f.name == "topic")


class BadConversation(ValueError):
    """The row cannot be used; the builder counts it as dropped "unparseable"."""


def parse_conversation(row: Any) -> dict:
    """A warehouse.conversations row as a dict (DuckDB: messages is a list of {role, text, ts}
    structs), or a raw feed line (JSON bytes/str). Returns the dict with ``messages`` checked."""
    if isinstance(row, bytes | bytearray | memoryview | str):
        try:
            row = orjson.loads(row)
        except orjson.JSONDecodeError as exc:
            raise BadConversation(f"not JSON: {exc}") from None
    if not isinstance(row, dict):
        raise BadConversation(f"expected a dict, got {type(row).__name__}")
    cid = row.get("conversation_id")
    if not isinstance(cid, str) or not cid:
        raise BadConversation("missing conversation_id")
    messages = row.get("messages")
    if isinstance(messages, str):  # a caller that selected messages with to_json()
        try:
            messages = orjson.loads(messages)
        except orjson.JSONDecodeError:
            raise BadConversation("messages is not JSON") from None
    if not isinstance(messages, list) or not messages:
        raise BadConversation("messages missing or empty")
    for m in messages:
        if not isinstance(m, dict) or m.get("role") not in ROLES or not isinstance(m.get("text"), str):
            raise BadConversation("a message lacks a member/agent role or a text")
    if row.get("topic") not in TOPICS:
        raise BadConversation(f"unknown topic {row.get('topic')!r}")
    csat = row.get("csat")
    if not (csat is None or (isinstance(csat, int) and not isinstance(csat, bool) and 1 <= csat <= 5)):
        raise BadConversation("csat is not an integer from 1 to 5")
    if not isinstance(row.get("resolved"), bool):
        raise BadConversation("resolved is not a boolean")
    return {**row, "messages": messages}


def partition_of(row: dict) -> str | None:
    """The row's warehouse partition as YYYY-MM-DD, for lineage (raw feed lines have none)."""
    value = row.get("partition_date")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None
