"""Plan documents -> chunks: one per section, long sections split on sentences with a small overlap.

A Summary of Benefits is a run of sections separated by blank lines, each opened by an UPPERCASE
title line (DEDUCTIBLE, COPAYS, ...). A block without a title continues the section before it, so a
partner's section of several paragraphs stays one section. Every chunk's text starts with the plan
name and the section title: a passage read alone (by the model, in a member's context) says whose
rule it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

# MiniLM reads at most 256 word pieces (about 1,000 characters of English, fewer when dense with
# figures); 800 characters of body leave room for the title line and keep the whole chunk embedded.
MAX_CHARS = 800
OVERLAP_CHARS = 120  # a sentence or so carried into the next piece, so a fact at a cut is not lost
UNTITLED = "OVERVIEW"  # the section of text before the first title

_TITLE = re.compile(r"^[A-Z][A-Z0-9 &/,()'-]*[A-Z0-9)]$")
_BLOCKS = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # within a line; a line break ends a sentence too (list items)


@dataclass(frozen=True)
class Chunk:
    chunk_id: str  # "<plan_id>:<section slug>:<n>": the same document always gives the same ids
    plan_id: str
    plan_name: str
    section: str  # the title as the document prints it
    text: str  # "<plan name> - <section>" on the first line, then the passage: what is embedded and shown


def slug(title: str) -> str:
    """ "OUT-OF-POCKET MAXIMUM" -> "out-of-pocket-maximum"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def sections(document: str) -> list[tuple[str, str]]:
    """(title, body) in document order; untitled blocks join the section they follow."""
    found: list[tuple[str, list[str]]] = []
    for block in _BLOCKS.split((document or "").strip()):
        first, _, rest = block.strip().partition("\n")
        if _TITLE.match(first.strip()):
            found.append((first.strip(), [rest.strip()] if rest.strip() else []))
        elif block.strip():
            if not found:
                found.append((UNTITLED, []))
            found[-1][1].append(block.strip())
    return [(title, "\n\n".join(body)) for title, body in found if body]


def _units(text: str, max_chars: int) -> list[tuple[str, str]]:
    """(sentence, the separator after it): a line break stays one, so a split list keeps its lines."""
    units = []
    for line in text.splitlines():
        sentences = [s for s in _SENTENCE_END.split(line.strip()) if s]
        for i, sentence in enumerate(sentences):
            parts = list(_words(sentence, max_chars))
            units += [(part, "\n" if i == len(sentences) - 1 and j == len(parts) - 1 else " ")
                      for j, part in enumerate(parts)]  # fmt: skip
    return units


def _words(sentence: str, max_chars: int) -> Iterator[str]:
    """A sentence longer than a whole piece, cut between words (or inside a word longer than that)."""
    piece = ""
    for word in sentence.split():
        while len(word) > max_chars:
            if piece:
                yield piece
                piece = ""
            yield word[:max_chars]
            word = word[max_chars:]
        if piece and len(piece) + 1 + len(word) > max_chars:
            yield piece
            piece = ""
        piece = f"{piece} {word}" if piece else word
    if piece:
        yield piece


def _join(units: list[tuple[str, str]]) -> str:
    return "".join(text + sep for text, sep in units).rstrip()


def split_text(text: str, max_chars: int = MAX_CHARS, overlap_chars: int = OVERLAP_CHARS) -> list[str]:
    """`text` as pieces of at most `max_chars`, cut between sentences; each piece after the first
    starts with the last sentences (up to `overlap_chars`) of the one before, where they fit."""
    if overlap_chars < 0 or overlap_chars >= max_chars:
        raise ValueError(f"need 0 <= overlap_chars < max_chars, got {overlap_chars} and {max_chars}")
    if len(text) <= max_chars:
        return [text]
    pieces, current = [], []
    for unit in _units(text, max_chars):
        if current and len(_join([*current, unit])) > max_chars:
            pieces.append(_join(current))
            carried = []
            for sentence in reversed(current):
                if len(_join([sentence, *carried])) > overlap_chars:
                    break
                carried.insert(0, sentence)
            current = carried if len(_join([*carried, unit])) <= max_chars else []
        current.append(unit)
    return [*pieces, _join(current)]


def chunk_plan(plan: Mapping, max_chars: int = MAX_CHARS, overlap_chars: int = OVERLAP_CHARS) -> list[Chunk]:
    """The chunks of one plan record (a warehouse.plan_benefits row or a feed plan record)."""
    plan_id, name = str(plan["plan_id"]), str(plan["plan_name"])
    chunks, seen = [], {}
    for title, body in sections(plan.get("document_text") or ""):
        key = slug(title)
        for piece in split_text(body, max_chars, overlap_chars):
            n = seen.get(key, 0)  # a title printed twice keeps counting, so ids stay unique
            seen[key] = n + 1
            chunks.append(Chunk(f"{plan_id}:{key}:{n}", plan_id, name, title, f"{name} - {title}\n{piece}"))
    return chunks


__all__ = ["MAX_CHARS", "OVERLAP_CHARS", "Chunk", "chunk_plan", "sections", "slug", "split_text"]
