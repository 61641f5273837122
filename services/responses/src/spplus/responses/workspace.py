"""The agents' workspace around drafts: the stories a network must answer, the guide's starting
draft and checks, improvement actions recorded on one or more stories."""

from __future__ import annotations

import uuid
from typing import Any

from spplus.contracts import derive_id, events
from spplus.contracts.api import FieldError
from spplus.runtime import clock
from spplus.runtime.auth import Principal
from spplus.runtime.domain import Conflict, Forbidden, Invalid, NotFound
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import new_document_with_outbox

from . import domain, lint, starting
from .deps import ResponsesDeps
from .draft import withdrawn_story

log = get_logger(__name__)


async def story_for(
    experience_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
) -> Document:
    story = await deps.store.story(str(experience_id))
    if story is None:
        raise NotFound("experience_not_found", "Aucun récit sous cet identifiant.")
    if story.get("status") == "withdrawn":
        raise withdrawn_story()
    if not domain.may_act_on(principal, story["network"], story.get("entity")):
        raise Forbidden("not_your_network", "Ce récit est attribué à un autre réseau que le vôtre.")
    return story


def starting_draft(story: Document, principal: Principal) -> dict[str, Any]:
    """The guide's six steps for this story, signed by the caller (help to write)."""
    return starting.starting_draft(
        story["story"],
        network=story["network"],
        signature=domain.signature(principal, story["network"]),
    )


async def starting_draft_for(
    experience_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> dict[str, Any]:
    return starting_draft(await story_for(experience_id, principal, deps), principal)


async def require_guide(draft: Document, principal: Principal, deps: ResponsesDeps) -> None:
    """The draft's story must still be the caller's network's, and the guide's errors fixed."""
    story = await story_for(uuid.UUID(draft["experience_id"]), principal, deps)
    errors = lint.blocking(
        check(draft["body"], story, principal, draft["network"], draft.get("author_name"))
    )
    if errors:
        raise Invalid(
            "guide_not_met",
            "La réponse ne respecte pas encore le guide : corrigez les points indiqués.",
            [FieldError(field="body", code=m.code, message=m.text) for m in errors],
        )


def check(
    body: str,
    story: Document | None,
    principal: Principal,
    network: str,
    author_name: str | None = None,
) -> list[lint.Message]:
    """The guide's checks for `body`, with the story's pseudonym and the signature of the agent
    who wrote it (`author_name`, else the caller)."""
    pseudonym = (story or {}).get("story", {}).get("pseudonym")
    first_name = (author_name or "").split(" ")[0] or domain.first_name(principal)
    return lint.lint(
        body, pseudonym=pseudonym, first_name=first_name, organisation=domain.organisation(network)
    )


async def lint_answer(
    body: str, experience_id: uuid.UUID | None, *, principal: Principal, deps: ResponsesDeps
) -> list[lint.Message]:
    story = await story_for(experience_id, principal, deps) if experience_id else None
    return check(body, story, principal, (story or {}).get("network") or principal.network or "")


async def record_improvement(
    experience_id: uuid.UUID,
    title: str,
    description: str,
    also: list[uuid.UUID],
    *,
    principal: Principal,
    deps: ResponsesDeps,
    action_id: uuid.UUID | None = None,
) -> Document:
    """What the service changed because of one or more stories (all assigned to the caller's
    network): published on each story with `improvement.recorded`."""
    ids = list(dict.fromkeys([experience_id, *also]))
    stories = [await story_for(i, principal, deps) for i in ids]
    action_id = action_id or uuid.uuid4()
    now = clock.now()
    recorded = [
        events.ImprovementRecorded(
            event_id=derive_id(action_id, f"improvement.recorded:{story['_id']}"),
            event_type="improvement.recorded",
            producer="responses",
            correlation_id=uuid.UUID(story["correlation_id"]),
            payload=events.ImprovementRecordedPayload(
                action_id=action_id,
                experience_id=uuid.UUID(story["_id"]),
                network=story["network"],
                title=title,
                description=description,
                recorded_at=now,
                experience_ids=ids,
            ),
        )
        for story in stories
    ]
    doc = new_document_with_outbox(
        {
            "_id": str(action_id),
            "network": stories[0]["network"],
            "experience_ids": [str(i) for i in ids],
            "title": title,
            "description": description,
            "recorded_at": now,
            "recorded_by": principal.subject,
        },
        recorded,
    )
    if not await deps.store.record_improvement(doc):
        raise Conflict("improvement_exists", "Cette action d'amélioration existe déjà.")
    deps.kick_relay()
    log.info("improvement recorded", action_id=str(action_id), stories=len(ids))
    return doc
