"""Chat examples to token ids with assistant-only labels, packed rows and token-budget micro-batches.

Packing puts several examples in one row; each restarts its position_ids at 0. With no 2D
attention mask and no KV cache, transformers (masking_utils.find_packed_sequence_indices) reads the
restarts as document boundaries and confines attention to each document, for SDPA, eager, flex
and flash alike. tests/core/test_training.py proves it: packed and unpacked losses agree.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from typing import Any

import torch

IGNORE = -100


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]  # IGNORE except on assistant turns

    def __len__(self) -> int:
        return len(self.input_ids)

    @property
    def n_labels(self) -> int:
        return sum(label != IGNORE for label in self.labels)


def _render(tokenizer: Any, messages: list[dict], generation_prompt: bool = False) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=generation_prompt)


def assistant_spans(tokenizer: Any, messages: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character span of each assistant reply.

    A reply runs from the end of the prompt rendered with the generation header to the end of the
    conversation rendered through that reply: its end-of-turn marker included, so the model learns
    to stop; whitespace the template adds after the marker left out, as in a ``{% generation %}``
    mask. Works for any template whose rendering of a prefix is a prefix of the whole.
    """
    text = _render(tokenizer, messages)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = _render(tokenizer, messages[:i], generation_prompt=True)
        through = _render(tokenizer, messages[: i + 1])
        if not (text.startswith(through) and through.startswith(before)):
            raise ValueError("chat template renders prefixes inconsistently; cannot locate assistant turns")
        spans.append((len(before), len(through.rstrip())))
    return text, spans


def encode(tokenizer: Any, messages: list[dict]) -> Encoded:
    """Token ids of the templated conversation; labels on the tokens that start inside a reply."""
    text, spans = assistant_spans(tokenizer, messages)
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, labels, k = enc["input_ids"], [], 0
    for token_id, (start, _end) in zip(ids, enc["offset_mapping"], strict=True):
        while k < len(spans) and start >= spans[k][1]:
            k += 1
        labels.append(token_id if k < len(spans) and start >= spans[k][0] else IGNORE)
    if labels:
        labels[0] = IGNORE  # nothing predicts a row's first token; packed rows must not either
    return Encoded(list(ids), labels)


def encode_all(tokenizer: Any, examples: list[dict], max_seq_len: int) -> tuple[list[Encoded], dict[str, int]]:
    """Encode; drop (and count) examples over max_seq_len or with no assistant token."""
    kept, dropped = [], {"too_long": 0, "no_labels": 0}
    for ex in examples:
        enc = encode(tokenizer, ex["messages"])
        if len(enc) > max_seq_len:
            dropped["too_long"] += 1
        elif enc.n_labels == 0:
            dropped["no_labels"] += 1
        else:
            kept.append(enc)
    return kept, dropped


def pack(lengths: list[int], capacity: int, rng: random.Random) -> list[list[int]]:
    """Best-fit decreasing: indices grouped into rows of at most ``capacity`` tokens, rows shuffled."""
    order = list(range(len(lengths)))
    rng.shuffle(order)  # ties in length break differently each epoch
    order.sort(key=lambda i: -lengths[i])
    rows: list[list[int]] = []
    free: list[tuple[int, int]] = []  # (remaining capacity, row index), sorted
    for i in order:
        pos = bisect.bisect_left(free, (lengths[i], -1))
        if pos == len(free):
            rows.append([i])
            bisect.insort(free, (capacity - lengths[i], len(rows) - 1))
        else:
            room, r = free.pop(pos)
            rows[r].append(i)
            bisect.insort(free, (room - lengths[i], r))
    rng.shuffle(rows)
    return rows


def micro_batches(rows: list[list[int]], lengths: list[int], tokens_per_batch: int) -> list[list[list[int]]]:
    """Consecutive rows grouped while rows x longest row stays within the padded-token budget."""
    batches: list[list[list[int]]] = []
    current: list[list[int]] = []
    longest = 0
    for row in rows:
        n = sum(lengths[i] for i in row)
        if current and (len(current) + 1) * max(longest, n) > tokens_per_batch:
            batches.append(current)
            current, longest = [], 0
        current.append(row)
        longest = max(longest, n)
    if current:
        batches.append(current)
    return batches


def epoch_batches(
    encoded: list[Encoded], max_seq_len: int, tokens_per_batch: int, packing: bool, seed: int | None
) -> list[list[list[int]]]:
    """One epoch's micro-batches (rows of example indices); seed None keeps the given order (eval)."""
    lengths = [len(e) for e in encoded]
    if packing:
        rows = pack(lengths, max_seq_len, random.Random(seed if seed is not None else 0))
        if seed is None:
            rows.sort(key=min)
    else:
        rows = [[i] for i in range(len(encoded))]
        if seed is not None:
            random.Random(seed).shuffle(rows)
    return micro_batches(rows, lengths, tokens_per_batch)


def collate(batch: list[list[int]], encoded: list[Encoded], pad_id: int) -> dict[str, torch.Tensor]:
    """Rows to tensors. Padding is its own document (positions from 0, labels ignored), so the
    packed-sequence mask keeps it apart from real tokens."""
    width = max(sum(len(encoded[i]) for i in row) for row in batch)
    ids, labels, pos = [], [], []
    for row in batch:
        r_ids, r_labels, r_pos = [], [], []
        for i in row:
            r_ids += encoded[i].input_ids
            r_labels += encoded[i].labels
            r_pos += range(len(encoded[i]))
        pad = width - len(r_ids)
        ids.append(r_ids + [pad_id] * pad)
        labels.append(r_labels + [IGNORE] * pad)
        pos.append(r_pos + list(range(pad)))
    return {"input_ids": torch.tensor(ids), "labels": torch.tensor(labels), "position_ids": torch.tensor(pos)}


def batch_tokens(batch: list[list[int]], encoded: list[Encoded]) -> tuple[int, int]:
    """(real tokens, label tokens) of a micro-batch."""
    return (sum(len(encoded[i]) for row in batch for i in row), sum(encoded[i].n_labels for row in batch for i in row))


__all__ = [
    "IGNORE",
    "Encoded",
    "assistant_spans",
    "batch_tokens",
    "collate",
    "encode",
    "encode_all",
    "epoch_batches",
    "micro_batches",
    "pack",
]
