"""Notifications' reactions to events: each becomes the deliveries it calls for (see
`deliveries.py`), which the sender (`sending.py`) sends exactly once each.

An event becomes *deliveries* (one per recipient and template, keyed on the event id: a redelivered
event adds nothing). A periodic sender — woken at once when there is work — takes each due
delivery's send lock, sends it (see `mailer.py` for the commit point), retries temporary failures
with exponential back-off and records permanent ones; each outcome leaves as `notification.sent`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from spplus.contracts import events
from spplus.runtime import clock
from spplus.runtime.links import Purpose, generation_of
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.vault import Shredded

from . import templates as tpl
from .deliveries import enqueue
from .deps import NotificationsDeps
from .erasure import on_contact_erased, on_forgotten, sweep_retention
from .presentation import FEELINGS, agents_context, author_link, mailbox, paris, story_link
from .sending import deliver_due

log = get_logger(__name__)


async def _withdrawn(experience_id: str, deps: NotificationsDeps) -> bool:
    """A withdrawn story's later events (topics are not ordered together) tell nobody."""
    return bool((await deps.store.story(experience_id)).get("withdrawn_at"))


async def _author(experience_id: str, deps: NotificationsDeps) -> Document:
    """What author emails say about the story (pseudonym and public title), when known."""
    story = await deps.store.story(experience_id)
    return {"pseudonym": story.get("pseudonym"), "title": story.get("title", "")}


async def on_contact(event: events.AuthorContactRecorded, *, deps: NotificationsDeps) -> None:
    """Keep the author's address (here only), acknowledge the story, and send what waited."""
    p = event.payload
    experience_id = str(p.experience_id)
    if p.sealed is not None:
        try:
            email = (await deps.vault.open(experience_id, p.sealed)).get("email") or ""
        except Shredded:
            # Its author had it erased: an old copy delivered again brings no address back.
            await on_contact_erased(experience_id, deps=deps)
            return
        p = p.model_copy(update={"email": email, "sealed": None})
    known = await deps.store.contacts.find_one({"_id": experience_id})
    # The receipt is queued before the address is stored, so that it goes out first. It is
    # pending at once (its address is this event's), unless a tombstone erased the contact: a
    # sender that reads it before the address is stored puts it back to wait, released below.
    received = await enqueue(
        event,
        "received",
        {
            "pseudonym": None,
            "title": "",
            "link": author_link(deps, p.experience_id, clock.now() + timedelta(days=180)),
        },
        deps=deps,
        experience_id=experience_id,
        contact=known or {"email": str(p.email)},
        kick=False,
    )
    await deps.store.save_contact(
        experience_id, str(p.email), clock.now(), received=received, known=known
    )
    await deps.store.release_waiting(experience_id, clock.now())
    deps.kick("deliver_due")


#: Refusals whose email quotes nothing of the story: it may be someone else's message.
QUOTE_NOTHING = frozenset({"SPAM", "ABUSIVE"})

_MODERATION_TEMPLATES = {
    "publish_after_notice": "notice",
    "await_author_approval": "approval",
    "reject": "rejected",
}


async def on_moderated(event: events.ExperienceModerated, *, deps: NotificationsDeps) -> None:
    """Tell the author what moderation changed (with the 72 h link) or why it refused."""
    p = event.payload
    experience_id = str(p.experience_id)
    template = _MODERATION_TEMPLATES.get(p.decision.value)
    if template is None:
        return  # published (its own event brings the title) or left to a moderator
    await deps.store.remember_story(experience_id, {"title": p.redacted_title})
    known = await _author(experience_id, deps)
    deadline = p.author_deadline or clock.now()
    # For this proposal only (a newer one voids it), and for its window plus a day.
    link = author_link(
        deps,
        p.experience_id,
        deadline + timedelta(days=1),
        Purpose.decision,
        generation_of(event.occurred_at),
    )
    context: dict[str, Any] = {**known, "title": p.redacted_title}
    if template == "rejected":
        context |= {
            "reasons": tpl.reasons(p.reason_codes),
            "policy_link": deps.settings.policy_url,
        }
        if QUOTE_NOTHING & set(p.reason_codes):
            context["title"] = ""  # an advertisement or an insult is not repeated to anyone
    else:
        context |= {
            "changes": p.diff_summary or ["la présentation du texte a été corrigée"],
            "deadline": paris(deadline),
            "link": link,
            "proposed_title": p.redacted_title,
            "proposed_description": p.redacted_description,
            "approve_link": f"{link}?choix=approve",
            "reject_link": f"{link}?choix=reject",
            "publish_on_expiry": True,
        }
    await enqueue(event, template, context, deps=deps, experience_id=experience_id)


