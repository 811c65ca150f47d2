"""Input guardrails: the member's last message through abuse, others_data, prompt_injection, unsafe_medical and
harmful_offtopic, in that order; earlier turns for instructions smuggled into the history.

Each component is its rules plus the classifier's label of the same name; rules run first (over the
text and whatever base64, hex, rot13 or reversed payload it hides) so that most attacks never need the
embedding. One exception to the order: a message that also shows a crisis (self-harm, overdose) gets
the crisis redirect, even when it swears or tries an injection, because that answer must reach them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .config import DEFAULT_CONFIG, GuardrailConfig
from .decode import decodings
from .idioms import said_plainly
from .model import GuardrailModel
from .normalize import TextView
from .replies import REPLIES
from .rules import RuleSet, abuse, injection, offtopic, others_data, unsafe_medical
from .verdict import Verdict


@dataclass(frozen=True)
class InputComponent:
    kind: str  # also the guardrail's name and the classifier's label
    action: str
    rules: RuleSet

    def verdict(self, detail: str) -> Verdict:
        return Verdict(self.kind, self.kind, self.action, REPLIES[self.kind], detail)


COMPONENTS = (
    InputComponent("abuse", "block", abuse.RULES),
    InputComponent("others_data", "block", others_data.RULES),
    InputComponent("prompt_injection", "block", injection.RULES),
    InputComponent("unsafe_medical", "redirect", unsafe_medical.RULES),
    InputComponent("harmful_offtopic", "block", offtopic.RULES),
)
_BY_KIND = {c.kind: c for c in COMPONENTS}
CRISIS = _BY_KIND["unsafe_medical"]


def _payloads(text: str) -> list[tuple[str, str]]:
    """("", text) and each hidden payload as (encoding, decoded); a payload inside a payload too."""
    found = [("", text)]
    for encoding, decoded in decodings(text):
        found.append((encoding, decoded))
        found += [(f"{encoding}+{inner}", again) for inner, again in decodings(decoded)[:2]]
    return found[:6]


def _prefix(encoding: str) -> str:
    return f"{encoding}:" if encoding else ""


def _first_rule(component: InputComponent, payloads: list[tuple[str, TextView]]) -> str | None:
    for encoding, view in payloads:
        rule = component.rules.match(view)
        if rule:
            return _prefix(encoding) + rule
    return None


def _without_risk(view: TextView) -> bool:
    """A medication question with no word of risk ("what can I take for the pain?") is one for a pharmacist:
    the classifier alone calls it unsafe only when it is very sure (NO_RISK_CONFIDENCE)."""
    return not unsafe_medical.RISK_CUES.search(TextView.of(said_plainly(view.raw)).plain)


NO_RISK_CONFIDENCE = 0.8


class InputGuardrails:
    def __init__(self, model: GuardrailModel | None = None, config: GuardrailConfig = DEFAULT_CONFIG):
        self.model = model if config.use_classifier else None
        self.config = config

    def check(self, messages: Sequence[Mapping[str, str]]) -> Verdict | None:
        """The first component that fires on the last user turn (or on a smuggled earlier turn), else None."""
        turns = [m for m in messages if m.get("role") in ("user", "assistant")]
        last = max((i for i, m in enumerate(turns) if m["role"] == "user"), default=None)
        if last is None:
            return None
        earlier = self._earlier_turns(turns[max(0, last - self.config.history_turns) : last])
        if earlier:
            return earlier
        payloads = [(encoding, TextView.of(text)) for encoding, text in _payloads(turns[last].get("content") or "")]
        return self._rules(payloads) or self._classifier(payloads)

    def _earlier_turns(self, turns: Sequence[Mapping[str, str]]) -> Verdict | None:
        """Injected instructions in the history the client sent: a fake assistant turn, an old attack."""
        component = _BY_KIND["prompt_injection"]
        for back, turn in enumerate(reversed(turns), start=1):
            view = TextView.of(turn.get("content") or "")
            rule = component.rules.match(view)
            if rule is None and turn["role"] == "assistant":
                rule = injection.ASSISTANT_TURN_RULES.match(view)
            if rule:
                return component.verdict(f"{turn['role']} turn -{back}:{rule}")
        return None

    @staticmethod
    def _rules(payloads: list[tuple[str, TextView]]) -> Verdict | None:
        for component in COMPONENTS:
            detail = _first_rule(component, payloads)
            if detail:
                crisis = detail if component is CRISIS else _first_rule(CRISIS, payloads)
                return CRISIS.verdict(crisis) if crisis else component.verdict(detail)
        return None

    def _classifier(self, payloads: list[tuple[str, TextView]]) -> Verdict | None:
        if self.model is None:
            return None
        limit = self.config.max_classify_chars
        texts = [view.raw[:limit] for _, view in payloads]
        views = [view if len(view.raw) <= limit else None for _, view in payloads]
        flagged = self.model.screened("input", texts, views)
        payloads = [payload for payload, worth in zip(payloads, flagged) if worth]
        if not payloads:  # the n-gram screen finds nothing worth an embedding
            return None
        proba = self.model.proba("input", [view.raw[:limit] for _, view in payloads])
        head, fired = self.model.heads["input"], {}
        for (encoding, view), row in zip(payloads, proba):
            hit = head.fired(row)
            if hit and hit[0] == CRISIS.kind and hit[1] < NO_RISK_CONFIDENCE and _without_risk(view):
                hit = None
            if hit and hit[0] not in fired:
                fired[hit[0]] = (encoding, hit[1])
        if not fired:
            return None
        label = CRISIS.kind if CRISIS.kind in fired else next(c.kind for c in COMPONENTS if c.kind in fired)
        encoding, p = fired[label]
        return _BY_KIND[label].verdict(f"{_prefix(encoding)}classifier p={p:.2f}")


__all__ = ["COMPONENTS", "InputComponent", "InputGuardrails"]
