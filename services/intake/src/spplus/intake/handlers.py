"""Intake's use cases: accept a story, and keep the public read model up to date."""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bson import Binary
from pymongo import ReturnDocument

from spplus.contracts import derive_id, events
from spplus.contracts.api import (
    FieldError,
    PanelSignupRequest,
    SubmitExperienceRequest,
    has_contact_data,
)
from spplus.runtime import clock
from spplus.runtime.errors import ApiProblem
from spplus.runtime.limits import SlidingWindow
from spplus.runtime.links import AuthorLinks, InvalidLink, Link, Purpose, generation_of
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.outbox import Tombstone, new_document_with_outbox, with_outbox
from spplus.runtime.store import ServiceDeps
from spplus.runtime.vault import Shredded

from . import domain, uploads
from .communes import Communes
from .settings import IntakeSettings
from .store import IntakeStore

log = get_logger(__name__)


@dataclass
class IntakeDeps(ServiceDeps[IntakeSettings, IntakeStore]):
    links: AuthorLinks = field(default=None)  # from the settings
    communes: Communes | None = None
    uploads: SlidingWindow = field(default=None)  # from the settings

    def __post_init__(self) -> None:
        if self.uploads is None:
            self.uploads = SlidingWindow(self.settings.documents_per_hour, 3600.0)
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)
        path = self.settings.postal_codes_file
        if self.communes is None and path is not None:
            self.communes = Communes.load(path)


@dataclass(frozen=True)
class Accepted:
    experience_id: uuid.UUID
    status: str
    created: bool


async def submit_experience(
    request: SubmitExperienceRequest,
    *,
    idempotency_key: str | None,
    client_address: str | None,
    deps: IntakeDeps,
) -> Accepted:
    """Store the story and its two events in one write; Kafka gets them through the outbox."""
    experience_id = domain.experience_id_for(idempotency_key)
    fingerprint = domain.body_fingerprint(request)
    request = _check_commune(request, deps)
    now = clock.now()
    # What may identify the author travels sealed with the story's own key (erasure deletes it:
    # every copy on Kafka is noise from then on). A retry of a story erased since finds the
    # key shredded: the story exists, it is answered below as such.
    clear = domain.submitted_payload(experience_id, request, now)
    try:
        sealed_story = await deps.vault.seal(
            str(experience_id), {f: getattr(clear, f) for f in events.SEALED_STORY_FIELDS}
        )
        sealed_email = await deps.vault.seal(
            str(experience_id), {"email": str(request.author.email)}
        )
    except Shredded:
        return await _existing(experience_id, fingerprint, deps)
    submitted = events.ExperienceSubmitted.first(
        clear.model_copy(
            update={
                "title": "",
                "description": "",
                "postal_code": None,
                "city": None,
                "pseudonym": None,
                "sealed": sealed_story,
            }
        ),
        producer="intake",
        correlation_id=experience_id,
    )
    contact = events.AuthorContactRecorded.caused_by(
        submitted,
        # The client's address goes nowhere: it is used (keyed-hashed) by the vote and write
        # guards only, never stored with the story nor sent on Kafka.
        events.AuthorContactPayload(experience_id=experience_id, email="", sealed=sealed_email),
        producer="intake",
    )
    doc = new_document_with_outbox(
        {
            "_id": str(experience_id),
            "status": "received",
            "received_at": now,
            "fingerprint": fingerprint,
            "request": request.model_dump(mode="json"),
        },
        [submitted, contact],
    )
    if await deps.store.insert_submission(doc):
        deps.kick_relay()
        log.info("experience accepted", experience_id=str(experience_id))
        return Accepted(experience_id, "received", created=True)
    return await _existing(experience_id, fingerprint, deps)


async def _existing(experience_id: uuid.UUID, fingerprint: str, deps: IntakeDeps) -> Accepted:
    """A retried submission: the same story again is accepted as it was, another one refused."""
    existing = await deps.store.get_submission(experience_id)
    if existing is not None and existing.get("erased_at"):
        return Accepted(experience_id, "erased", created=False)  # its author had it erased
    if existing is None or existing.get("fingerprint") != fingerprint:
        raise ApiProblem(
            409,
            "idempotency_key_reused",
            "Cette clé d'idempotence a déjà servi pour un autre récit.",
        )
    return Accepted(experience_id, existing.get("status", "received"), created=False)


def _invalid(field: str, code: str, message: str) -> ApiProblem:
    return ApiProblem(
        422,
        "validation_failed",
        "La demande contient des erreurs.",
        [FieldError(field=field, code=code, message=message)],
    )


