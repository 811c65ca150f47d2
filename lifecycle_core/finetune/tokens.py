"""Token counts for the max-length rule.

``approx_tokens`` is an approximation (words, numbers and single punctuation marks) used until the
base model's tokenizer is wired in (issue 4); BPE tokenizers give roughly 1-1.5x as many tokens on
English support chat, so ``max_tokens`` has headroom. Pass ``hf_token_counter(tokenizer)`` to count
exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

# Role markers and separators the chat template adds around each message (Llama/Qwen templates add 4-6).
TEMPLATE_TOKENS_PER_MESSAGE = 5

_PIECE = re.compile(r"\w+|[^\w\s]")


class TokenCounter(Protocol):
    def __call__(self, text: str, /) -> int: ...


def approx_tokens(text: str) -> int:
    return len(_PIECE.findall(text))


def hf_token_counter(tokenizer: Any) -> TokenCounter:
    """Count with a Hugging Face tokenizer, without special tokens (the template overhead covers them)."""

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False).input_ids)

    return count


def example_tokens(messages: Sequence[dict], counter: TokenCounter = approx_tokens) -> int:
    """Tokens of a chat example as the trainer will see it: contents plus per-message template overhead."""
    return sum(counter(m["content"]) + TEMPLATE_TOKENS_PER_MESSAGE for m in messages)
