"""Personalization in the gateway: the caller's context block, read by their pseudonym only.

The member comes from the API key, never from the request: whatever a message says ("I am member
HM00..."), the store is asked for the key's pseudonym alone, so a member's key reaches only that
member's plan and claims. Passages are retrieved for the member's last question within their own plan.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

from .context import context_block
from .member_facts import member_context
from .member_store import CURRENT_KEY, MemberStore, UnknownMember, fetch_current

log = logging.getLogger(__name__)
Passages = Callable[[str, str], Sequence[str]]  # (plan_id, question) -> passage texts
OwnCheck = Callable[[str, str], bool]  # (pii_type, value) -> the caller's own identifier?


def _today() -> date:
    return datetime.now(UTC).date()


def last_question(messages: Sequence[Mapping]) -> str:
    return next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")


class Personalizer:
    """Context blocks and own-identifier checks from the current serving store (swapped when a new one is published)."""

    def __init__(
        self,
        store: MemberStore | None,
        passages: Passages | None = None,
        today: Callable[[], date] = _today,
        *,
        source=None,
        cache_dir: str | Path | None = None,
    ):
        self.store, self.passages, self.today = store, passages, today
        self.source, self.cache_dir = source, cache_dir
        self._lock = threading.Lock()

    @classmethod
    def from_object_store(
        cls, source, cache_dir: str | Path, passages: Passages | None = None, **kwargs
    ) -> Personalizer:
        """The store published by serving/member_store (None until it is, then picked up by refresh)."""
        local = fetch_current(source, cache_dir)
        return cls(MemberStore(local) if local else None, passages, source=source, cache_dir=cache_dir, **kwargs)

    @property
    def version(self) -> str | None:
        return self.store.version if self.store else None

    def refresh(self) -> bool:
        """Open a newly published store; True if one was swapped in. Cheap when nothing changed."""
        if self.source is None:
            return False
        with self._lock:
            try:
                published = self.source.get_json(CURRENT_KEY)["version"] if self.source.exists(CURRENT_KEY) else None
                if published is None or published == self.version:
                    return False
                fresh = MemberStore(fetch_current(self.source, self.cache_dir))
            except Exception as err:  # noqa: BLE001 - keep serving the store we have; say why
                log.warning("serving store refresh failed, keeping version %s: %s", self.version, err)
                return False
            old, self.store = self.store, fresh
            log.info("serving store %s -> %s", old.version if old else None, fresh.version)
            return True

    def context(self, member: str, messages: Sequence[Mapping]) -> str | None:
        """The block for the key's member; None when the store does not know them (the answer is then generic)."""
        store, plan = self._plan_of(member)
        if plan is None:
            return None
        question = last_question(messages)
        found = self.passages(plan["plan_id"], question) if self.passages and question else ()
        return context_block(member_context(plan, store.claims_of(member), self.today(), found))

    def summary(self, member: str) -> dict | None:
        """What the assistant knows about the key's member, for the member to see (the chat page's plan panel):
        the plan, the plan year's accumulators and the newest claims, from the same context the engine is given."""
        store, plan = self._plan_of(member)
        if plan is None:
            return None
        ctx = member_context(plan, store.claims_of(member), self.today())
        return {
            "plan": {key: plan[key] for key in ("plan_id", "plan_name", "plan_type", "metal_tier", "plan_year")},
            "accumulators": asdict(ctx.accumulators) if ctx.accumulators else None,
            "claims": [asdict(claim) for claim in ctx.claims],
            "store_version": store.version,
        }

    def _plan_of(self, member: str) -> tuple[MemberStore | None, dict | None]:
        """The current store (read once, so a refresh cannot swap it mid-request) and the member's plan in it."""
        store = self.store
        try:
            return store, store.plan_of(member) if store is not None else None
        except UnknownMember:
            return store, None

    def is_own(self, member: str) -> OwnCheck:
        store = self.store
        if store is None:
            return lambda pii_type, value: False
        return lambda pii_type, value: store.is_own(member, pii_type, value)


__all__ = ["OwnCheck", "Passages", "Personalizer", "last_question"]
