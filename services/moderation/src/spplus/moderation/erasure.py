"""Erasure in moderation: what a case holds of an author's text and contact data is deleted on
their request (once) and after the retention periods; a published story keeps its public text."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document

from .case import ModerationCase, erasure
from .engine.duplicates import bands

if TYPE_CHECKING:
    from .deps import ModerationDeps

log = get_logger(__name__)


#: Pauses between the tries of an erasure while another change of the case is being written.
_AGAIN_S = (0.1, 0.2, 0.5, 1.0, 2.0, 4.0)


async def erase_case(case: Document, *, by: str, keep_proposal: bool, deps: ModerationDeps) -> bool:
    """Delete what a case holds of the author's text and contact data (once). The erasure is a
    change of the case like any other, claimed at its next step: a change being written at the
    same time (a withdrawal) cannot bring the text back."""
    await deps.store.forget_bands(case["_id"], bands(frozenset(case.get("shingles", []))))
    for pause in (*_AGAIN_S, None):
        current = await deps.store.case(case["_id"])
        if current is None or current.get("erased_at"):
            return False
        change = erasure(ModerationCase(current), by, clock.now(), keep_proposal=keep_proposal)
        if await deps.store.apply(case["_id"], change, claimant=f"{by}:erase") is not None:
            log.info("case erased", experience_id=case["_id"], by=by)
            return True
        if pause is None:
            break
        await asyncio.sleep(pause)  # another change won this step: the next one is ours
    raise RuntimeError("the case kept changing: its erasure is tried again")  # retried by Kafka


async def sweep_retention(*, deps: ModerationDeps, now: datetime | None = None) -> int:
    """Erase the raw text and contact data of cases whose last step (their last audit entry)
    is older than the retention settings; a published story keeps its published version."""
    now = now or clock.now()
    days = min(deps.settings.retention_contact_days, deps.settings.retention_raw_text_days)
    erased = 0
    for case in await deps.store.stale_cases(now - timedelta(days=days)):
        if await erase_case(case, by="retention", keep_proposal=True, deps=deps):
            erased += 1
    return erased
