"""The feed read back as data: well-formed records, and conversations with the PII spans put in them.

For evaluating detectors and for tests; the pipeline itself reads landing files, never these.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import orjson

from .config import FeedConfig
from .sources import conversation_pii_spans, iter_source_lines
from .templates import PiiSpan


def parsed_records(config: FeedConfig, day: date, source: str) -> Iterator[dict]:
    """The day's records of `source` that are JSON objects (malformed lines are skipped)."""
    for line in iter_source_lines(config, day, source):
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(record, dict):
            yield record


def labelled_conversations(config: FeedConfig, day: date) -> Iterator[tuple[list[str], list[PiiSpan]]]:
    """Each well-formed conversation's message texts with the ground-truth PII spans in them."""
    texts = {}
    for record in parsed_records(config, day, "conversations"):
        try:
            texts[record["conversation_id"]] = [message["text"] for message in record["messages"]]
        except (KeyError, TypeError):
            continue
    for conversation_id, spans in conversation_pii_spans(config, day):
        if conversation_id in texts:
            yield texts[conversation_id], spans
