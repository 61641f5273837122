"""What agents do with drafts: start one, edit it, submit it to validators, send it back,
approve, publish, correct a published answer. The rules are `draft.Draft`'s; this module reads,
checks who acts, and stores each change as one conditional write with its events."""

from __future__ import annotations

import uuid
from datetime import timedelta

from spplus.runtime import clock, faults
from spplus.runtime.auth import Principal, Role
from spplus.runtime.domain import Change, Conflict, Forbidden, NotFound
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document

from . import domain
from .deps import ResponsesDeps
from .draft import Actor, Draft, DraftStatus, withdrawn_story
from .workspace import require_guide, starting_draft, story_for

log = get_logger(__name__)


def actor(principal: Principal) -> Actor:
    return Actor(
        subject=principal.subject,
        first_name=domain.first_name(principal),
        publisher=principal.publisher,
        validator=principal.has_any(Role.validator),
    )


async def draft_for(draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps) -> Document:
    draft = await deps.store.draft(str(draft_id))
    if draft is None:
        raise NotFound("draft_not_found", "Aucun brouillon sous cet identifiant.")
    if not domain.may_act_on(principal, draft["network"], draft.get("entity")):
        raise Forbidden("not_your_network", "Ce brouillon appartient à un autre réseau.")
    if draft.get("withdrawn"):
        raise withdrawn_story()
    return draft


def _claimant(principal: Principal, change: Change[DraftStatus]) -> str:
    """Who makes a change, and which: the same request repeated goes on, another one stops."""
    return f"{principal.subject}:{change.status}:{change.fields.get('revision', '')}"


async def _store(
    draft: Draft, change: Change[DraftStatus], principal: Principal, deps: ResponsesDeps
) -> Document:
    done = await deps.store.apply_to_draft(draft.id, change, _claimant(principal, change))
    if done is None:
        raise Conflict(
            "draft_state", "Ce brouillon vient de changer : rechargez-le avant de recommencer."
        )
    if change.events:
        deps.kick_relay()
    return done


async def create_draft(
    experience_id: uuid.UUID, body: str | None, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Start an answer: with the agent's text, or (no body) from the guide's six steps."""
    story = await story_for(experience_id, principal, deps)
    if body is None:
        body = starting_draft(story, principal)["body"]
    now = clock.now()
    draft = {
        "_id": str(uuid.uuid4()),
        "experience_id": str(experience_id),
        "network": story["network"],
        "entity": story.get("entity"),
        "body": body,
        "status": "draft",
        "seq": 0,
        "author": principal.subject,
        "author_name": principal.name,
        "created_at": now,
        "versions": [{"at": now, "by": principal.subject, "body": body}],
        "correlation_id": story["correlation_id"],
        "due_at": story.get("due_at"),
    }
    await deps.store.create_draft(draft)
    return draft


async def edit_draft(
    draft_id: uuid.UUID, body: str, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Save a new version (every version is kept); a returned draft becomes a draft again; a
    published answer may be corrected for `edit_window_minutes`, then it is locked."""
    draft = Draft(await draft_for(draft_id, principal, deps))
    now = clock.now()
    if draft.status is DraftStatus.published:
        window = timedelta(minutes=deps.settings.edit_window_minutes)
        change = draft.correct(body, actor(principal), now, window)
        await require_guide({**draft.doc, "body": body}, principal, deps)
        return await _store(draft, change, principal, deps)
    return await _store(draft, draft.edit(body, actor(principal), now), principal, deps)


async def submit_draft(
    draft_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Send a draft to the network's validators; the guide's errors must be fixed first."""
    draft = Draft(await draft_for(draft_id, principal, deps))
    change = draft.submit(actor(principal), clock.now())
    await require_guide(draft.doc, principal, deps)
    return await _store(draft, change, principal, deps)


async def return_draft(
    draft_id: uuid.UUID, comment: str, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """A validator sends a draft back with a comment (kept with every version)."""
    if not principal.has_any(Role.validator):
        raise Forbidden("validator_only", "Seul un valideur peut renvoyer un projet.")
    draft = Draft(await draft_for(draft_id, principal, deps))
    return await _store(
        draft, draft.send_back(comment, actor(principal), clock.now()), principal, deps
    )


async def approve_draft(
    draft_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """A validator of the draft's network approves it: it is published."""
    if not principal.has_any(Role.validator):
        raise Forbidden("validator_only", "Seul un valideur peut approuver un projet.")
    return await publish_draft(draft_id, principal=principal, deps=deps, approving=True)


async def publish_draft(
    draft_id: uuid.UUID,
    *,
    principal: Principal,
    deps: ResponsesDeps,
    approving: bool = False,
) -> Document:
    """Publish a draft (once: a repeated request returns the same published answer).

    A publisher publishes directly; a validator publishes what they approve; a drafter cannot.
    """
    draft = Draft(await draft_for(draft_id, principal, deps))
    if draft.status is DraftStatus.published:
        await deps.store.mark_answered(draft.doc["experience_id"])  # if a crash came in between
        return draft.doc
    change = draft.publish(
        actor(principal),
        clock.now(),
        domain.organisation(draft.doc["network"]),
        approving=approving,
    )
    # The story may have moved to another network since the draft was written.
    await require_guide(draft.doc, principal, deps)
    # The answer and its event in one write: a crash cannot leave an answer « published » that
    # never reaches the public, the author or the indicators.
    done = await deps.store.apply_to_draft(draft.id, change, _claimant(principal, change))
    faults.point("responses.after_publish")  # a test may stop here: stored, nothing sent yet
    if done is None:
        now_stored = await deps.store.draft(draft.id) or draft.doc
        if now_stored.get("status") == DraftStatus.published:
            return now_stored  # published meanwhile by a concurrent request: the same answer
        raise Conflict(  # changed meanwhile (edited, returned): the publisher reads it again
            "draft_state", "Ce brouillon vient de changer : rechargez-le avant de le publier."
        )
    deps.kick_relay()
    await deps.store.mark_answered(draft.doc["experience_id"])
    log.info(
        "response published", experience_id=draft.doc["experience_id"], network=draft.doc["network"]
    )
    return done
