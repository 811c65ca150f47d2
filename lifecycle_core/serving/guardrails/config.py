"""The guardrails' settings, declared once: the gateway, the training asset and the tests read these."""

from __future__ import annotations

from dataclasses import dataclass

from ...common.settings import setting
from ...pii import PII_TYPES


@dataclass(frozen=True)
class GuardrailConfig:
    """How the guardrails run in the gateway: the answer's hold-back window, what is checked and redacted."""

    hold_back_chars: int = setting(
        96, "Most characters of a streamed answer held back unchecked; at this size the oldest words are released."
    )
    tail_chars: int = setting(
        24, "Characters always kept back when the window fills, so an identifier still arriving is never cut."
    )
    min_segment_chars: int = setting(
        64, "Shortest segment released at a sentence end: shorter sentences wait for the next (context for the checks)."
    )
    history_turns: int = setting(8, "Earlier turns (before the last user turn) scanned for injected instructions.")
    max_classify_chars: int = setting(2000, "Longest text the classifier embeds; rules always read all of it.")
    redact_types: tuple[str, ...] = setting(
        tuple(t for t in PII_TYPES if t not in ("NPI", "URL", "IP_ADDRESS")),
        "PII types redacted from answers unless they are the caller's (a provider's NPI and web addresses are "
        "public directory data, not a person's).",
    )
    public_numbers: tuple[str, ...] = setting(
        ("1-800-222-1222", "988", "911"),
        "Phone numbers any answer may give (Poison Control, the 988 Lifeline, emergencies; add member services).",
    )
    use_classifier: bool = setting(True, "False: rules only (no model loaded, e.g. before the first training).")

    def __post_init__(self) -> None:
        if not 16 <= self.tail_chars < self.hold_back_chars or not 0 <= self.min_segment_chars <= self.hold_back_chars:
            raise ValueError("need 16 <= tail_chars < hold_back_chars and 0 <= min_segment_chars <= hold_back_chars")
        unknown = set(self.redact_types) - set(PII_TYPES)
        if unknown:
            raise ValueError(f"unknown PII types in redact_types: {sorted(unknown)}")


@dataclass(frozen=True)
class TrainConfig:
    """How the guardrail classifier is trained: folds, how thresholds are chosen, regularization, features."""

    folds: int = setting(5, "Cross-validation folds for the reported figures and the thresholds.")
    max_benign_fp: float = setting(0.006, "Highest share of benign rows one label's threshold may let fire (on CV).")
    min_threshold: float = setting(0.5, "No label fires below this probability, whatever CV allows.")
    screen_recall: float = setting(0.99, "Share of each output label's rows the cheap screen must pass on (on CV).")
    c: float = setting(16.0, "Inverse L2 strength of the logistic regressions.")
    char_features: int = setting(
        2**17, "Hashed n-gram features (characters, words, word pairs) of the de-obfuscated text."
    )

    def __post_init__(self) -> None:
        if self.folds < 2 or not 0 <= self.max_benign_fp < 1 or not 0 < self.screen_recall <= 1:
            raise ValueError("need folds >= 2, 0 <= max_benign_fp < 1 and 0 < screen_recall <= 1")


# The defaults as values, for signatures (a call in a default argument would be made once anyway).
DEFAULT_CONFIG = GuardrailConfig()
DEFAULT_TRAINING = TrainConfig()

__all__ = ["DEFAULT_CONFIG", "DEFAULT_TRAINING", "GuardrailConfig", "TrainConfig"]
