"""What an author does through the links of their emails: follow their story, answer a
moderation proposal, withdraw it, be forgotten; and the retention sweep that forgets everyone
after a while. The rules are `submission.Submission`'s."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument

from spplus.contracts import events
from spplus.runtime import clock
from spplus.runtime.domain import Forbidden
from spplus.runtime.links import InvalidLink, Link, Purpose, generation_of
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import with_outbox

from .deps import IntakeDeps
from .submission import FOLLOW_ACTIONS, Submission

log = get_logger(__name__)


async def author_view(token: str, *, deps: IntakeDeps) -> dict[str, Any]:
    link, doc = await _author_submission(token, deps)
    if doc.get("erased_at"):
        return _erased_view(doc)
    moderation = doc.get("moderation") or {}
    status = doc.get("status", "received")
    allowed = Submission(doc).allowed(link.purpose)
    # The author's own text shows only while they decide on a proposal, through its link.
    pending = link.purpose is Purpose.decision and bool(allowed - FOLLOW_ACTIONS)
    request = doc.get("request") or {}
    return {
        "experience_id": doc["_id"],
        "status": "withdrawn" if doc.get("withdrawn_at") else status,
        "withdrawal_requested": bool(doc.get("withdrawal_requested_at")),
        "author_decision": doc.get("author_decision"),
        "deadline": moderation.get("author_deadline"),
        "changes": moderation.get("diff_summary", []),
        "reasons": moderation.get("reason_codes", []),
        # before / after: the author's own text (only while a decision is pending) and the
        # proposal
        "original_title": request.get("title") if pending else None,
        "original_description": request.get("description") if pending else None,
        "proposed_title": moderation.get("redacted_title"),
        "proposed_description": moderation.get("redacted_description"),
        "actions": sorted(a.value for a in allowed),
    }


async def author_decide(token: str, action: str, *, deps: IntakeDeps) -> dict[str, Any]:
    """The author's answer, once: a repeated click returns the same answer, a change is refused.
    A follow-up link may only withdraw; a decision link answers its own proposal only."""
    link, doc = await _author_submission(token, deps)
    decision = Submission(doc).decide(events.AuthorAction(action), link.purpose, clock.now())
    if not decision.repeat:
        # One answer to the proposal, and one withdrawal (which may follow the answer).
        await deps.store.submissions.update_one(
            {"_id": doc["_id"], decision.once: {"$exists": False}},
            with_outbox({"$set": decision.record}, [decision.event]),
        )
        deps.kick_relay()
    return await author_view(token, deps=deps)


def _erased_view(doc: Document) -> dict[str, Any]:
    erasure = doc.get("erasure") or {}
    return {
        "experience_id": doc["_id"],
        "status": "erased",
        "erased_at": doc["erased_at"],
        "kept_published": bool(erasure.get("keep_published")),
        "actions": [],
    }


async def author_forget(token: str, *, keep_published: bool, deps: IntakeDeps) -> dict[str, Any]:
    """The right to be forgotten, from the author's link (any of their links but unsubscribe).

    In one write: intake deletes the request (email, postal code, raw text), keeps an audit of
    what was done without any personal data, and queues a tombstone on `author.contact`, the
    `author.forgotten` event every other service erases on, and (unless the author keeps the
    published story) a withdrawal. A repeated request changes nothing."""
    _, doc = await _author_submission(token, deps)
    if not doc.get("erased_at"):
        doc = await _erase(doc, keep_published=keep_published, by="author", deps=deps) or doc
    return _erased_view(doc) if doc.get("erased_at") else await author_view(token, deps=deps)


async def _erase(
    doc: Document, *, keep_published: bool, by: str, deps: IntakeDeps
) -> Document | None:
    """Erase one submission (see `author_forget`); None if it was erased meanwhile."""
    now = clock.now()
    update, outgoing = Submission(doc).erasure(keep_published=keep_published, by=by, now=now)
    done = await deps.store.submissions.find_one_and_update(
        {"_id": doc["_id"], "erased_at": {"$exists": False}},
        with_outbox(update, outgoing),
        return_document=ReturnDocument.AFTER,
    )
    if done is None:
        return None
    await deps.vault.shred(doc["_id"])  # every sealed copy on Kafka is noise from now on
    if not keep_published:
        await deps.store.erase_public(uuid.UUID(doc["_id"]), now)
    deps.kick_relay()
    log.info("author forgotten", experience_id=doc["_id"], by=by, keep_published=keep_published)
    return dict(done)


async def sweep_retention(*, deps: IntakeDeps, now: datetime | None = None) -> int:
    """Erase the submissions whose last step is older than the retention settings (the shorter
    of contact data and raw text: intake keeps both in the request). The published story
    stays: it is the public record, and holds neither."""
    now = now or clock.now()
    days = min(deps.settings.retention_contact_days, deps.settings.retention_raw_text_days)
    erased = 0
    for doc in await deps.store.stale_submissions(now - timedelta(days=days)):
        if await _erase(doc, keep_published=True, by="retention", deps=deps):
            erased += 1
    return erased


async def _author_submission(token: str, deps: IntakeDeps) -> tuple[Link, dict[str, Any]]:
    try:
        link = deps.links.verify(token, {Purpose.follow, Purpose.decision})
    except InvalidLink as exc:
        raise Forbidden("invalid_link", "Ce lien n'est pas valide ou a expiré.") from exc
    doc = await deps.store.get_submission(link.item_id)
    if doc is None:
        raise Forbidden("invalid_link", "Ce lien n'est pas valide ou a expiré.")
    if link.purpose is Purpose.decision:
        current = generation_of(doc["moderated_at"]) if doc.get("moderated_at") else 0
        if link.generation != current:
            # Another proposal than this link's (a newer one voided it, or this one is still on
            # its way here): the link still follows the story, it decides nothing.
            link = Link(link.item_id, Purpose.follow, link.generation)
    return link, doc