def _check_commune(request: SubmitExperienceRequest, deps: IntakeDeps) -> SubmitExperienceRequest:
    """The request with a city that is a commune of INSEE's list, or without one: the city is
    published, so it comes from a closed list. Without the list (no `postal_codes_file`) a city
    cannot be checked and is dropped."""
    author = request.author
    if author.city and deps.communes is None:
        return request.model_copy(update={"author": author.model_copy(update={"city": None})})
    if deps.communes is None:
        return request
    if not author.postal_code:
        if author.city and not deps.communes.exists(author.city):
            raise _invalid(
                "author.city",
                "city_unknown",
                "Cette ville ne figure pas dans la liste des communes de l'INSEE.",
            )
        return request
    if not deps.communes.known(author.postal_code):
        raise _invalid("author.postal_code", "postal_code_unknown", "Ce code postal n'existe pas.")
    if author.city and not deps.communes.agree(author.postal_code, author.city):
        raise _invalid(
            "author.city",
            "city_postal_code_mismatch",
            "La ville ne correspond pas au code postal indiqué.",
        )
    return request


async def on_published(event: events.ExperiencePublished, *, deps: IntakeDeps) -> None:
    p = event.payload
    story = p.story.model_dump(mode="json")
    await deps.store.upsert_published(
        p.experience_id,
        {
            **story,
            "status": "published",
            "published_at": p.published_at,
            "organisations": [step["organisation"] for step in story["journey"]],
            "networks": domain.networks_of(story["journey"]),
            "tokens": domain.tokens(p.story.title, p.story.description),
        },
    )


async def on_response_published(event: events.ResponsePublished, *, deps: IntakeDeps) -> None:
    """The public answer, or its edit (a later revision replaces the earlier one)."""
    p = event.payload
    await deps.store.put_revision(
        p.experience_id,
        "responses",
        {
            "id": str(p.response_id),
            "network": p.network,
            "body": p.body,
            "signature": p.signature,
            "published_at": p.published_at,
            "revision": p.revision,
            "edited_at": p.edited_at,
        },
    )


async def on_improvement_recorded(event: events.ImprovementRecorded, *, deps: IntakeDeps) -> None:
    p = event.payload
    await deps.store.add_to_list(
        p.experience_id,
        "improvement_actions",
        {
            "id": str(p.action_id),
            "title": p.title,
            "description": p.description,
            "recorded_at": p.recorded_at,
        },
    )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: IntakeDeps) -> None:
    """The story leaves the public read; the author's page says it is withdrawn."""
    await deps.store.set_status(event.payload.experience_id, "withdrawn", event.occurred_at)
    await deps.store.submissions.update_one(
        {"_id": str(event.payload.experience_id)}, {"$set": {"withdrawn_at": event.occurred_at}}
    )


async def on_moderated(event: events.ExperienceModerated, *, deps: IntakeDeps) -> None:
    """Keep what moderation decided, for the author's page."""
    p = event.payload
    # Only a later decision replaces the one kept: an older event delivered again (after the
    # story was published, say) must not bring back a choice the author no longer has.
    at = event.occurred_at
    await deps.store.submissions.update_one(
        {
            "_id": str(p.experience_id),
            "$or": [
                {"moderated_at": {"$exists": False}},
                {"moderated_at": {"$lt": at}},
            ],
        },
        {
            "$set": {
                "status": p.decision.value,
                "moderation": p.model_dump(mode="json"),
                "moderated_at": at,
            }
        },
    )


#: What an author may do through their link, depending on what moderation decided.
AUTHOR_ACTIONS = {
    "publish_after_notice": {"block", "withdraw"},
    "await_author_approval": {"approve", "reject", "withdraw"},
    "human_review": {"withdraw"},
    "publish": {"withdraw"},
    "received": {"withdraw"},
}


def _allowed(doc: Document) -> set[str]:
    """What the author may still do: answer a proposal once, and withdraw the story once, at
    any stage (even after answering)."""
    if doc.get("withdrawal_requested_at") or doc.get("withdrawn_at"):
        return set()
    allowed = AUTHOR_ACTIONS.get(doc.get("status", "received"), set())
    if doc.get("author_decision"):
        allowed = allowed & {"withdraw"}
    return set(allowed)


#: What a follow-up link (the receipt's) may do: follow, and withdraw the story at any stage.
FOLLOW_ACTIONS = {"withdraw"}


