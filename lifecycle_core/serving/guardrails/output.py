"""Output guardrails: the answer through foreign_identifier (redact), medical_advice (block) and impolite (block),
streamed through a bounded hold-back window.

Text is released at the first sentence end past ``min_segment_chars`` (shorter sentences wait for the
next: "Good question!" alone misleads a classifier), or, when the window passes ``hold_back_chars``,
up to the last word boundary that leaves ``tail_chars`` held. Nothing leaves the window before it is checked:
an identifier is redacted whole, even when it arrived split across chunks ("HM0034" + "56789"), and
a segment that is blocked is never sent. The classifier embeds only segments its n-gram screen
flags, so a plain answer costs no embedding at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...pii import Detection, PiiScrubber, Roster
from .config import DEFAULT_CONFIG, GuardrailConfig
from .model import GuardrailModel
from .normalize import TextView
from .replies import REPLIES
from .rules import impolite, medical_advice
from .verdict import Emit, Verdict

OwnCheck = Callable[[str, str], bool]  # (pii_type, value) -> True if the identifier is the caller's own
PII_CONTEXT_CHARS = 48  # released text the PII detector reads before the window ("member ID is" + the number)
CHECK_CONTEXT_CHARS = 120  # released text the checks read before the segment: a segment alone can mislead
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+|\n")


class OutputGuardrails:
    def __init__(self, model: GuardrailModel | None = None, roster: Roster | None = None,
                 config: GuardrailConfig = DEFAULT_CONFIG):  # fmt: skip
        self.model = model if config.use_classifier else None
        # The roster names every member, so answers need the rules and the roster, not the name model: its
        # guesses would redact public text (a directory's "Dr. Priya Raman", a plan's name) from answers.
        self.scrubber = PiiScrubber(roster, model=False)
        self.config = config
        self.redact_types = frozenset(config.redact_types)
        self.public = frozenset(re.sub(r"\D", "", n).removeprefix("1") or n for n in config.public_numbers)

    def start(self, is_own: OwnCheck) -> OutputFilter:
        """A filter for one answer; ``is_own`` says which identifiers are the caller's (those stay), and the
        configured public numbers (Poison Control, 988) stay in every answer."""
        public = self.public

        def allowed(pii_type: str, value: str) -> bool:
            return (pii_type == "PHONE" and re.sub(r"\D", "", value).removeprefix("1") in public) or is_own(
                pii_type, value
            )

        return OutputFilter(self, allowed)

    def blocked(self, text: str) -> Verdict | None:
        """medical_advice, then impolite, on one segment (with the end of the released text in front)."""
        view = TextView.of(text)
        rule = medical_advice.RULES.match(view)
        if rule:
            return Verdict("medical_advice", "medical_advice", "block", REPLIES["medical_advice"], rule)
        rule = impolite.match(view)
        if rule:
            return Verdict("impolite", "impolite", "block", REPLIES["impolite"], rule)
        if self.model is None or not self.model.screened("output", [text], [view])[0]:
            return None
        fired = self.model.classify("output", text, view)
        if fired is None:
            return None
        label, p = fired
        return Verdict(label, label, "block", REPLIES[label], f"classifier p={p:.2f}")


class OutputFilter:
    """One answer: feed() each streamed piece, then finish(); redactions lists what was redacted so far."""

    def __init__(self, guardrails: OutputGuardrails, is_own: OwnCheck):
        self._guardrails, self._is_own = guardrails, is_own
        self._held = ""  # received and not yet released
        self._released_tail = ""  # the end of what was released, as received: context for the next checks
        self._stopped: Verdict | None = None
        self._finished = False
        self.redactions: list[Verdict] = []

    @property
    def held(self) -> int:
        """Characters received and not yet released."""
        return len(self._held)

    def feed(self, text: str) -> Emit:
        if self._stopped or self._finished:  # after a block nothing more is sent
            return Emit("", self._stopped)
        self._held += text
        return self._drain(final=False)

    def finish(self) -> Emit:
        if self._stopped or self._finished:
            return Emit("", self._stopped)
        self._finished = True
        return self._drain(final=True)

    def _drain(self, final: bool) -> Emit:
        released = []
        while self._held:
            cut = len(self._held) if final else self._candidate_cut()
            if cut == 0:
                break
            detections = self._detect()
            cut = self._around_identifiers(cut, detections, final)
            if cut == 0:
                break
            blocked = self._guardrails.blocked(self._context() + self._held[:cut])
            if blocked:
                self._stopped, self._held = blocked, ""
                return Emit("".join(released), blocked)
            released.append(self._redacted(cut, detections))
            self._advance(cut)
        return Emit("".join(released))

    def _candidate_cut(self) -> int:
        """After the first sentence that makes the segment long enough; else, past the window, the last word
        boundary that leaves a tail."""
        config = self._guardrails.config
        end = _SENTENCE_END.search(self._held, config.min_segment_chars)
        if end:
            return end.end()
        if len(self._held) <= config.hold_back_chars:
            return 0
        limit = len(self._held) - config.tail_chars
        space = max(self._held.rfind(" ", 0, limit), self._held.rfind("\n", 0, limit))
        return space + 1 if space >= 0 else limit

    def _detect(self) -> list[Detection]:
        """Identifiers in the window, offsets relative to it (negative: begun in released text)."""
        shift = len(self._released_tail[-PII_CONTEXT_CHARS:])
        text = self._released_tail[-PII_CONTEXT_CHARS:] + self._held
        found = self._guardrails.scrubber.detect(text)
        return [Detection(d.start - shift, d.end - shift, d.pii_type, d.value) for d in found if d.end > shift]

    def _around_identifiers(self, cut: int, detections: list[Detection], final: bool) -> int:
        """Move the cut so no identifier is split: an identifier still arriving (it reaches the end of the
        window) stays held; a complete one that straddles the cut goes out whole."""
        for d in detections:
            growing = not final and d.end >= len(self._held)
            if growing:
                cut = min(cut, max(d.start, 0))
            elif d.start < cut < d.end:
                cut = d.end
        overflow = len(self._held) - 4 * self._guardrails.config.hold_back_chars
        return max(cut, overflow, 0) if cut == 0 and overflow > 0 else cut

    def _redacted(self, cut: int, detections: list[Detection]) -> str:
        parts, at = [], 0
        for d in detections:
            if d.start >= cut or d.pii_type not in self._guardrails.redact_types or self._is_own(d.pii_type, d.value):
                continue
            start, end = max(d.start, at), min(d.end, cut)
            parts += (self._held[at:start], f"[{d.pii_type}]")
            at = end
            self.redactions.append(Verdict("foreign_identifier", "foreign_identifier", "redact", "",
                                           f"pii:{d.pii_type}"))  # fmt: skip
        parts.append(self._held[at:cut])
        return "".join(parts)

    def _advance(self, cut: int) -> None:
        keep = max(PII_CONTEXT_CHARS, CHECK_CONTEXT_CHARS)
        self._released_tail = (self._released_tail + self._held[:cut])[-keep:]
        self._held = self._held[cut:]

    def _context(self) -> str:
        """The end of the released text, from a word boundary: what the checks read before the segment."""
        tail = self._released_tail[-CHECK_CONTEXT_CHARS:]
        space = tail.find(" ")
        return tail[space + 1 :] if 0 <= space < len(tail) - 1 and len(self._released_tail) > len(tail) else tail


__all__ = ["OutputFilter", "OutputGuardrails", "OwnCheck"]
