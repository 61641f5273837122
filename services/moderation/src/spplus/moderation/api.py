"""Moderator back-office (role `moderator`), and `POST /analyze` for anyone (a preview)."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from litestar import Controller, Request, get, patch, post
from pydantic import BaseModel, Field

from spplus.runtime import clock
from spplus.runtime.auth import Principal, Role, requires
from spplus.runtime.calendar import working_hours_between
from spplus.runtime.mongo import Document

from . import moderators
from .deps import ModerationDeps
from .engine import StoryInput


class DecisionIn(BaseModel):
    action: Literal["approve", "reject", "send_to_author"]
    reasons: list[str] = Field(default_factory=list, max_length=13)
    comment: str | None = Field(default=None, max_length=2000)


class EditIn(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=150)
    description: str | None = Field(default=None, min_length=1, max_length=1000)
    pseudonym: str | None = Field(default=None, max_length=40)


class WithdrawIn(BaseModel):
    reason: str = Field(min_length=3, max_length=500)


class AnalyzeIn(BaseModel):
    title: str = Field(default="", max_length=300)
    description: str = Field(min_length=1, max_length=5000)
    organisms: list[str] = Field(default_factory=list, max_length=20)
    experience_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    pseudonym: str | None = Field(default=None, max_length=40)


def _highlighted(
    text: str,
    edits: list[dict[str, Any]],
    field: str,
    risks: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The original text cut into segments, each marked with the edit that touches it, or with
    the risk a moderator should look at (`"risk": kind`: maybe a name nothing explains)."""
    marks = [
        e
        for e in edits
        if e["field"] == field and e["span"][1] > e["span"][0] and e["kind"] != "normalisation"
    ] + [
        {**r, "tier": "review", "replacement": None, "risk": r["kind"]}
        for r in risks or []
        if r["field"] == field
    ]
    segments: list[dict[str, Any]] = []
    cursor = 0
    for e in sorted(marks, key=lambda e: e["span"][0]):
        start, end = e["span"]
        if start < cursor:
            continue
        if start > cursor:
            segments.append({"text": text[cursor:start]})
        segment = {
            "text": text[start:end],
            "kind": e["kind"],
            "tier": e["tier"],
            "replacement": e["replacement"],
        }
        if "risk" in e:
            segment["risk"] = e["risk"]
        segments.append(segment)
        cursor = end
    if cursor < len(text):
        segments.append({"text": text[cursor:]})
    return segments


def _case_view(case: Document, full: bool) -> dict[str, Any]:
    now = clock.now()
    view: dict[str, Any] = {
        "experience_id": case["_id"],
        "status": case["status"],
        "decision": case["decision"],
        "reasons": case.get("reasons", []),
        "opened_at": case["opened_at"],
        "age_working_hours": working_hours_between(case["opened_at"], now),
        "deadline": case.get("deadline"),
        "flags": case.get("flags", []),
        "tier": case["proposal"].get("tier"),
        "title": case["submitted"]["title"],
    }
    if full:
        original = case["submitted"]
        edits = case["proposal"].get("edits", [])
        risks = case["proposal"].get("risks", [])
        view |= {
            "original": {
                "title": original["title"],
                "description": original["description"],
                "pseudonym": original.get("pseudonym"),
            },
            "proposal": {k: case["proposal"].get(k) for k in ("title", "description", "pseudonym")},
            "highlighted": {
                "title": _highlighted(original["title"], edits, "title", risks),
                "description": _highlighted(original["description"], edits, "description", risks),
            },
            "edits": edits,
            "risks": risks,
            "audit": case.get("audit", []),
        }
    return view


class ModeratorController(Controller):
    path = "/api/v1"
    tags = ["moderation"]
    guards = [requires(Role.moderator)]

    @get("/queue", summary="Stories waiting for a moderator, oldest first")
    async def queue(self, deps: ModerationDeps) -> list[dict[str, Any]]:
        return [_case_view(c, full=False) for c in await deps.store.queue()]

    @get("/cases/{experience_id:uuid}", summary="A case: original, proposed redactions, flags")
    async def case(self, experience_id: uuid.UUID, deps: ModerationDeps) -> dict[str, Any]:
        return _case_view(await moderators.case_of(str(experience_id), deps), full=True)

    @patch("/cases/{experience_id:uuid}", summary="Edit the text to publish (tier from the diff)")
    async def edit(
        self, experience_id: uuid.UUID, data: EditIn, principal: Principal, deps: ModerationDeps
    ) -> dict[str, Any]:
        changes = data.model_dump(exclude_unset=True)
        case = await moderators.moderator_edit(
            str(experience_id), changes, moderator=principal.subject, deps=deps
        )
        return _case_view(case, full=True)

    @post(
        "/cases/{experience_id:uuid}/decision",
        status_code=200,
        summary="Approve, reject with reasons, or send to the author",
    )
    async def decide(
        self, experience_id: uuid.UUID, data: DecisionIn, principal: Principal, deps: ModerationDeps
    ) -> dict[str, Any]:
        case = await moderators.moderator_decision(
            str(experience_id), data.action, data.reasons, moderator=principal.subject, deps=deps
        )
        return _case_view(case, full=True)

    @post(
        "/experiences/{experience_id:uuid}/withdraw",
        status_code=200,
        summary="Withdraw a published story",
    )
    async def withdraw(
        self, experience_id: uuid.UUID, data: WithdrawIn, principal: Principal, deps: ModerationDeps
    ) -> dict[str, Any]:
        case = await moderators.moderator_withdraw(
            str(experience_id), data.reason, moderator=principal.subject, deps=deps
        )
        return _case_view(case, full=True)


class AnalyzeController(Controller):
    path = "/api/v1"
    tags = ["moderation"]

    @post("/analyze", status_code=200, summary="Preview redactions and flags for a text")
    async def analyze(
        self, data: AnalyzeIn, deps: ModerationDeps, request: Request[Any, Any, Any]
    ) -> dict[str, Any]:
        """No login: the frontend may warn an author before they submit. Nothing is stored. A
        client gets `analyze_per_minute` previews a minute (429 beyond); they run off the event
        loop, a few at once."""
        client = request.client.host if request.client else "unknown"
        result = await deps.preview(
            StoryInput.from_dict(
                {
                    "id": "preview",
                    "title": data.title,
                    "description": data.description,
                    "organisms": data.organisms,
                    "experience_date": data.experience_date,
                    "pseudonym": data.pseudonym,
                }
            ),
            client,
        )
        return dict(result.as_dict())
