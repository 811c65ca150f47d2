"""What the gateway process serves with, from what the object store holds: the serving store, the
plan-passage index and the guardrail model, each published by its asset. A part not published yet
is left out and said so (the gateway still answers; guardrails then run on their rules alone), and
a part published later is picked up without a restart (``ServingParts.refresh``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from .gateway.config import GatewayConfig
from .personalize import Personalizer

log = logging.getLogger(__name__)


def passage_search(store, k: int):
    """(plan_id, question) -> passage texts from the published index; None when there is none yet."""
    from .rag import CURRENT_KEY, open_current

    if k < 1 or not store.exists(CURRENT_KEY):
        log.warning("no serving/rag_index published: context blocks carry no plan passages")
        return None
    retriever = open_current(store)
    return lambda plan_id, question: [p.text for p in retriever.search(question, plan_id, k)]


def published_index_version(store) -> str | None:
    from .rag import CURRENT_KEY

    return store.get_json(CURRENT_KEY).get("version") if store.exists(CURRENT_KEY) else None


def published_model_version(store) -> str | None:
    from .guardrails.store import CURRENT_KEY

    return store.get_json(CURRENT_KEY)["version"] if store.exists(CURRENT_KEY) else None


class ServingParts:
    """The personalizer and guardrails of one gateway, rebuilt when a new store or model is published."""

    def __init__(self, config: GatewayConfig, store):
        self.config, self.source, self.cache = config, store, Path(config.cache_dir)
        self.personalizer: Personalizer | None = None
        self.index_version = published_index_version(store)
        if config.personalize:
            passages = passage_search(store, config.context_passages)
            self.personalizer = Personalizer.from_object_store(store, self.cache / "member_store", passages)
            if self.personalizer.store is None:
                log.warning("no serving/member_store published: answers are not personalized until it is")
        self.model_version: str | None = None
        self.guardrails = self._guardrails() if config.guardrails else None

    def _guardrails(self):
        from .guardrails import default_guardrails, load_guardrail_model

        self.model_version = published_model_version(self.source)
        model = load_guardrail_model(self.source)
        if model is None:
            log.warning("no serving/guardrail_model published: the guardrails run on their rules alone")
        store = self.personalizer.store if self.personalizer else None
        return default_guardrails(model, store.roster() if store is not None else None)

    def refresh(self) -> bool:
        """Swap in a newly published serving store or guardrail model; True if anything changed."""
        swapped = bool(self.personalizer and self.personalizer.refresh())
        index = published_index_version(self.source)
        if self.personalizer is not None and index != self.index_version:  # a new plan catalog's passages
            self.personalizer.passages, self.index_version = (
                passage_search(self.source, self.config.context_passages),
                index,
            )
        if self.config.guardrails and (swapped or published_model_version(self.source) != self.model_version):
            self.guardrails = self._guardrails()
            return True
        return swapped


__all__ = ["ServingParts", "passage_search", "published_model_version"]
