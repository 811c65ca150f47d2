"""The synthetic partner: writes the deterministic feed into the landing area, as a partner would."""

from __future__ import annotations

from datetime import date

import orjson

from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.raw import layout
from lifecycle_core.raw.landing import is_complete, write_drop
from lifecycle_core.store import ObjectStore


class PartnerDropInProgress(RuntimeError):
    """The landing prefix holds files of a drop that is not complete."""


def write_synthetic_drop(store: ObjectStore, config: FeedConfig, source: str, day: date) -> int | None:
    """The synthetic partner's drop of `source` for `day`; None when that drop had already landed.

    A landed drop is never rewritten: the landing area belongs to the partner.
    """
    if is_complete(store, source, day):
        return None
    in_progress = store.list(layout.landing_prefix(source, day))
    if in_progress:  # a partner is still uploading this drop: never mix our lines into theirs
        raise PartnerDropInProgress(
            f"{len(in_progress)} files of a {source} drop for {day} are at "
            f"{store.prefix_uri(layout.landing_prefix(source, day))} without {layout.SUCCESS_MARKER}: "
            "the synthetic partner does not write into another partner's drop"
        )
    if source == layout.PLAN_DOCUMENTS:
        lines = (orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) for doc in plan_documents(config, day))
    else:
        lines = iter_source_lines(config, day, source)
    return write_drop(store, source, day, lines)
