"""Pure rules of intake: turning a form into a story, search tokens, the public read model."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
import uuid
from datetime import datetime
from typing import Any

from spplus.contracts import derive_id
from spplus.contracts.api import SubmitExperienceRequest
from spplus.contracts.events import ExperienceSubmittedPayload
from spplus.contracts.reference import find_organisation

_WORD = re.compile(r"[a-z0-9]+")


def normalise_text(text: str) -> str:
    """NFC, no control characters, single spaces inside lines."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c)[0] != "C")
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()).strip()


def tokens(*texts: str) -> list[str]:
    """Search tokens: lower case, accents removed, words of two letters or more."""
    out: set[str] = set()
    for text in texts:
        plain = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        out.update(w for w in _WORD.findall(plain) if len(w) >= 2)
    return sorted(out)


def experience_id_for(idempotency_key: str | None) -> uuid.UUID:
    """A retry with the same `Idempotency-Key` names the same story."""
    return derive_id("idempotency-key", idempotency_key) if idempotency_key else uuid.uuid4()


def body_fingerprint(request: SubmitExperienceRequest) -> str:
    canonical = json.dumps(request.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def hash_address(address: str | None, key: str) -> str | None:
    """A keyed hash (HMAC-SHA256) of an address, a voter id or an email: without the key, the
    2^32 IPv4 addresses cannot be tried one by one to find which one it was."""
    if not address:
        return None
    return hmac.new(key.encode(), address.encode(), hashlib.sha256).hexdigest()


def submitted_payload(
    experience_id: uuid.UUID, request: SubmitExperienceRequest, submitted_at: datetime
) -> ExperienceSubmittedPayload:
    journey = []
    for step in request.journey:
        org = find_organisation(step.organisation)
        journey.append(
            step.model_copy(update={"organisation": org.code if org else step.organisation})
        )
    return ExperienceSubmittedPayload(
        experience_id=experience_id,
        title=normalise_text(request.title),
        description=normalise_text(request.description),
        feeling=request.feeling,
        experience_date=request.experience_date.isoformat(),
        journey=journey,
        postal_code=request.author.postal_code,
        city=request.author.city,
        pseudonym=request.author.pseudonym,
        submitted_at=submitted_at,
    )


def networks_of(journey: list[dict[str, Any]]) -> list[str]:
    found = []
    for step in journey:
        org = find_organisation(step.get("organisation", ""))
        if org and org.network not in found:
            found.append(org.network)
    return found
