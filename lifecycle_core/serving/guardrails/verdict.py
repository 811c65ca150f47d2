"""What a guardrail says when it fires, and what the output filter lets through."""

from __future__ import annotations

from dataclasses import dataclass

INPUT_KINDS = ("abuse", "others_data", "prompt_injection", "unsafe_medical", "harmful_offtopic")
OUTPUT_KINDS = ("foreign_identifier", "medical_advice", "impolite")
ACTIONS = ("block", "redirect", "redact")


@dataclass(frozen=True)
class Verdict:
    guardrail: str  # the component that fired (also sent in an HTTP header)
    kind: str  # one of INPUT_KINDS or OUTPUT_KINDS
    action: str  # one of ACTIONS
    reply: str  # what the member sees instead (block, redirect); "" for redact
    detail: str  # de-identified reason for the log: a rule id or "classifier p=0.93", never user text


@dataclass(frozen=True)
class Emit:
    text: str  # safe to send now (already redacted)
    blocked: Verdict | None = None  # the answer stops here: nothing after this point is sent


__all__ = ["ACTIONS", "INPUT_KINDS", "OUTPUT_KINDS", "Emit", "Verdict"]
