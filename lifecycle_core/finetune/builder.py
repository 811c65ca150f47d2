"""Warehouse rows -> the fine-tuning dataset: select, scrub, shape, measure, dedup, split, mix, hash."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

import orjson

from ..serving.context import MemberContext, context_block, with_context
from .config import DatasetConfig
from .dedup import deduplicate
from .examples import conversation_example
from .mixing import cap_plan_qa
from .parse import BadConversation, parse_conversation, partition_of
from .plan_qa import plan_qa_examples
from .report import DatasetReport, make_report
from .selection import select_conversation
from .split import SPLITS, split_of
from .tokens import TokenCounter, approx_tokens, example_tokens


class Scrubbed(Protocol):
    messages: list[str]
    replacements: Mapping[str, int]


ContextOf = Callable[[dict], MemberContext | None]  # conversation -> its own member's context that day


class Scrubber(Protocol):
    """``lifecycle_core.pii.PiiScrubber`` or anything shaped like it; raises when it cannot scrub."""

    def scrub_messages(self, texts: list[str], /) -> Scrubbed: ...


@dataclass
class BuiltDataset:
    examples: dict[str, list[dict]]  # split -> examples sorted by id
    report: DatasetReport
    content_hash: str  # sha256 hex of the canonical examples; the asset's data version
    plans: list[dict] = field(default_factory=list)  # the plan catalog it was built with (for evaluation)

    @property
    def version(self) -> str:
        return self.content_hash[:16]

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.examples.values())


def canonical_bytes(example: dict) -> bytes:
    return orjson.dumps(example, option=orjson.OPT_SORT_KEYS)


def content_hash(splits: Mapping[str, Sequence[dict]]) -> str:
    """sha256 over each split's name and its examples' canonical JSON, splits in SPLITS order."""
    h = hashlib.sha256()
    for name in SPLITS:
        h.update(f"#{name}\n".encode())
        for ex in splits.get(name, ()):
            h.update(canonical_bytes(ex))
            h.update(b"\n")
    return h.hexdigest()


def _conversation_examples(conversations, scrubber, config, counter, dropped, partitions, context_of):
    """Yield (example, pii Counter, tokens) for each usable conversation; count every drop.

    With ``context_of``, the system message carries the member's context block, scrubbed in one
    pass with the messages (so a claim number gets the same placeholder in both).
    """
    for row in conversations:
        try:
            conv = parse_conversation(row)
        except BadConversation:
            dropped["unparseable"] += 1
            continue
        if (part := partition_of(conv)) is not None:
            partitions.add(part)
        keep, reason = select_conversation(conv)
        if not keep:
            dropped[reason] += 1
            continue
        texts = [m["text"] for m in conv["messages"]]
        ctx = context_of(conv) if context_of is not None else None
        block = [context_block(ctx)] if ctx is not None else []
        try:
            scrubbed = scrubber.scrub_messages(texts + block)
            if len(scrubbed.messages) != len(texts) + len(block):
                raise ValueError("scrubber changed the number of messages")
        except Exception:  # noqa: BLE001 - any scrubber failure drops the conversation, never keeps it raw
            dropped["scrub_failed"] += 1
            continue
        system = with_context(config.system_prompt, scrubbed.messages[-1]) if block else config.system_prompt
        ex = conversation_example(conv, scrubbed.messages[: len(texts)], system)
        if len(ex["messages"]) < 3:  # only system left: e.g. every agent turn came before the member's
            dropped["no_exchange"] += 1
            continue
        n = example_tokens(ex["messages"], counter)
        if n > config.max_tokens:
            dropped["too_long"] += 1
            continue
        yield ex, Counter(scrubbed.replacements), n


def build_dataset(
    conversations: Iterable[Any],
    plans: Iterable[Mapping],
    scrubber: Scrubber,
    config: DatasetConfig | None = None,
    token_counter: TokenCounter = approx_tokens,
    context_of: ContextOf | None = None,
) -> BuiltDataset:
    """The dataset from warehouse conversation rows and plan_benefits rows (see README in __init__);
    ``context_of`` gives each conversation's member context (``MemberContexts``), None = no block."""
    config = config if config is not None else DatasetConfig()
    dropped: Counter[str] = Counter()
    partitions: set[str] = set()
    pii: dict[str, Counter] = {}
    tokens: dict[str, int] = {}
    candidates: list[dict] = []
    n_conv = 0

    def counted(rows):
        nonlocal n_conv
        for n_conv, row in enumerate(rows, 1):
            yield row

    for ex, repl, n in _conversation_examples(
        counted(conversations), scrubber, config, token_counter, dropped, partitions, context_of
    ):
        candidates.append(ex)
        pii[ex["id"]], tokens[ex["id"]] = repl, n
    plans = list(plans)
    for ex in plan_qa_examples(plans, config.system_prompt):
        n = example_tokens(ex["messages"], token_counter)
        if n > config.max_tokens:
            dropped["too_long"] += 1
            continue
        candidates.append(ex)
        tokens[ex["id"]] = n

    # Stable order (id, then content) so results never depend on input order; equal ids keep one.
    candidates.sort(key=lambda e: (e["id"], canonical_bytes(e)))
    unique = [e for i, e in enumerate(candidates) if i == 0 or e["id"] != candidates[i - 1]["id"]]
    dropped["duplicate_id"] += len(candidates) - len(unique)
    dedup = deduplicate(unique, config.near_duplicate_threshold)
    dropped["exact_duplicate"] += dedup.exact_duplicates
    dropped["near_duplicate"] += dedup.near_duplicates

    splits: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for ex in dedup.kept:
        splits[split_of(ex["conversation_id"], config.validation_fraction, config.test_fraction, config.seed)].append(
            ex
        )
    dropped["plan_qa_share_cap"] += sum(cap_plan_qa(splits, config.plan_qa_share, config.seed).values())

    report = make_report(splits, dropped, pii, tokens, config, n_conv, plans, partitions)
    catalog = [orjson.loads(orjson.dumps(plan, default=_plain)) for plan in plans]  # JSON-safe (decimals, dates)
    return BuiltDataset(examples=splits, report=report, content_hash=content_hash(splits), plans=catalog)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the plan catalog")
