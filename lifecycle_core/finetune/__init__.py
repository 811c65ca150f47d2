"""The fine-tuning dataset (``finetune/dataset``): chat examples from warehouse rows, PII scrubbed.

``dataset_inputs(con, window_days)`` reads the window's conversations and plans from the warehouse
(``source``); ``build_dataset(conversations, plans, scrubber, config)`` turns plain rows into splits,
a report and the content hash (the scrubber is passed in: anything with ``scrub_messages``);
``write_dataset(store, built)`` writes them under ``datasets/finetune/version=<hash16>/``;
``find_pii_in_dataset`` scans a written version again for the blocking check (``pii_scan``).
"""

from .builder import BuiltDataset, Scrubber, build_dataset, content_hash
from .card import card_markdown, token_histogram_png
from .config import DatasetConfig
from .pii_scan import PiiFindings, find_pii_in_dataset
from .report import DatasetReport
from .selection import select_conversation
from .source import DatasetInputs, NoConversations, dataset_inputs, load_roster
from .split import SPLITS, split_of
from .tokens import TokenCounter, approx_tokens, hf_token_counter
from .writer import (
    dataset_prefix,
    has_dataset,
    jsonl_split_key,
    parquet_schema,
    plans_key,
    read_jsonl_split,
    read_plans,
    write_dataset,
    write_jsonl_splits,
)

__all__ = [
    "SPLITS",
    "BuiltDataset",
    "DatasetConfig",
    "DatasetInputs",
    "DatasetReport",
    "NoConversations",
    "PiiFindings",
    "Scrubber",
    "TokenCounter",
    "approx_tokens",
    "build_dataset",
    "card_markdown",
    "content_hash",
    "dataset_inputs",
    "dataset_prefix",
    "find_pii_in_dataset",
    "has_dataset",
    "hf_token_counter",
    "jsonl_split_key",
    "load_roster",
    "parquet_schema",
    "plans_key",
    "read_jsonl_split",
    "read_plans",
    "select_conversation",
    "split_of",
    "token_histogram_png",
    "write_dataset",
    "write_jsonl_splits",
]
