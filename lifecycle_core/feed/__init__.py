"""Deterministic synthetic partner feed for the member chatbot.

Every output is a pure function of (FeedConfig, day): the same inputs give byte-identical lines
on every machine and run. Nothing here imports dagster; assets call these functions.
"""

from .config import SOURCES, FeedConfig
from .ground_truth import labelled_conversations, parsed_records
from .malformed import MALFORMED_KINDS
from .plans import plan_documents
from .providers import SPECIALTIES
from .schema import SOURCE_FIELDS, TOPICS
from .sources import (
    conversation_labels,
    conversation_pii_spans,
    expected_malformed,
    iter_source_lines,
    malformed_lines,
)
from .templates import PII_TYPES, PiiSpan

__all__ = [
    "MALFORMED_KINDS",
    "PII_TYPES",
    "SOURCES",
    "SOURCE_FIELDS",
    "SPECIALTIES",
    "TOPICS",
    "FeedConfig",
    "PiiSpan",
    "conversation_labels",
    "conversation_pii_spans",
    "expected_malformed",
    "iter_source_lines",
    "labelled_conversations",
    "malformed_lines",
    "parsed_records",
    "plan_documents",
]
