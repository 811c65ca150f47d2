"""Conversations: who talks about what (cheap "heads"), and the full transcripts with their
ground truth (PII spans, politeness, agent quality)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .claims import ClaimDay, cached_claim, claim_day
from .config import HOURS, MINSEC, FeedConfig, day_number, drift_level
from .dialogue import TOPIC_BUILDERS, Ctx, generic_followups
from .ids import conversation_id
from .members import Picker, member_at, member_picker
from .phrases_agent import AGENT
from .phrases_member import MEMBER
from .rng import Weighted, mix, record_rng, stable_hash, sub_hash
from .schema import TOPICS
from .templates import compile_table, render
from .values import Values, dob_variants, member_values

_M = compile_table(MEMBER)
_A = compile_table(AGENT)
# Topic mix before and fully after a drift (TOPICS order); drift_strength interpolates/extrapolates.
_BASE_MIX = (0.24, 0.26, 0.18, 0.10, 0.12, 0.10)
_DRIFT_MIX = (0.12, 0.14, 0.10, 0.08, 0.32, 0.24)
_CLAIM_TOPICS = ("claim_status", "billing")
_LENGTHS = Weighted(range(3, 13), (4, 6, 8, 12, 12, 12, 10, 8, 6, 5))
_CHANNELS = Weighted(("chat", "phone", "email"), (0.55, 0.30, 0.15))
_GAPS = {"chat": (15, 120), "phone": (5, 60), "email": (600, 3600)}  # seconds between messages
_FIRST_START = {"chat": (7 * 3600, 20 * 3600), "phone": (7 * 3600, 20 * 3600), "email": (6 * 3600, 12 * 3600)}
AGENT_POOL = 400
_INV53 = 1.0 / 9007199254740992.0


class ConvDay(NamedTuple):
    """Everything per (config, day) that every conversation of the day needs, computed once."""

    config: FeedConfig
    day: date
    day_no: int
    iso: str
    rng_base: int
    head_base: int
    level: float
    topics: Weighted
    weak_agents: bytes  # 1 for the fifth of agents who give most of the poor answers
    picker: Picker
    claims: ClaimDay


@lru_cache(maxsize=8)
def conv_day(config: FeedConfig, day: date) -> ConvDay:
    level = drift_level(config, day)
    mix_ = [max(0.01, b + level * (d - b)) for b, d in zip(_BASE_MIX, _DRIFT_MIX)]
    return ConvDay(
        config,
        day,
        day_number(day),
        day.isoformat(),
        stable_hash(config.seed, day, "conversations"),
        stable_hash(config.seed, day, "conversations", "head"),
        level,
        Weighted(TOPICS, mix_),
        _weak_agents(config.seed),
        member_picker(config, day),
        claim_day(config, day),
    )


@lru_cache(maxsize=8)
def _weak_agents(seed: int) -> bytes:
    base = stable_hash(seed, "agents")
    return bytes(int(sub_hash(base, a) % 5 == 0) for a in range(AGENT_POOL))


class Head(NamedTuple):
    topic: str
    member_index: int
    claim_slot: int | None  # a well-formed claim of the same day, for claim topics


def conversation_head_at(cd: ConvDay, slot: int) -> Head:
    """Topic, member and claim of conversation `slot`, from hashes only: the members file calls
    this for every conversation of the day without writing any of them."""
    h = sub_hash(cd.head_base, slot)
    topic = cd.topics.draw((h >> 11) * _INV53)
    minors = cd.claims.minors
    if topic in _CLAIM_TOPICS:
        claims = cd.claims
        bad = claims.slots.flags
        n_claims = len(bad)
        cslot = mix(h ^ 0x77) % n_claims if n_claims else 0
        for _ in range(n_claims):
            # The claim must be a well-formed line of the day's claims file, and an adult's:
            # children's claims are discussed by their parents, whom the feed does not model.
            if not bad[cslot]:
                member = claims.picker.pick(sub_hash(claims.member_base, cslot))
                if not minors[member]:
                    return Head(topic, member, cslot)
            cslot = (cslot + 1) % n_claims
        if topic == "claim_status":  # no usable claim that day: the member asks about benefits instead
            topic = "benefits"
    for attempt in range(16):
        member = cd.picker.pick(mix(h ^ (0x51 + attempt)))
        if not minors[member]:
            break
    return Head(topic, member, None)


class Conversation(NamedTuple):
    record: dict
    spans: list  # (message_index, start, end, pii_type, value)
    labels: dict


def _phone_variant(rnd, phone: str) -> str:
    """The stored "(614) 293-7603", or how people type it: 614-293-7603, 614.293.7603, 6142937603."""
    style = int(rnd() * 5)
    if style < 2:
        return phone
    sep = ("-", ".", "")[style - 2]
    return f"{phone[1:4]}{sep}{phone[6:9]}{sep}{phone[10:]}"


_FILLERS = tuple(f"filler.{i}" for i in range(len(MEMBER["filler"])))
_HDHP_FILLERS = tuple(f"filler_hdhp.{i}" for i in range(len(MEMBER["filler_hdhp"])))
for _key in ("filler", "filler_hdhp"):  # one key per sentence, so a conversation never repeats one
    _M.update({f"{_key}.{i}": (t,) for i, t in enumerate(_M[_key])})


class _Fillers:
    """Extra context sentences: rare before a drift, about one per member message at strength 1.
    Drawn round-robin from a random start, so a conversation does not repeat a sentence."""

    __slots__ = ("at", "at_hdhp", "hdhp", "level", "rnd")

    def __init__(self, rnd, level: float, hdhp: bool):
        self.rnd, self.level, self.hdhp = rnd, level, hdhp
        self.at = self.at_hdhp = -1

    def draw(self, opener: bool) -> list[str]:
        rnd = self.rnd
        count = int(rnd() * (1.0 + 2.0 * self.level)) if self.level > 0 else (1 if opener and rnd() < 0.15 else 0)
        keys = []
        for _ in range(count):
            if self.hdhp and rnd() < 0.5:
                self.at_hdhp = int(rnd() * len(_HDHP_FILLERS)) if self.at_hdhp < 0 else self.at_hdhp + 1
                keys.append(_HDHP_FILLERS[self.at_hdhp % len(_HDHP_FILLERS)])
            else:
                self.at = int(rnd() * len(_FILLERS)) if self.at < 0 else self.at + 1
                keys.append(_FILLERS[self.at % len(_FILLERS)])
        return keys


def conversation_at(cd: ConvDay, slot: int) -> Conversation:
    head = conversation_head_at(cd, slot)
    rnd = record_rng(cd.rng_base, slot).random
    member = member_at(cd.config, head.member_index)
    claim = cached_claim(cd.claims, head.claim_slot) if head.claim_slot is not None else None
    v = Values(member_values(member))
    v.rnd, v.claim = rnd, claim
    v["dob"] = dob_variants(member)[int(rnd() * 4)]
    v["phone"] = _phone_variant(rnd, member.phone)
    ctx = Ctx(cd.config, cd.day, rnd, v, member, claim)
    request, answer, follow = TOPIC_BUILDERS[head.topic](ctx)
    seen = {m for m, _ in follow}
    follow += [f for f in generic_followups(ctx) if f[0] not in seen]

    agent_no = int(rnd() * AGENT_POOL)
    poor = rnd() < (0.30 if cd.weak_agents[agent_no] else 0.05)
    polite = rnd() >= (0.26 if poor else 0.06)
    resolved = rnd() < (0.15 if poor else 0.9)
    n = _LENGTHS.draw(rnd())
    hdhp = member.plan.hdhp

    # (member intents, agent intents) per exchange; the last agent turn is dropped when n is odd.
    opener = ["greet"] + (["give_mid"] if rnd() < 0.7 else []) + (["give_dob"] if n <= 4 else [])
    fillers = _Fillers(rnd, cd.level, hdhp)
    opener += fillers.draw(True) + request
    main = ["poor.answer"] if poor else answer
    if n <= 4:
        exchanges = [(opener, main)]
    else:
        for i in range(len(follow) - 1, 0, -1):  # Fisher-Yates with Random.random (version-stable)
            j = int(rnd() * (i + 1))
            follow[i], follow[j] = follow[j], follow[i]
        verify_ans = ["verify_ans", "verify_more"] if rnd() < 0.4 else ["verify_ans"]
        exchanges = [(opener, ["verify"]), (verify_ans, ["verified"] + main)]
        for m_key, a_key in follow[: (n + 1) // 2 - 3]:
            exchanges.append(([m_key] + fillers.draw(False), ["poor.followup" if poor else a_key]))
    close = "close" if resolved else ("close_unresolved" if poor else "close_waiting")
    exchanges.append(([close], ["poor.close" if poor else "close"]))
    if not polite:  # an insult in any exchange but the goodbye
        e = int(rnd() * (len(exchanges) - 1))
        m_keys, a_keys = exchanges[e]
        m_keys = m_keys + ["insult"] if rnd() < 0.6 else ["insult"] + m_keys
        exchanges[e] = (m_keys, a_keys if poor else ["deescalate"] + a_keys)

    channel = _CHANNELS.draw(rnd())
    lo, hi = _FIRST_START[channel]
    second = lo + int(rnd() * (hi - lo))
    gap_lo, gap_hi = _GAPS[channel]
    gap_span = gap_hi - gap_lo
    iso = cd.iso
    spans: list = []
    messages: list[dict] = []
    for m_keys, a_keys in exchanges:  # timestamp() inlined: this loop is the generator's hot spot
        messages.append(
            {
                "role": "member",
                "text": render(m_keys, _M, v, rnd, spans, len(messages)),
                "ts": iso + HOURS[second // 3600] + MINSEC[second % 3600],
            }
        )
        second += gap_lo + int(rnd() * gap_span)
        if len(messages) == n:
            break
        messages.append(
            {
                "role": "agent",
                "text": render(a_keys, _A, v, rnd, spans, len(messages)),
                "ts": iso + HOURS[second // 3600] + MINSEC[second % 3600],
            }
        )
        second += gap_lo + int(rnd() * gap_span)
        if len(messages) == n:
            break

    csat = None
    if rnd() >= 0.35:  # about a third skip the survey
        top = 5 if (resolved and not poor) else (3 if not poor else 2)
        csat = max(1, top - int(rnd() * 3) - (0 if polite else 1))
    record = {
        "conversation_id": conversation_id(cd.day_no, slot),
        "member_id": member.member_id,
        "channel": channel,
        "topic": head.topic,
        "started_at": messages[0]["ts"],
        "resolved": resolved,
        "csat": csat,
        "agent_id": f"AG{1000 + agent_no}",
        "messages": messages,
    }
    labels = {"polite": polite, "agent_quality": "poor" if poor else "good", "topic": head.topic}
    return Conversation(record, spans, labels)
