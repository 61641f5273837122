"""The agents' workspace (roles `agent`, `validator`; scoped to the caller's network)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from litestar import Controller, get, post, put
from pydantic import BaseModel, Field

from spplus.runtime import clock
from spplus.runtime.auth import Principal, Role, requires
from spplus.runtime.errors import ApiProblem
from spplus.runtime.mongo import Document

from . import drafts, workspace
from .deps import ResponsesDeps


class DraftIn(BaseModel):
    body: str = Field(min_length=1, max_length=5000)


class DraftStartIn(BaseModel):
    body: str | None = Field(
        default=None,
        min_length=1,
        max_length=5000,
        description="The agent's text; without it the draft starts from the guide's six steps",
    )


class ImprovementIn(BaseModel):
    title: str = Field(min_length=5, max_length=200)
    description: str = Field(min_length=20, max_length=3000)
    also_experience_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Other stories of your network the same action answers",
    )


class LintIn(BaseModel):
    body: str = Field(min_length=1, max_length=5000)
    experience_id: uuid.UUID | None = None


class ReturnIn(BaseModel):
    comment: str = Field(min_length=3, max_length=2000)


class DraftOut(BaseModel):
    id: uuid.UUID
    experience_id: uuid.UUID
    network: str
    status: str
    body: str
    response_id: uuid.UUID | None = None
    signature: str | None = None
    versions: int = 1
    history: list[dict[str, Any]] = Field(
        default_factory=list, description="Every saved version: when, by whom, the text"
    )
    comments: list[dict[str, Any]] = Field(default_factory=list)
    published_at: datetime | None = None
    revision: int | None = None
    editable_until: datetime | None = Field(
        default=None, description="A published answer may be corrected until then"
    )


def _draft(doc: Document, edit_window_minutes: float) -> DraftOut:
    published_at = doc.get("published_at")
    return DraftOut(
        id=doc["_id"],
        experience_id=doc["experience_id"],
        network=doc["network"],
        status=doc["status"],
        body=doc["body"],
        response_id=doc.get("response_id"),
        signature=doc.get("signature"),
        versions=len(doc.get("versions", [])) or 1,
        history=doc.get("versions", []),
        comments=doc.get("comments", []),
        published_at=published_at,
        revision=doc.get("revision"),
        editable_until=published_at + timedelta(minutes=edit_window_minutes)
        if published_at
        else None,
    )


def _improvement(doc: Document) -> dict[str, Any]:
    return {
        "id": doc["_id"],
        "network": doc["network"],
        "experience_ids": doc["experience_ids"],
        "title": doc["title"],
        "description": doc["description"],
        "recorded_at": doc["recorded_at"],
    }


class WorkspaceController(Controller):
    path = "/api/v1"
    tags = ["responses"]
    guards = [requires(Role.agent, Role.validator)]

    @get("/inbox", summary="Stories my network must answer, nearest deadline first")
    async def inbox(self, principal: Principal, deps: ResponsesDeps) -> list[dict[str, Any]]:
        if not principal.network:
            raise ApiProblem(403, "no_network", "Votre profil n'est rattaché à aucun réseau.")
        docs = await deps.store.inbox(principal.network.upper(), principal.entity)
        now = clock.now()
        items = [
            {
                "experience_id": d["_id"],
                "network": d["network"],
                "entity": d.get("entity"),
                "due_at": d["due_at"],
                "overdue": bool(d.get("overdue")) or d["due_at"] <= now,
                "reminded": bool(d.get("reminded")),
                "story": d["story"],
            }
            for d in docs
        ]
        # overdue first, then the nearest deadline
        return sorted(items, key=lambda i: (not i["overdue"], i["due_at"]))

    @get("/drafts/{draft_id:uuid}", summary="A draft, with its versions and comments")
    async def draft(
        self, draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.draft_for(draft_id, principal, deps),
            deps.settings.edit_window_minutes,
        )

    @put("/drafts/{draft_id:uuid}", summary="Save a new version of a draft")
    async def edit(
        self, draft_id: uuid.UUID, data: DraftIn, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.edit_draft(draft_id, data.body, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )

    @post("/drafts/{draft_id:uuid}/submit", status_code=200, summary="Submit for validation")
    async def submit(
        self, draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.submit_draft(draft_id, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )

    @post(
        "/drafts/{draft_id:uuid}/approve",
        status_code=200,
        summary="Approve (validator): the answer is published",
    )
    async def approve(
        self, draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.approve_draft(draft_id, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )

    @post(
        "/drafts/{draft_id:uuid}/return",
        status_code=200,
        summary="Return to the drafter with a comment (validator)",
    )
    async def send_back(
        self, draft_id: uuid.UUID, data: ReturnIn, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.return_draft(draft_id, data.comment, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )

    @post("/lint", status_code=200, summary="Check an answer against the agents' guide")
    async def lint(self, data: LintIn, principal: Principal, deps: ResponsesDeps) -> dict[str, Any]:
        """Errors block submit and publish; advice warns. Each message points at the words."""
        messages = await workspace.lint_answer(
            data.body, data.experience_id, principal=principal, deps=deps
        )
        return {
            "ok": not any(m.level == "error" for m in messages),
            "messages": [m.as_dict() for m in messages],
        }

    @get("/drafts", summary="My network's drafts, newest first (from agents or its own system)")
    async def drafts(self, principal: Principal, deps: ResponsesDeps) -> list[DraftOut]:
        if not principal.network:
            raise ApiProblem(403, "no_network", "Votre profil n'est rattaché à aucun réseau.")
        return [
            _draft(d, deps.settings.edit_window_minutes)
            for d in await deps.store.drafts_of(principal.network.upper(), principal.entity)
        ]

    @get(
        "/experiences/{experience_id:uuid}/starting-draft",
        summary="A starting draft following the guide's six steps (by feeling and network)",
    )
    async def starting_draft(
        self, experience_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> dict[str, Any]:
        """The pseudonym and the signature are filled in; what only the agent can write is left
        between « [ ] », and the guide's check refuses an answer that still holds one."""
        return await workspace.starting_draft_for(experience_id, principal=principal, deps=deps)

    @post(
        "/experiences/{experience_id:uuid}/improvement-actions",
        summary="Record what the service changed because of this story (and others)",
    )
    async def improvement(
        self,
        experience_id: uuid.UUID,
        data: ImprovementIn,
        principal: Principal,
        deps: ResponsesDeps,
    ) -> dict[str, Any]:
        doc = await workspace.record_improvement(
            experience_id,
            data.title,
            data.description,
            data.also_experience_ids,
            principal=principal,
            deps=deps,
        )
        return _improvement(doc)

    @get(
        "/experiences/{experience_id:uuid}/improvement-actions",
        summary="The improvement actions linked to this story",
    )
    async def improvements(
        self, experience_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> list[dict[str, Any]]:
        await workspace.story_for(experience_id, principal, deps)
        return [_improvement(d) for d in await deps.store.improvements_of(str(experience_id))]

    @post("/experiences/{experience_id:uuid}/drafts", summary="Start an answer")
    async def create_draft(
        self,
        experience_id: uuid.UUID,
        data: DraftStartIn,
        principal: Principal,
        deps: ResponsesDeps,
    ) -> DraftOut:
        return _draft(
            await drafts.create_draft(experience_id, data.body, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )

    @post("/drafts/{draft_id:uuid}/publish", status_code=200, summary="Publish an answer")
    async def publish(
        self, draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
    ) -> DraftOut:
        return _draft(
            await drafts.publish_draft(draft_id, principal=principal, deps=deps),
            deps.settings.edit_window_minutes,
        )
