"""Notifications' use cases: every email the author and the agents must get, exactly once.

An event becomes *deliveries* (one per recipient and template, keyed on the event id: a redelivered
event adds nothing). A periodic sender — woken at once when there is work — takes each due
delivery's send lock, sends it (see `mailer.py` for the commit point), retries temporary failures with exponential
back-off and records permanent ones; each outcome leaves as `notification.sent` for indicators.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from pymongo.errors import ConnectionFailure

from spplus.contracts import derive_id, events
from spplus.contracts.reference import ORGANISATIONS
from spplus.runtime import clock, faults
from spplus.runtime.links import AuthorLinks, Purpose, generation_of
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import with_outbox
from spplus.runtime.store import ServiceDeps
from spplus.runtime.vault import Shredded

from . import templates as tpl
from .mailer import PermanentFailure, SmtpMailer, TemporaryFailure, UncertainFailure
from .settings import NotificationsSettings
from .store import COMMITTING, PENDING, WAITING, NotificationsStore, hint_fields
from .templates import Email, Templates

log = get_logger(__name__)

_PARIS = ZoneInfo("Europe/Paris")
_NETWORK_NAMES = {o.network: o.name for o in ORGANISATIONS}
_FEELINGS = {"positive": "positif", "neutral": "neutre", "negative": "négatif"}


class Mailer(Protocol):
    async def send(self, to: str, email: Email, *, message_key: str, on_commit: Any) -> None: ...


@dataclass
class NotificationsDeps(ServiceDeps[NotificationsSettings, NotificationsStore]):
    templates: Templates = field(default_factory=Templates)
    mailer: Mailer = None  # type: ignore[assignment]  # set in __post_init__
    links: AuthorLinks = field(default=None)

    def __post_init__(self) -> None:
        if self.mailer is None:
            self.mailer = SmtpMailer(self.settings)
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)

    def address_hash(self, address: str) -> str:
        """Suppressions are kept by salted hash: the address itself is not stored there."""
        key = self.settings.auth.author_link_secret.encode()
        return hmac.new(key, address.strip().casefold().encode(), hashlib.sha256).hexdigest()


#: How often a delivery waiting for the author's address is looked at again (the address's
#: arrival releases it at once; this only catches a release that was lost).
WAITING_RECHECK = timedelta(hours=1)


async def _look_at(delivery: Document, when: datetime, deps: NotificationsDeps) -> None:
    await deps.store.schedule.at(delivery["_id"], when, **hint_fields(delivery))


def _paris(moment: datetime) -> str:
    return moment.astimezone(_PARIS).strftime("%d/%m/%Y à %H:%M")


# --- turning events into deliveries ----------------------------------------------------------------


async def _enqueue(
    event: Any,
    template: str,
    context: dict[str, Any],
    *,
    deps: NotificationsDeps,
    to: str | None = None,
    experience_id: str | None = None,
    contact: Document | None = None,
    kick: bool = True,
) -> str:
    """One delivery per (event, recipient, template). `to=None` means the story's author, whose
    address is looked up when sending (the delivery waits until `author.contact` brings it).
    `contact`: the story's contact document when the caller has just read it."""
    recipient = "author" if to is None else deps.address_hash(to)
    now = clock.now()
    status = PENDING
    if to is None and experience_id:
        if contact is None:
            contact = await deps.store.contacts.find_one({"_id": experience_id})
        if not (contact or {}).get("email"):
            status = "cancelled" if (contact or {}).get("erased_at") else WAITING
    delivery_id = str(derive_id(event.event_id, f"{template}:{recipient}"))
    if status == WAITING:
        await deps.store.note_waiting(experience_id or "", delivery_id)
    if status in (PENDING, WAITING):  # the hint first: nothing due lacks one
        await deps.store.schedule.at(
            delivery_id,
            now if status == PENDING else now + WAITING_RECHECK,
            experience_id=experience_id,
            occurred_at=event.occurred_at,
        )
    added = await deps.store.add_delivery(
        {
            "_id": delivery_id,
            "template": template,
            "audience": "author" if to is None else "address",
            "to": to,
            "context": context,
            "experience_id": experience_id,
            "event_id": str(event.event_id),
            "correlation_id": str(event.correlation_id),
            "occurred_at": event.occurred_at,
            "status": status,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
            "lease_until": None,
        }
    )
    if added and status == WAITING and await deps.store.contact(experience_id or "") is not None:
        await deps.store.release_waiting(experience_id or "", now)  # the contact came meanwhile
    if added and kick:
        deps.kick(deliver_due)
    return delivery_id