async def author_view(token: str, *, deps: IntakeDeps) -> dict[str, Any]:
    link, doc = await _author_submission(token, deps)
    if doc.get("erased_at"):
        return _erased_view(doc)
    moderation = doc.get("moderation") or {}
    status = doc.get("status", "received")
    allowed = _allowed(doc)
    if link.purpose is Purpose.follow:
        allowed = allowed & FOLLOW_ACTIONS
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
        "actions": sorted(allowed),
    }


async def author_decide(token: str, action: str, *, deps: IntakeDeps) -> dict[str, Any]:
    """The author's answer, once: a repeated click returns the same answer, a change is refused.
    A follow-up link may only withdraw; a decision link answers its own proposal only."""
    link, doc = await _author_submission(token, deps)
    if doc.get("author_decision") == action or (
        action == "withdraw" and doc.get("withdrawal_requested_at")
    ):
        return await author_view(token, deps=deps)
    allowed = _allowed(doc)
    if link.purpose is Purpose.follow:
        if action in allowed - FOLLOW_ACTIONS:
            raise ApiProblem(
                403,
                "link_not_for_decision",
                "Ce lien ne permet pas cette décision : utilisez celui du message le plus récent.",
            )
        allowed = allowed & FOLLOW_ACTIONS
    if action not in allowed:
        raise ApiProblem(
            409, "action_not_available", "Cette action n'est plus possible pour votre récit."
        )
    experience_id = uuid.UUID(doc["_id"])
    decision = _author_decision(experience_id, events.AuthorAction(action))
    # One answer to the proposal, and one withdrawal (which may follow the answer).
    once = "withdrawal_requested_at" if action == "withdraw" else "author_decision"
    record = (
        {"withdrawal_requested_at": clock.now()}
        if action == "withdraw"
        else {"author_decision": action, "author_decided_at": clock.now()}
    )
    await deps.store.submissions.update_one(
        {"_id": doc["_id"], once: {"$exists": False}},
        with_outbox({"$set": record}, [decision]),
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


def _story_event(
    cls: type[events.Envelope[Any]], experience_id: uuid.UUID, purpose: str, payload: Any
) -> Any:
    """An event about one story from its author, with an id derived from the story and the
    purpose (the same request twice is the same event)."""
    return cls(
        event_id=derive_id(experience_id, purpose),
        event_type=cls.model_fields["event_type"].default,
        producer="intake",
        correlation_id=experience_id,
        payload=payload,
    )


def _author_decision(experience_id: uuid.UUID, action: events.AuthorAction) -> Any:
    return _story_event(
        events.AuthorDecisionMade,
        experience_id,
        f"author:{action.value}",
        events.AuthorDecisionPayload(experience_id=experience_id, action=action),
    )


async def _erase(
    doc: Document, *, keep_published: bool, by: str, deps: IntakeDeps
) -> Document | None:
    """Erase one submission (see `author_forget`); None if it was erased meanwhile."""
    now = clock.now()
    experience_id = uuid.UUID(doc["_id"])
    outgoing: list[Any] = [
        _story_event(
            events.AuthorForgotten,
            experience_id,
            "author:forgotten",
            events.AuthorForgottenPayload(
                experience_id=experience_id, keep_published=keep_published, requested_at=now
            ),
        ),
        Tombstone(events.AuthorContactRecorded.TOPIC, str(experience_id)),
    ]
    erasure = {
        "at": now,
        "by": by,
        "keep_published": keep_published,
        "deleted": ["email", "postal_code", "city", "raw_text"]
        + ([] if keep_published else ["published_story"]),
    }
    update: Document = {
        "$set": {"erased_at": now, "erasure": erasure},
        "$unset": {"request": "", "fingerprint": ""},
    }
    withdraw = not keep_published and not (
        doc.get("withdrawal_requested_at") or doc.get("withdrawn_at")
    )
    if withdraw:
        # the same event as the author's own withdrawal: asked twice, it counts once
        outgoing.append(_author_decision(experience_id, events.AuthorAction.withdraw))
        update["$set"]["withdrawal_requested_at"] = now
    if not keep_published:
        update["$unset"]["moderation"] = ""
    done = await deps.store.submissions.find_one_and_update(
        {"_id": doc["_id"], "erased_at": {"$exists": False}},
        with_outbox(update, outgoing),
        return_document=ReturnDocument.AFTER,
    )
    if done is None:
        return None
    await deps.vault.shred(doc["_id"])  # every sealed copy on Kafka is noise from now on
    if not keep_published:
        await deps.store.erase_public(experience_id, now)
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
        raise ApiProblem(403, "invalid_link", "Ce lien n'est pas valide ou a expiré.") from exc
    doc = await deps.store.get_submission(link.item_id)
    if doc is None:
        raise ApiProblem(403, "invalid_link", "Ce lien n'est pas valide ou a expiré.")
    if link.purpose is Purpose.decision:
        current = generation_of(doc["moderated_at"]) if doc.get("moderated_at") else 0
        if link.generation != current:
            # Another proposal than this link's (a newer one voided it, or this one is still on
            # its way here): the link still follows the story, it decides nothing.
            link = Link(link.item_id, Purpose.follow, link.generation)
    return link, doc


# Every reaction of intake to every event it consumes.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (
    events.ExperienceSubmitted,
    events.AuthorContactRecorded,
    events.AuthorDecisionMade,
    events.AuthorForgotten,
    events.VoteCast,
    events.DocumentReceived,
    events.PanelJoined,
)

