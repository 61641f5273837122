"""What the public contributes besides stories: votes (« moi aussi », « utile »), documents to
simplify, the tester panel, and leaving it."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from typing import Any

from bson import Binary

from spplus.contracts import derive_id, events
from spplus.contracts.api import FieldError, PanelSignupRequest, has_contact_data
from spplus.runtime import clock
from spplus.runtime.domain import Forbidden, Invalid, NotFound, TooMany
from spplus.runtime.links import InvalidLink, Purpose
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import insert_once
from spplus.runtime.outbox import new_document_with_outbox

from . import domain, uploads
from .deps import IntakeDeps

log = get_logger(__name__)


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
        raise NotFound("experience_not_found", "Aucun récit publié sous cet identifiant.")
    if response_id is not None and not any(
        r["id"] == str(response_id) for r in story.get("responses", [])
    ):
        raise NotFound("response_not_found", "Aucune réponse publiée sous cet identifiant.")
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
        raise TooMany("too_many_requests", "Trop de documents envoyés : réessayez dans une heure.")
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
        raise Invalid(
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
        raise Forbidden("invalid_link", "Ce lien n'est pas valide ou a expiré.") from exc
    await deps.store.panel.delete_one({"_id": item_id})
    await deps.store.documents.update_one({"_id": item_id}, {"$set": {"email": None}})
    return "unsubscribed"
