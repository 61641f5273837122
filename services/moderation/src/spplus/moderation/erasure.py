"""Erasure in moderation: what a case holds of an author's text and contact data is deleted on
their request (once) and after the retention periods; a published story keeps its public text."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document

from .case import audit
from .engine.duplicates import bands

if TYPE_CHECKING:
    from .deps import ModerationDeps

log = get_logger(__name__)


async def erase_case(case: Document, *, by: str, keep_proposal: bool, deps: ModerationDeps) -> bool:
    """Delete what a case holds of the author's text and contact data (once)."""
    if case.get("erased_at"):
        return False
    now = clock.now()
    await deps.store.forget_bands(case["_id"], bands(frozenset(case.get("shingles", []))))
    update: Document = {
        "$set": {
            "erased_at": now,
            "submitted.title": "",
            "submitted.description": "",
            "submitted.pseudonym": None,
            "submitted.postal_code": None,
            "submitted.city": None,
            "flags": [
                {"code": f.get("code"), "confidence": f.get("confidence"), "evidence": None}
                for f in case.get("flags", [])
            ],
            "proposal.edits": [],
            "proposal.risks": [],
            "shingles": [],
        },
        "$push": {"audit": audit(by, "erased", now, kept_published=keep_proposal)},
    }
    if not keep_proposal:
        update["$set"] |= {
            "proposal.title": "",
            "proposal.description": "",
            "proposal.pseudonym": None,
        }
    await deps.store.update(case["_id"], update)
    log.info("case erased", experience_id=case["_id"], by=by)
    return True


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