#: Tasks run periodically: the settings field that holds each one's interval.
PERIODIC = {sweep_retention: "retention_sweep_interval_s"}

EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
    events.ImprovementRecorded: on_improvement_recorded,
    events.ExperienceWithdrawn: on_withdrawn,
    events.ExperienceModerated: on_moderated,
}

# Each handler above is idempotent by itself (no consumer inbox: it cost two database commands
# per event), a late redelivery included (an old event sent again after newer ones: a relay that
# takes over a stopped instance's queue does that). Checked handler by handler:
# - `on_published`: the same values again; never over a withdrawal (`status $ne withdrawn`);
# - `on_response_published`: an equal or older revision changes nothing (`put_revision`);
# - `on_improvement_recorded`: added once (`improvement_actions.id $ne`);
# - `on_withdrawn`: final, the same values again;
# - `on_moderated`: only a later decision replaces the one kept (`moderated_at`).


# --- votes ---------------------------------------------------------------------------------------


async def cast_vote(
    experience_id: uuid.UUID,
    response_id: uuid.UUID | None,
    useful: bool | None,
    *,
    voter: str,
    client_address: str | None,
    deps: IntakeDeps,
) -> dict[str, Any]:
    """One vote per voter per item: the cookie, and a salted hash of the address as second guard."""
    story = await deps.store.get_public(experience_id)
    if story is None:
        raise ApiProblem(404, "experience_not_found", "Aucun récit publié sous cet identifiant.")
    if response_id is not None and not any(
        r["id"] == str(response_id) for r in story.get("responses", [])
    ):
        raise ApiProblem(404, "response_not_found", "Aucune réponse publiée sous cet identifiant.")
    kind = events.VoteKind.useful if response_id else events.VoteKind.similar
    item = str(response_id or experience_id)
    salt = deps.settings.ip_hash_salt
    voter_hash = domain.hash_address(voter, salt) or ""
    ip_hash = domain.hash_address(client_address or "unknown", salt)
    vote_id = derive_id(item, f"vote:{voter_hash}")
    event = events.VoteCast(
        event_id=derive_id(vote_id, "vote.cast"),
        event_type="vote.cast",
        producer="intake",
        correlation_id=experience_id,
        payload=events.VoteCastPayload(
            vote_id=vote_id,
            kind=kind,
            experience_id=experience_id,
            response_id=response_id,
            useful=useful,
            voter_hash=voter_hash,
        ),
    )
    counted = await deps.store.cast_vote(
        new_document_with_outbox(
            {
                "_id": f"{kind.value}:{item}:{voter_hash}",
                "ip_key": f"{kind.value}:{item}:{ip_hash}",
                "item": item,
                "kind": kind.value,
                "useful": useful,
                "at": clock.now(),
            },
            [event],
        )
    )
    if counted:
        deps.kick_relay()
    yes, no = await deps.store.vote_counts(item)
    if response_id is None:
        return {"counted": counted, "similar_count": yes}
    return {"counted": counted, "useful_count": yes, "not_useful_count": no}


# --- documents to simplify, tester panel -----------------------------------------------------


def _unsubscribe_token(item_id: uuid.UUID, deps: IntakeDeps) -> str:
    """For unsubscribing only: it neither follows nor decides anything."""
    return deps.links.token(item_id, clock.now() + timedelta(days=730), Purpose.unsubscribe)


