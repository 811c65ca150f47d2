"""Where malformed lines go and how a good record is broken into one.

k malformed lines are spread over a file of T lines with one per bucket [m*T//k, (m+1)*T//k),
at a hashed offset inside the bucket: positions are deterministic, roughly even, and a single
position can be tested in O(1) without listing them (conversations skip malformed claims).
"""

from __future__ import annotations

from datetime import date, timedelta

from .encode import dumps
from .rng import between, mix, pick, record_rng, stable_hash, sub_hash
from .schema import SOURCE_FIELDS

MALFORMED_KINDS = ("truncated_json", "missing_field", "mistyped_field", "impossible_date", "invalid_enum")


def replaced_count(lines: int, share: float) -> int:
    """Malformed lines in a file of `lines` where malformed lines replace records."""
    return int(lines * share + 0.5)


def added_count(good: int, share: float) -> int:
    """Malformed lines added to `good` records so that they make up `share` of the file."""
    return int(good * share / (1.0 - share) + 0.5)


class Slots:
    """k malformed positions among `total` lines."""

    __slots__ = ("_flags", "base", "k", "total")

    def __init__(self, total: int, k: int, base: int):
        self.total, self.k, self.base = total, min(k, total), base
        self._flags: bytearray | None = None

    @property
    def flags(self) -> bytearray:
        """One byte per line, 1 where malformed: O(1) lookups for hot loops, 1 MB per million lines."""
        if self._flags is None:
            flags = bytearray(self.total)
            for pos, _ in self:
                flags[pos] = 1
            self._flags = flags
        return self._flags

    def _start(self, m: int) -> int:
        return m * self.total // self.k

    def position(self, m: int) -> int:
        start = self._start(m)
        return start + sub_hash(self.base, m) % (self._start(m + 1) - start)

    def bucket(self, pos: int) -> int | None:
        """The slot number m if line `pos` is malformed, else None."""
        if self.k == 0:
            return None
        m = pos * self.k // self.total
        while m + 1 < self.k and self._start(m + 1) <= pos:
            m += 1
        while m > 0 and self._start(m) > pos:
            m -= 1
        return m if self.position(m) == pos else None

    def kind(self, m: int) -> str:
        return MALFORMED_KINDS[mix(sub_hash(self.base, m) ^ 0xA5A5) % len(MALFORMED_KINDS)]

    def __iter__(self):
        """(position, kind) in file order."""
        for m in range(self.k):
            yield self.position(m), self.kind(m)


def slots_for(seed: int, share: float, day: date, source: str, good_lines: int) -> Slots:
    """Malformed positions of one file. Members' malformed lines are extra broken copies (so every
    referenced member still has a good row); in the other sources they replace records."""
    base = stable_hash(seed, day, source, "malformed")
    if source == "members":
        k = added_count(good_lines, share)
        return Slots(good_lines + k, k, base)
    return Slots(good_lines, replaced_count(good_lines, share), base)


def _bad_date(rnd, year: int) -> str:
    return pick(rnd, (f"{year}-02-30", f"{year}-02-31", f"{year}-04-31", f"{year}-13-01", f"{year}-00-10"))


def _mistype(source: str, rec: dict, rnd) -> None:
    if source == "members":
        key = pick(rnd, ("zip", "phone", "date_of_birth"))
        if key == "zip":
            rec["zip"] = int(rec["zip"])
        elif key == "phone":
            rec["phone"] = int("".join(c for c in rec["phone"] if c.isdigit()))
        else:
            y, m, d = rec["date_of_birth"].split("-")
            rec["date_of_birth"] = int(f"{y}{m}{d}")
    elif source == "claims":
        key = pick(rnd, ("billed_amount", "allowed_amount", "paid_amount", "member_responsibility"))
        rec[key] = pick(rnd, (f"{rec[key]:.2f} USD", f"${rec[key]:,.2f}", f"{rec[key]:.2f}"))
    elif source == "conversations":
        key = pick(rnd, ("resolved", "csat", "messages"))
        if key == "resolved":
            rec["resolved"] = pick(rnd, ("yes", "no", "Y", "1"))
        elif key == "csat":
            rec["csat"] = pick(rnd, ("5", "five", "4.5", "N/A"))
        else:
            rec["messages"] = "\n".join(m["text"] for m in rec["messages"])
    else:
        key = pick(rnd, ("accepting_new_patients", "network_plan_ids", "npi"))
        if key == "accepting_new_patients":
            rec[key] = pick(rnd, ("Y", "N", "yes", "true"))
        elif key == "network_plan_ids":
            rec[key] = ";".join(rec[key])
        else:
            rec[key] = int(rec[key])


def _impossible_date(source: str, rec: dict, rnd, day: date) -> None:
    if source == "members":
        if rnd() < 0.5:  # born after the file was written
            rec["date_of_birth"] = (day + timedelta(days=between(rnd, 30, 400))).isoformat()
        else:
            rec["date_of_birth"] = _bad_date(rnd, int(rec["date_of_birth"][:4]))
    elif source == "claims":
        received = date.fromisoformat(rec["received_date"])
        if rnd() < 0.5:  # service after receipt
            rec["service_date"] = (received + timedelta(days=between(rnd, 1, 20))).isoformat()
        else:
            rec["received_date"] = _bad_date(rnd, received.year)
    else:
        key = "started_at" if source == "conversations" else "updated_at"
        rec[key] = _bad_date(rnd, day.year) + rec[key][10:]


_BAD_ENUMS = {
    "members": (("sex", ("Female", "U", "male", "")), ("state", ("Ohio", "o h", "N/A"))),
    "claims": (("status", ("approved", "rejected", "PAID", "processing")),),
    "conversations": (("channel", ("sms", "whatsapp", "Chat")), ("topic", ("other", "covid", "Benefits"))),
    "providers": (("specialty", ("Unknown", "N/A", "General")),),
}


def _invalid_enum(source: str, rec: dict, rnd) -> None:
    if source == "conversations" and rnd() < 0.3 and rec["messages"]:
        rec["messages"] = [dict(m) for m in rec["messages"]]
        rec["messages"][0]["role"] = pick(rnd, ("bot", "customer", "Member"))
        return
    key, values = pick(rnd, _BAD_ENUMS[source])
    rec[key] = pick(rnd, values)


def corrupt(source: str, record: dict, kind: str, day: date, seed_hash: int) -> bytes:
    """The malformed line that replaces (or duplicates) `record`."""
    rnd = record_rng(seed_hash, 0).random
    rec = dict(record)
    if kind == "truncated_json":
        line = dumps(rec)
        # Any proper prefix of a JSON object is invalid JSON (the closing brace is missing).
        return line[: 1 + int(rnd() * (len(line) - 2))]
    if kind == "missing_field":
        del rec[pick(rnd, tuple(SOURCE_FIELDS[source]))]
    elif kind == "mistyped_field":
        _mistype(source, rec, rnd)
    elif kind == "impossible_date":
        _impossible_date(source, rec, rnd, day)
    else:
        _invalid_enum(source, rec, rnd)
    return dumps(rec)
