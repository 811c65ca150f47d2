"""Deterministic synthetic partner feed for the member chatbot.

Every output is a pure function of (FeedConfig, day): the same inputs give byte-identical lines
on every machine and run. Nothing here imports dagster; assets call these functions.
"""

from .claims import DENIAL_REASONS, STATUSES
from .config import SOURCES, FeedConfig
from .ground_truth import labelled_conversations, parsed_records
from .ids import luhn_valid, npi_valid
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
    "DENIAL_REASONS",
    "MALFORMED_KINDS",
    "PII_TYPES",
    "SOURCES",
    "SOURCE_FIELDS",
    "SPECIALTIES",
    "STATUSES",
    "TOPICS",
    "FeedConfig",
    "PiiSpan",
    "conversation_labels",
    "conversation_pii_spans",
    "expected_malformed",
    "iter_source_lines",
    "labelled_conversations",
    "luhn_valid",
    "malformed_lines",
    "npi_valid",
    "parsed_records",
    "plan_documents",
]