def _author_link(
    deps: NotificationsDeps,
    experience_id: uuid.UUID,
    valid_until: datetime,
    purpose: Purpose = Purpose.follow,
    generation: int = 0,
) -> str:
    token = deps.links.token(experience_id, valid_until, purpose, generation)
    return f"{deps.settings.public_base_url}/api/v1/authors/{token}"


def _story_link(deps: NotificationsDeps, experience_id: str) -> str:
    return f"{deps.settings.public_base_url}/api/v1/experiences/{experience_id}"


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
    received = await _enqueue(
        event,
        "received",
        {
            "pseudonym": None,
            "title": "",
            "link": _author_link(deps, p.experience_id, clock.now() + timedelta(days=180)),
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
    deps.kick(deliver_due)


async def on_contact_erased(key: str, *, deps: NotificationsDeps) -> None:
    """A tombstone on `author.contact`: the address is erased, nothing more is sent to it."""
    await deps.store.erase_contact(key, clock.now())
    await deps.store.forget_experience(key)
    log.info("author contact erased", experience_id=key)


async def on_forgotten(event: events.AuthorForgotten, *, deps: NotificationsDeps) -> None:
    """The author asked to be forgotten: as a tombstone on `author.contact` (which follows), and
    what this service remembers of an unkept story's public version goes too."""
    experience_id = str(event.payload.experience_id)
    await on_contact_erased(experience_id, deps=deps)
    if not event.payload.keep_published:
        await deps.store.remember_story(
            experience_id, {"title": None, "pseudonym": None, "withdrawn_at": event.occurred_at}
        )


async def sweep_retention(*, deps: NotificationsDeps, now: datetime | None = None) -> int:
    """Erase the authors' addresses whose story's last step (the contact, or the last email
    about the story) is older than `retention_contact_days`."""
    now = now or clock.now()
    cutoff = now - timedelta(days=deps.settings.retention_contact_days)
    erased = 0
    for experience_id in await deps.store.stale_contacts(cutoff):
        await on_contact_erased(experience_id, deps=deps)
        erased += 1
    return erased


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
    link = _author_link(
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
            "deadline": _paris(deadline),
            "link": link,
            "proposed_title": p.redacted_title,
            "proposed_description": p.redacted_description,
            "approve_link": f"{link}?choix=approve",
            "reject_link": f"{link}?choix=reject",
            "publish_on_expiry": True,
        }
    await _enqueue(event, template, context, deps=deps, experience_id=experience_id)


async def on_published(event: events.ExperiencePublished, *, deps: NotificationsDeps) -> None:
    """Tell the author their story is public."""
    story = event.payload.story
    experience_id = str(event.payload.experience_id)
    if await _withdrawn(experience_id, deps):
        return
    await deps.store.remember_story(
        experience_id, {"title": story.title, "pseudonym": story.pseudonym}
    )
    await _enqueue(
        event,
        "published",
        {
            "title": story.title,
            "pseudonym": story.pseudonym,
            "link": _story_link(deps, experience_id),
        },
        deps=deps,
        experience_id=experience_id,
    )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: NotificationsDeps) -> None:
    """Confirm a withdrawal to the author; nothing more is said about the story after it."""
    p = event.payload
    experience_id = str(p.experience_id)
    await deps.store.remember_story(experience_id, {"withdrawn_at": event.occurred_at})
    await _enqueue(
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
    await _enqueue(
        event,
        "answered",
        {
            **await _author(experience_id, deps),
            "signature": p.signature,
            "body": p.body,
            "link": _story_link(deps, experience_id),
        },
        deps=deps,
        experience_id=experience_id,
    )


def _mailbox(settings: NotificationsSettings, network: str, entity: str | None) -> str:
    boxes = settings.agents_mailboxes
    if entity and entity in boxes:
        return boxes[entity]
    if network in boxes:
        return boxes[network]
    return settings.agents_mailbox.format(
        network=network.lower(), entity=(entity or network).lower()
    )


def _agents_context(story: Document, network: str, entity: str | None, link: str) -> dict[str, Any]:
    due = story.get("due_at")
    return {
        "organisation": _NETWORK_NAMES.get(network, network),
        "entity": entity,
        "title": story.get("title") or "(sans titre)",
        "due": _paris(due) if isinstance(due, datetime) else "la date fixée par votre réseau",
        "link": link,
    }


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
    await _enqueue(
        event,
        "assigned",
        {
            **_agents_context(fields, p.network, p.entity, link),
            "feeling": _FEELINGS.get(p.story.feeling.value, p.story.feeling.value),
        },
        deps=deps,
        to=_mailbox(deps.settings, p.network, p.entity),
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
    context = _agents_context(story, p.network, p.entity, link)
    if p.step == events.WorkflowStep.draft_returned:
        context["comment"] = p.comment or "(sans commentaire)"
    await _enqueue(
        event,
        p.step.value,
        context,
        deps=deps,
        to=_mailbox(deps.settings, p.network, p.entity),
        experience_id=experience_id,
    )


async def on_document_received(event: events.DocumentReceived, *, deps: NotificationsDeps) -> None:
    """Thank the sender of a document to simplify (with a link to forget their address)."""
    p = event.payload
    if p.email:
        await _enqueue(
            event, "document_ack", _optional(p.unsubscribe_token, deps), deps=deps, to=p.email
        )


async def on_panel_joined(event: events.PanelJoined, *, deps: NotificationsDeps) -> None:
    """Welcome a new member of the tester panel (with a link to leave it)."""
    p = event.payload
    await _enqueue(event, "panel_ack", _optional(p.unsubscribe_token, deps), deps=deps, to=p.email)


def _optional(token: str, deps: NotificationsDeps) -> dict[str, Any]:
    return {"unsubscribe": f"{deps.settings.public_base_url}/api/v1/unsubscribe/{token}"}


# --- sending -------------------------------------------------------------------------------------


def _outcome(delivery: Document, outcome: str) -> events.NotificationSent:
    experience_id = delivery.get("experience_id")
    return events.NotificationSent(
        event_id=derive_id(delivery["_id"], "notification.sent"),
        event_type="notification.sent",
        producer="notifications",
        correlation_id=uuid.UUID(delivery["correlation_id"]),
        causation_id=uuid.UUID(delivery["event_id"]),
        payload=events.NotificationSentPayload(
            experience_id=uuid.UUID(experience_id) if experience_id else None,
            template=delivery["template"],
            outcome=outcome,
        ),
    )


def _settling(status: str, outcome: str | None, delivery: Document, **fields: Any) -> Document:
    update: Document = {"$set": {"status": status, "lease_until": None, **fields}}
    if outcome is not None:
        update = with_outbox(update, [_outcome(delivery, outcome)])
    return update


async def _finish(
    delivery: Document,
    from_status: str,
    status: str,
    outcome: str | None,
    deps: NotificationsDeps,
    **fields: Any,
) -> None:
    """Settle a delivery still in `from_status` (no send lock held: a skip, or a reconciliation)."""
    update = _settling(status, outcome, delivery, **fields)
    if await deps.store.move(delivery["_id"], from_status, update) is not None:
        await deps.store.schedule.forget(delivery["_id"])  # settled: nothing more to do
    deps.kick_relay()


async def _settle_held(
    delivery: Document,
    gen: int,
    status: str,
    outcome: str | None,
    deps: NotificationsDeps,
    **fields: Any,
) -> None:
    """The lock holder's outcome: first on its lock (what decides), then on the delivery, written
    by `_id` alone (while the lock is held no one else writes it; a lost write is reconciled from
    the lock), and the delivery leaves the schedule.

    What the SMTP server said must not be lost to a database that is away for a few seconds (a
    restart): each write is tried again for about half a minute (each one is idempotent). Else
    the lock would stay without an outcome, and the email be held until its lease ends."""
    attempts = int(delivery.get("attempts", 0)) + 1
    update = _settling(status, outcome, delivery, attempts=attempts, lock_gen=gen, **fields)
    await _insisting(lambda: deps.store.settle_lock(delivery["_id"], gen, _LOCK_OUTCOMES[status]))
    await _insisting(lambda: deps.store.deliveries.update_one({"_id": delivery["_id"]}, update))
    await _insisting(lambda: deps.store.schedule.forget(delivery["_id"]))
    deps.kick_relay()


#: Pauses between the tries of a write after a send, while the database cannot be reached.
_INSIST_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


async def _insisting(write: Callable[[], Awaitable[Any]]) -> Any:
    for pause in _INSIST_S:
        try:
            return await write()
        except ConnectionFailure as exc:
            log.warning("database unreachable after a send: trying again", error=type(exc).__name__)
            await asyncio.sleep(pause)
    return await write()


_LOCK_OUTCOMES = {"sent": "sent", "failed": "failed", "uncertain": "uncertain"}


async def _attempt(
    delivery: Document, deps: NotificationsDeps, contact: Document | None = None
) -> None:
    """Send one due delivery. The right to send is the delivery's send lock
    (`store.take_send_lock`), taken before talking to the SMTP server: two instances never both
    send it, and once the lock is held this instance alone writes the delivery's state. The
    lock's time is also its lease: a holder that stopped is found out once it is older than
    `delivery_lease_s` (see `_reconcile`)."""
    s = deps.settings
    now = clock.now()
    delivery_id = delivery["_id"]
    to = delivery.get("to")
    if to is None:
        if contact is None:  # (the caller's, read just before, else now)
            contact = await deps.store.contact(delivery.get("experience_id") or "")
        if contact is None:
            await deps.store.note_waiting(delivery.get("experience_id") or "", delivery_id)
            await _look_at(delivery, now + WAITING_RECHECK, deps)
            await deps.store.move(
                delivery_id, PENDING, {"$set": {"status": WAITING, "lease_until": None}}
            )
            if await deps.store.contact(delivery.get("experience_id") or "") is not None:
                # The address came while this was being decided: its release may have run first.
                await deps.store.release_waiting(delivery["experience_id"], clock.now())
            return
        to = contact["email"]
    suppressed = await deps.store.suppressed(deps.address_hash(to))
    if suppressed and (
        delivery["template"] in tpl.OPTIONAL or suppressed.get("reason") in ("bounced", "complaint")
    ):
        await _finish(
            delivery, PENDING, "suppressed", "skipped", deps, last_error=suppressed["reason"]
        )
        log.info("notification suppressed", template=delivery["template"])
        return
    email = deps.templates.render(delivery["template"], **delivery["context"])
    gen, lock = await deps.store.take_send_lock(delivery_id, now)
    if gen is None:  # held by another instance, or already settled
        await _reconcile(delivery, lock, deps)
        return

    async def commit() -> None:
        faults.point("notifications.before_data")  # a test may stop here: locked, nothing sent
        # The last write before DATA, on the lock (only its holder writes it): a holder that
        # stopped without it certainly sent nothing, and the email is sent again.
        await deps.store.mark_sending(delivery_id, gen, clock.now())

    try:
        await deps.mailer.send(to, email, message_key=delivery_id, on_commit=commit)
    except UncertainFailure as exc:
        await _settle_held(delivery, gen, "uncertain", None, deps, last_error=str(exc))
        log.error("email may or may not have been sent", template=delivery["template"])
        return
    except TemporaryFailure as exc:
        created = delivery.get("created_at") or now
        if now - created > timedelta(hours=s.give_up_after_hours):
            await _settle_held(delivery, gen, "failed", "failed", deps, last_error=str(exc))
            log.error("notification given up", template=delivery["template"], error=str(exc))
            return
        attempts = int(delivery.get("attempts", 0)) + 1
        wait = min(s.retry_base_s * 2 ** (attempts - 1), s.retry_max_s)
        await _look_at(delivery, now + timedelta(seconds=wait), deps)
        await deps.store.deliveries.update_one(
            {"_id": delivery_id},
            {
                "$set": {
                    "status": PENDING,
                    "lease_until": None,
                    "next_attempt_at": now + timedelta(seconds=wait),
                    "last_error": str(exc),
                    "attempts": attempts,
                    "lock_gen": gen,
                }
            },
        )
        # Not accepted: the next attempt takes a new generation of the lock.
        await deps.store.settle_lock(delivery_id, gen, "temporary")
        log.warning("email delayed", template=delivery["template"], retry_in_s=wait, error=str(exc))
        return
    except PermanentFailure as exc:
        await _settle_held(delivery, gen, "failed", "failed", deps, last_error=str(exc))
        if " 5.1." in f" {exc}" or str(exc).startswith("550"):
            await deps.store.suppress(deps.address_hash(to), "bounced", now)
        log.error("email refused for good", template=delivery["template"], error=str(exc))
        return
    faults.point("notifications.after_send")  # a test may stop here: sent, not recorded
    await _settle_held(delivery, gen, "sent", "sent", deps, sent_at=clock.now())
    log.info(
        "email sent", template=delivery["template"], experience_id=delivery.get("experience_id")
    )


_SETTLED = {"sent": "sent", "failed": "failed", "uncertain": "uncertain"}


async def _reconcile(delivery: Document, lock: Document | None, deps: NotificationsDeps) -> None:
    """The delivery's document says pending, its lock says otherwise (a concurrent write lost the
    holder's update, or the holder stopped): the document is brought in line with the lock. A
    lock without an outcome older than the lease belongs to an instance that stopped while
    sending. If it had not reached DATA (no `sending_at`), nothing left: the lock is settled
    `temporary` and the email is sent again. Otherwise the email may have left, so it becomes
    `uncertain` (for a person), never resent."""
    if lock is None:
        return
    outcome = lock.get("outcome")
    stale = lock["at"] <= clock.now() - timedelta(seconds=deps.settings.delivery_lease_s)
    if outcome is None and stale and lock.get("sending_at") is None:
        await deps.store.settle_lock(delivery["_id"], int(lock["gen"]), "temporary")
        now = clock.now()
        await _look_at(delivery, now, deps)
        for from_status in (PENDING, COMMITTING):
            await deps.store.move(
                delivery["_id"],
                from_status,
                {"$set": {"status": PENDING, "lease_until": None, "next_attempt_at": now}},
            )
        log.warning("stopped before sending: sent again", template=delivery["template"])
        return
    if outcome is None and stale:
        await deps.store.settle_lock(delivery["_id"], int(lock["gen"]), "uncertain")
        outcome = "uncertain"
        log.error("email may or may not have been sent", template=delivery["template"])
    status = _SETTLED.get(outcome or "")
    if status is None:  # being sent by another instance right now: looked at once its lease ends
        lease_end = lock["at"] + timedelta(seconds=deps.settings.delivery_lease_s)
        await _look_at(delivery, max(lease_end, clock.now()), deps)
        return
    event = {"sent": "sent", "failed": "failed"}.get(status)
    for from_status in (PENDING, COMMITTING):
        await _finish(delivery, from_status, status, event, deps, last_error=f"lock: {outcome}")


async def _sweep(deps: NotificationsDeps, now: datetime) -> None:
    """Now and then, find by a full read what the schedule may have missed."""
    if not deps.every("sweep", deps.settings.delivery_sweep_s):
        return
    for delivery in await deps.store.sweep(now):
        await _look_at(delivery, now, deps)


async def _earlier_to_send(
    delivery: Document, contact: Document | None, deps: NotificationsDeps
) -> bool:
    """Whether the author's receipt is still to send (then this email waits: an author reads
    « reçu » before anything else, whatever raced on the way). The receipt's delivery id is kept
    with the address (`contact`), so this costs one more read by `_id`."""
    if delivery["template"] == "received":
        return False
    received_id = (contact or {}).get("received")
    if received_id is None:
        return False  # an older contact without it, or none (then nothing is sent anyway)
    receipt = await deps.store.deliveries.find_one({"_id": received_id})
    status = (receipt or {}).get("status")
    if status in (PENDING, COMMITTING):
        # Looked at again just after the receipt's own hint: waiting emails must not keep the
        # places among the first hints the sender reads (`schedule.due` gives the earliest
        # hundred), or a receipt due later would never be reached.
        hint = await deps.store.due.find_one({"_id": received_id})
        when = max(hint["at"], clock.now()) if hint else clock.now() + timedelta(seconds=5)
        await _look_at(delivery, when + timedelta(seconds=1), deps)
        return True
    if status == WAITING:
        await deps.store.release_waiting(delivery["experience_id"], clock.now())
        return True
    return False


async def deliver_due(*, deps: NotificationsDeps) -> int:
    """Send what the schedule says is due, in the order of the events (an author's emails go in
    the order things happened); deliveries left `committing` by a stopped instance are
    reconciled with their lock (sent, or uncertain)."""
    now = clock.now()
    await _sweep(deps, now)
    hints = await deps.store.schedule.due(now)
    hints.sort(key=lambda h: (h.get("occurred_at") or h["at"], h["_id"]))
    # Each story's emails in their order, several stories at once: an email costs an SMTP
    # exchange and a score of database round trips, mostly waiting.
    by_story: dict[str, list[Document]] = defaultdict(list)
    for hint in hints:
        by_story[hint.get("experience_id") or hint["_id"]].append(hint)
    gate = asyncio.Semaphore(deps.settings.delivery_concurrency)

    async def story_in_order(chain: list[Document]) -> int:
        async with gate:
            sent = 0
            for hint in chain:
                sent += await _deliver(hint, deps)
            return sent

    return sum(await asyncio.gather(*(story_in_order(c) for c in by_story.values())))


async def _deliver(hint: Document, deps: NotificationsDeps) -> int:
    """Look at one hint's delivery: send it if its time has come (1), else put it right (0)."""
    delivery = await deps.store.deliveries.find_one({"_id": hint["_id"]})
    status = (delivery or {}).get("status")
    if delivery is None or status not in (PENDING, COMMITTING, WAITING):
        await deps.store.schedule.drop(hint)  # settled (or never written)
        return 0
    now = clock.now()
    lease_until = delivery.get("lease_until")
    if status == WAITING:
        if await deps.store.contact(delivery.get("experience_id") or "") is None:
            await _look_at(delivery, now + WAITING_RECHECK, deps)
        else:
            await deps.store.release_waiting(delivery["experience_id"], now)
        return 0
    if status == COMMITTING:
        if lease_until is not None and lease_until > now:
            await _look_at(delivery, lease_until, deps)  # being sent by someone
        else:
            await _reconcile(delivery, await deps.store.lock_of(delivery["_id"]), deps)
        return 0
    if delivery["next_attempt_at"] > now:
        await _look_at(delivery, delivery["next_attempt_at"], deps)
        return 0
    contact = None
    if delivery.get("audience") == "author":
        contact = await deps.store.contact(delivery.get("experience_id") or "")
        if await _earlier_to_send(delivery, contact, deps):
            return 0  # looked at again at the next pass, once the earlier one is gone
    await _attempt(delivery, deps, contact)
    return 1


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
