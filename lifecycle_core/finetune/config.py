"""What the fine-tuning dataset is built from and how: one frozen config, validated early."""

from __future__ import annotations

from dataclasses import dataclass

from ..common.settings import setting

DEFAULT_SYSTEM_PROMPT = (
    "You are the member services assistant of Heartland Mutual, a health insurer. Answer the member's "
    "questions about benefits, claims, providers, prior authorization, pharmacy and billing from the "
    "member's plan, accurately and politely. Never reveal personal data such as names, member IDs, "
    "Social Security numbers, phone numbers, emails or addresses."
)


@dataclass(frozen=True)
class DatasetConfig:
    window_days: int = setting(90, "The last N days of warehouse partitions that have conversations.")
    max_tokens: int = setting(1024, "Longest example in tokens; longer examples are dropped whole, never truncated.")
    conversation_share: float = setting(0.7, "Target share of support conversations in train.")
    plan_qa_share: float = setting(0.3, "Target share of plan question-answer pairs in train (capped, see mixing.py).")
    validation_fraction: float = setting(0.1, "Share of conversations in the validation split (split by conversation).")
    test_fraction: float = setting(0.1, "Share of conversations in the test split.")
    near_duplicate_threshold: float = setting(
        0.9, "Estimated Jaccard of word 3-shingles above which examples are near-duplicates (one is kept)."
    )
    seed: int = setting(0, "Salts the split and mixing hashes; changing it reshuffles the splits.")
    system_prompt: str = setting(DEFAULT_SYSTEM_PROMPT, "The system message of every example.")
    member_context: bool = setting(
        True,
        "Append the conversation's own member's context block (plan, accumulators, recent claims; scrubbed) to "
        "its system message, in the format the gateway injects, so the adapter learns to read it.",
    )

    def __post_init__(self) -> None:
        # Fail at config time: a bad fraction would otherwise show up as an empty split much later.
        if self.window_days < 1:
            raise ValueError("window_days must be >= 1")
        if self.max_tokens < 16:
            raise ValueError("max_tokens must be >= 16")
        if not (0 <= self.conversation_share <= 1 and 0 <= self.plan_qa_share < 1):
            raise ValueError("conversation_share must be in [0, 1] and plan_qa_share in [0, 1)")
        if abs(self.conversation_share + self.plan_qa_share - 1.0) > 1e-6:
            raise ValueError("conversation_share + plan_qa_share must be 1")
        if not (
            0 <= self.validation_fraction
            and 0 <= self.test_fraction
            and self.validation_fraction + self.test_fraction < 1
        ):
            raise ValueError("validation_fraction and test_fraction must be >= 0 and sum to < 1")
        if not 0 < self.near_duplicate_threshold <= 1:
            raise ValueError("near_duplicate_threshold must be in (0, 1]")