async def receive_document(
    *,
    content: bytes | None,
    filename: str | None,
    url: str | None,
    comment: str,
    email: str | None,
    deps: IntakeDeps,
    client_address: str | None = None,
) -> uuid.UUID:
    """Store a document judged too complicated (a file or a URL) with its comment. A file is
    checked by its structure (`uploads.py`); a client sends `documents_per_hour` at most."""
    client = domain.hash_address(client_address or "unknown", deps.settings.ip_hash_salt) or ""
    if not deps.uploads.allow(client):
        raise ApiProblem(
            429, "too_many_requests", "Trop de documents envoyés : réessayez dans une heure."
        )
    errors: list[FieldError] = []
    media: str | None = None
    if (content is None) == (url is None):
        errors.append(
            FieldError(
                field="file",
                code="file_or_url",
                message="Joignez un fichier ou indiquez une adresse web (l'un ou l'autre).",
            )
        )
    if content is not None:
        if len(content) > deps.settings.max_document_bytes:
            errors.append(
                FieldError(
                    field="file",
                    code="file_too_large",
                    message="Le fichier ne doit pas dépasser 5 Mo.",
                )
            )
        else:
            try:  # off the event loop: a PDF's structure takes a moment to walk
                media = await asyncio.to_thread(uploads.check, content)
            except uploads.Refused as refused:
                errors.append(FieldError(field="file", code=refused.code, message=refused.message))
    if url is not None and not re.fullmatch(r"https?://[^\s/$.?#][^\s]{2,2000}", url):
        errors.append(
            FieldError(
                field="url",
                code="invalid_url",
                message="L'adresse web doit commencer par http:// ou https://.",
            )
        )
    comment = domain.normalise_text(comment or "")
    if not comment:
        errors.append(
            FieldError(
                field="comment",
                code="required",
                message="Dites en quelques mots ce qui est compliqué.",
            )
        )
    elif len(comment) > 2000:
        errors.append(
            FieldError(
                field="comment",
                code="too_long",
                message="Ce champ doit contenir au plus 2000 caractères.",
            )
        )
    elif has_contact_data(comment):
        errors.append(
            FieldError(
                field="comment",
                code="comment_personal_data",
                message="Le commentaire ne doit contenir aucune donnée personnelle "
                "(adresse email, téléphone, numéro de dossier…).",
            )
        )
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        errors.append(
            FieldError(
                field="email", code="invalid_email", message="L'adresse email n'est pas valide."
            )
        )
    if errors:
        raise ApiProblem(
            422,
            "validation_failed",
            "La demande contient des erreurs : corrigez les champs indiqués.",
            errors,
        )
    document_id = uuid.uuid4()
    outgoing = []
    if email:
        outgoing.append(
            events.DocumentReceived.first(
                events.DocumentReceivedPayload(
                    document_id=document_id,
                    email=email,
                    kind="file" if content is not None else "url",
                    unsubscribe_token=_unsubscribe_token(document_id, deps),
                ),
                producer="intake",
            )
        )
    await deps.store.documents.insert_one(
        new_document_with_outbox(
            {
                "_id": str(document_id),
                "received_at": clock.now(),
                "url": url,
                "file": Binary(content) if content is not None else None,
                "media_type": media,
                "filename": (filename or "")[:200] or None,
                "comment": comment,
                "email": email,
            },
            outgoing,
        )
    )
    deps.kick_relay()
    return document_id


async def join_panel(request: PanelSignupRequest, *, deps: IntakeDeps) -> uuid.UUID:
    """Sign up to the tester panel, once per email (a second sign-up returns the first)."""
    email = str(request.email).casefold()
    email_hash = domain.hash_address(email, deps.settings.ip_hash_salt)
    member_id = derive_id("panel", email_hash or email)
    joined = events.PanelJoined(
        event_id=derive_id(member_id, "panel.joined"),
        event_type="panel.joined",
        producer="intake",
        correlation_id=member_id,
        payload=events.PanelJoinedPayload(
            member_id=member_id,
            email=email,
            category=request.category.value,
            age_bracket=request.age_bracket.value,
            unsubscribe_token=_unsubscribe_token(member_id, deps),
        ),
    )
    if await insert_once(
        deps.store.panel,
        new_document_with_outbox(
            {
                "_id": str(member_id),
                "email": email,
                "email_hash": email_hash,
                "category": request.category.value,
                "age_bracket": request.age_bracket.value,
                "joined_at": clock.now(),
            },
            [joined],
        ),
    ):
        deps.kick_relay()
    return member_id


async def unsubscribe(token: str, *, deps: IntakeDeps) -> str:
    """Forget the email behind a panel membership or a document's acknowledgement."""
    try:
        item_id = str(deps.links.verify(token, Purpose.unsubscribe).item_id)
    except InvalidLink as exc:
        raise ApiProblem(403, "invalid_link", "Ce lien n'est pas valide ou a expiré.") from exc
    await deps.store.panel.delete_one({"_id": item_id})
    await deps.store.documents.update_one({"_id": item_id}, {"$set": {"email": None}})
    return "unsubscribed"
