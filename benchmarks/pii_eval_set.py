"""The PII evaluation set written independently of the synthetic feed: messages with character spans per type.

Sources are plain text under `benchmarks/data/pii_eval/source/`, one message per line:

    member<TAB>chat-shorthand<TAB>hi its [[MEMBER_NAME|maria lopez]] my id is [[MEMBER_ID|XJH 4482 1190-02]]

(speaker, style, the message with each piece of personal data marked `[[TYPE|value]]`). Lines starting
with `#` and blank lines are skipped; a message with no mark is a negative (no personal data, look-alikes
allowed). The marks are removed and become spans, so labels and text cannot disagree. This set is for
measurement only: no detector is trained or tuned on it.

    python benchmarks/pii_eval_set.py     # validates the sources and prints counts by type, speaker and style
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "benchmarks" / "data" / "pii_eval" / "source"
MARK = re.compile(r"\[\[([A-Z_]+)\|([^\[\]|]+)\]\]")
SPEAKERS = ("member", "agent")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


@dataclass
class Message:
    id: str
    speaker: str
    style: str
    text: str
    spans: list[Span] = field(default_factory=list)


def parse_line(line: str, where: str, types: tuple[str, ...]) -> Message:
    """One source line -> a message, or ValueError naming the file and line."""
    parts = line.split("\t")
    if len(parts) != 3:
        raise ValueError(f"{where}: expected speaker<TAB>style<TAB>message, got {len(parts)} field(s)")
    speaker, style, marked = (p.strip() for p in parts)
    if speaker not in SPEAKERS:
        raise ValueError(f"{where}: speaker {speaker!r} is not one of {SPEAKERS}")
    text, spans, cursor = [], [], 0
    length = 0
    for mark in MARK.finditer(marked):
        kind, value = mark.group(1), mark.group(2)
        if kind not in types:
            raise ValueError(f"{where}: unknown type {kind!r}")
        if value != value.strip() or not value:
            raise ValueError(f"{where}: the value of {kind} has leading or trailing spaces: {value!r}")
        before = marked[cursor : mark.start()]
        text.append(before)
        length += len(before)
        spans.append(Span(length, length + len(value), kind))
        text.append(value)
        length += len(value)
        cursor = mark.end()
    text.append(marked[cursor:])
    joined = "".join(text)
    if "[[" in joined or "]]" in joined:
        raise ValueError(f"{where}: a mark is not closed or not of the form [[TYPE|value]]")
    return Message(id=where, speaker=speaker, style=style, text=joined, spans=spans)


def load(sources: Path = SOURCES) -> list[Message]:
    """Every message of every source file, in file then line order; duplicates (same text) are refused."""
    from lifecycle_core.pii import PII_TYPES

    messages, seen = [], {}
    for path in sorted(sources.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            message = parse_line(line, f"{path.name}:{number}", PII_TYPES)
            if message.text in seen:
                raise ValueError(f"{message.id}: the same message as {seen[message.text]}")
            seen[message.text] = message.id
            messages.append(message)
    return messages


def main() -> None:
    sys.path.insert(0, str(ROOT))
    messages = load()
    positives = [m for m in messages if m.spans]
    print(f"{len(messages)} messages: {len(positives)} with personal data, {len(messages) - len(positives)} without")
    print("spans by type:", dict(Counter(s.type for m in messages for s in m.spans).most_common()))
    print("by speaker:", dict(Counter(m.speaker for m in messages)))
    print("by style:", dict(Counter(m.style for m in messages).most_common()))


if __name__ == "__main__":
    main()
