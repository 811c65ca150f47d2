"""The fine-tuning dataset (``finetune/dataset``): chat examples from warehouse rows, PII scrubbed.

``build_dataset(conversations, plans, scrubber, config)`` takes plain rows and returns the splits,
a report and the content hash; ``write_dataset(store, built)`` writes them under
``datasets/finetune/version=<hash16>/``. The scrubber is passed in (anything with
``scrub_messages``), so this package never imports the PII package or dagster.
"""

from .builder import BuiltDataset, Scrubber, build_dataset, content_hash
from .card import card_markdown, token_histogram_png
from .config import DatasetConfig
from .report import DatasetReport
from .selection import select_conversation
from .split import SPLITS, split_of
from .tokens import TokenCounter, approx_tokens, hf_token_counter
from .writer import dataset_prefix, jsonl_split_key, read_jsonl_split, write_dataset, write_jsonl_splits

__all__ = [
    "SPLITS",
    "BuiltDataset",
    "DatasetConfig",
    "DatasetReport",
    "Scrubber",
    "TokenCounter",
    "approx_tokens",
    "build_dataset",
    "card_markdown",
    "content_hash",
    "dataset_prefix",
    "hf_token_counter",
    "jsonl_split_key",
    "read_jsonl_split",
    "select_conversation",
    "split_of",
    "token_histogram_png",
    "write_dataset",
    "write_jsonl_splits",
]