async def on_published(event: events.ExperiencePublished, *, deps: NotificationsDeps) -> None:
    """Tell the author their story is public."""
    story = event.payload.story
    experience_id = str(event.payload.experience_id)
    if await _withdrawn(experience_id, deps):
        return
    await deps.store.remember_story(
        experience_id, {"title": story.title, "pseudonym": story.pseudonym}
    )
    await enqueue(
        event,
        "published",
        {
            "title": story.title,
            "pseudonym": story.pseudonym,
            "link": story_link(deps, experience_id),
        },
        deps=deps,
        experience_id=experience_id,
    )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: NotificationsDeps) -> None:
    """Confirm a withdrawal to the author; nothing more is said about the story after it."""
    p = event.payload
    experience_id = str(p.experience_id)
    await deps.store.remember_story(experience_id, {"withdrawn_at": event.occurred_at})
    await enqueue(
        event,
        "withdrawn",
        {
            **await _author(experience_id, deps),
            "requested_by": p.requested_by,
            "reason": p.reason if p.requested_by == "moderator" else None,
        },
        deps=deps,
        experience_id=experience_id,
    )


async def on_response_published(
    event: events.ResponsePublished, *, deps: NotificationsDeps
) -> None:
    """Tell the author the service answered, with the answer (a later correction sends nothing)."""
    p = event.payload
    if p.revision > 1:
        return
    experience_id = str(p.experience_id)
    if await _withdrawn(experience_id, deps):
        return
    await enqueue(
        event,
        "answered",
        {
            **await _author(experience_id, deps),
            "signature": p.signature,
            "body": p.body,
            "link": story_link(deps, experience_id),
        },
        deps=deps,
        experience_id=experience_id,
    )


async def on_routed(event: events.ExperienceRouted, *, deps: NotificationsDeps) -> None:
    """Tell the network's agents a story awaits their answer."""
    p = event.payload
    experience_id = str(p.experience_id)
    if await _withdrawn(experience_id, deps):
        return
    fields = {
        "title": p.story.title,
        "pseudonym": p.story.pseudonym,
        "network": p.network,
        "entity": p.entity,
        "due_at": p.due_at,
    }
    await deps.store.remember_story(experience_id, fields)
    link = f"{deps.settings.workspace_url}/experiences/{experience_id}/starting-draft"
    await enqueue(
        event,
        "assigned",
        {
            **agents_context(fields, p.network, p.entity, link),
            "feeling": FEELINGS.get(p.story.feeling.value, p.story.feeling.value),
        },
        deps=deps,
        to=mailbox(deps.settings, p.network, p.entity),
        experience_id=experience_id,
    )


async def on_workflow(event: events.ResponseWorkflow, *, deps: NotificationsDeps) -> None:
    """Deadlines near or passed, drafts awaiting validation or returned: the agents are told."""
    p = event.payload
    experience_id = str(p.experience_id)
    story = await deps.store.story(experience_id)
    if story.get("withdrawn_at"):
        return
    if p.due_at is not None:
        story = {**story, "due_at": p.due_at}
    base = deps.settings.workspace_url
    link = (
        f"{base}/drafts/{p.draft_id}"
        if p.draft_id
        else f"{base}/experiences/{experience_id}/starting-draft"
    )
    context = agents_context(story, p.network, p.entity, link)
    if p.step == events.WorkflowStep.draft_returned:
        context["comment"] = p.comment or "(sans commentaire)"
    await enqueue(
        event,
        p.step.value,
        context,
        deps=deps,
        to=mailbox(deps.settings, p.network, p.entity),
        experience_id=experience_id,
    )


async def on_document_received(event: events.DocumentReceived, *, deps: NotificationsDeps) -> None:
    """Thank the sender of a document to simplify (with a link to forget their address)."""
    p = event.payload
    if p.email:
        await enqueue(
            event, "document_ack", _optional(p.unsubscribe_token, deps), deps=deps, to=p.email
        )


async def on_panel_joined(event: events.PanelJoined, *, deps: NotificationsDeps) -> None:
    """Welcome a new member of the tester panel (with a link to leave it)."""
    p = event.payload
    await enqueue(event, "panel_ack", _optional(p.unsubscribe_token, deps), deps=deps, to=p.email)


def _optional(token: str, deps: NotificationsDeps) -> dict[str, Any]:
    return {"unsubscribe": f"{deps.settings.public_base_url}/api/v1/unsubscribe/{token}"}


# Every reaction of notifications to every event it consumes.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (events.NotificationSent,)

EVENT_HANDLERS = {
    events.AuthorContactRecorded: on_contact,
    events.ExperienceModerated: on_moderated,
    events.ExperiencePublished: on_published,
    events.ExperienceWithdrawn: on_withdrawn,
    events.ExperienceRouted: on_routed,
    events.ResponsePublished: on_response_published,
    events.ResponseWorkflow: on_workflow,
    events.DocumentReceived: on_document_received,
    events.PanelJoined: on_panel_joined,
    events.AuthorForgotten: on_forgotten,
}

TOMBSTONES = {events.AuthorContactRecorded: on_contact_erased}

# The busiest handlers wait on a dozen database round trips per event: one consumer per
# partition (3), side by side, so that the author's address is known before the emails that
# need it are due (else they wait for it, which costs more round trips).
CONSUMER_WORKERS = {on_contact: 3, on_moderated: 3, on_published: 3, on_routed: 3}

PERIODIC = {deliver_due: "delivery_interval_s", sweep_retention: "retention_sweep_interval_s"}

# Every delivery is inserted under an id derived from its event's id, its template and its
# recipient, and the other writes are `$set`s of the event's own values: a redelivered event
# changes nothing. The consumers' inbox would only add two database commands per event.
