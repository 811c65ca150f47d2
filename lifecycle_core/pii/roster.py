"""The member roster (rows of warehouse.member_pii) as lookup sets for the name and birth-date matchers.

Everything is keyed by lowercased tokens in hash sets, so a 200k-member roster builds in about a
second and matching cost per message does not grow with the roster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

# Letters with inner apostrophes or hyphens: "O'Brien", "Garcia-Lopez" are one token each.
WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|['\u2019-](?=[A-Za-z]))*")


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.lower().replace("\u2019", "'") for t in WORD.findall(name or ""))


class Roster:
    """Known members: full names (first + last tokens), first and last names alone, birth dates."""

    def __init__(self) -> None:
        self.full_names: set[tuple[str, ...]] = set()
        self.lengths: list[int] = []  # token counts of full names, longest first
        self.name_starts: set[str] = set()  # first token of some full name, to skip most words fast
        self.reversed_names: set[tuple[str, ...]] = set()  # (last tokens..., first tokens...) for "LOPEZ, MARIA"
        self.first_names: set[str] = set()
        self.last_names: set[str] = set()
        self.dobs: set[str] = set()  # ISO dates
        self._count = 0

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping]) -> Roster:
        roster = cls()
        lengths = set()
        full, rev, starts = roster.full_names, roster.reversed_names, roster.name_starts
        for row in rows:
            roster._count += 1
            first, last = name_tokens(row.get("first_name")), name_tokens(row.get("last_name"))
            if first:
                roster.first_names.add(first[0])
            if last:
                roster.last_names.add(" ".join(last))
            if first and last:
                full.add(first + last)
                rev.add(last + first)
                starts.add(first[0])
                lengths.add(len(first) + len(last))
            dob = row.get("date_of_birth")
            if isinstance(dob, date):
                roster.dobs.add(dob.isoformat())
            elif dob:
                roster.dobs.add(str(dob)[:10])
        roster.lengths = sorted(lengths, reverse=True)
        return roster

    def __len__(self) -> int:
        return self._count
