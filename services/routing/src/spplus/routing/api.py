"""Routing administration: the network registry, assignments, triage and reassignment."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from litestar import Controller, delete, get, post, put
from pydantic import BaseModel, ConfigDict, Field

from spplus.runtime.auth import Principal, Role, requires
from spplus.runtime.errors import ApiProblem

from . import admin, handlers
from .handlers import RoutingDeps


class ReassignIn(BaseModel):
    network: str = Field(min_length=2, max_length=40)
    entity: str | None = Field(default=None, max_length=60)
    reason: str = Field(min_length=3, max_length=500)


class EntityIn(BaseModel):
    """A local entity of a network, and the départements whose stories it answers."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1, max_length=60)
    label: str | None = Field(default=None, max_length=200)
    departments: list[str] = Field(default_factory=list, max_length=200)


class NetworkIn(BaseModel):
    label: str | None = Field(default=None, max_length=200)
    organisations: list[str] | None = Field(default=None, min_length=1, max_length=100)
    deadline_days: int | None = Field(default=None, ge=1, le=90)
    webhook: str | None = Field(
        default=None,
        max_length=2000,
        description=(
            "https URL whose host resolves to public addresses only (http in development "
            "only); an empty string removes the webhook"
        ),
    )
    webhook_secret: str | None = Field(
        default=None,
        min_length=16,
        max_length=200,
        description="HMAC key of the signatures; without one the platform generates it",
    )
    entities: list[EntityIn] | None = Field(default=None, min_length=1, max_length=500)
    keywords: list[str] | None = None


class ReplayIn(BaseModel):
    since: datetime


def _view(doc: dict[str, Any]) -> dict[str, Any]:
    """A network as an admin sees it (the webhook secret never leaves)."""
    return {
        "code": doc["_id"],
        "has_webhook_secret": bool(doc.get("webhook_secret")),
        **{k: v for k, v in doc.items() if k not in ("_id", "webhook_secret")},
    }


class RoutingController(Controller):
    path = "/api/v1"
    tags = ["routing"]

    @get("/networks", guards=[requires(Role.admin)], summary="The network registry")
    async def networks(self, deps: RoutingDeps) -> list[dict[str, Any]]:
        return [_view(d) async for d in deps.store.networks.find({}).sort("_id", 1)]

    @get("/networks/{code:str}", guards=[requires(Role.admin)], summary="One network")
    async def network(self, code: str, deps: RoutingDeps) -> dict[str, Any]:
        doc = await deps.store.network(code.upper())
        if doc is None:
            raise ApiProblem(404, "network_not_found", "Réseau inconnu.")
        return _view(doc)

    @put(
        "/networks/{code:str}",
        guards=[requires(Role.admin)],
        summary="Create or change a network (audited, applies at once)",
    )
    async def put_network(
        self, code: str, data: NetworkIn, principal: Principal, deps: RoutingDeps
    ) -> dict[str, Any]:
        """A webhook registered without a secret gets one from the platform: the answer shows
        it this once (`webhook_secret`), it is never shown again."""
        fields = data.model_dump(exclude_none=True)
        doc, generated = await admin.put_network(code, fields, principal=principal, deps=deps)
        return {**_view(doc), "webhook_secret": generated} if generated else _view(doc)

    @delete(
        "/networks/{code:str}",
        status_code=200,
        guards=[requires(Role.admin)],
        summary="Delete a network (soft, audited: no story is routed to it any more)",
    )
    async def delete_network(
        self, code: str, principal: Principal, deps: RoutingDeps
    ) -> dict[str, Any]:
        return _view(await admin.delete_network(code, principal=principal, deps=deps))

    @get(
        "/networks/{code:str}/deliveries",
        guards=[requires(Role.admin)],
        summary="The webhook delivery log of a network, newest first",
    )
    async def deliveries(self, code: str, deps: RoutingDeps) -> list[dict[str, Any]]:
        return await deps.store.webhook_log_of(code.upper())

    @post(
        "/networks/{code:str}/deliveries/replay",
        status_code=200,
        guards=[requires(Role.admin)],
        summary="Send again every delivery since a date",
    )
    async def replay(self, code: str, data: ReplayIn, deps: RoutingDeps) -> dict[str, int]:
        return {"replayed": await handlers.replay_webhooks(code, data.since, deps=deps)}

    @get(
        "/experiences/{experience_id:uuid}/assignment",
        guards=[requires(Role.admin, Role.agent, Role.moderator)],
        summary="Which network and entity must answer a story, and which rule decided",
    )
    async def assignment(
        self, experience_id: uuid.UUID, principal: Principal, deps: RoutingDeps
    ) -> dict[str, Any]:
        """Admins and moderators see every assignment; an agent only those of their network and
        entity."""
        doc = await deps.store.assignment(str(experience_id))
        if doc is None:
            raise ApiProblem(404, "assignment_not_found", "Ce récit n'est attribué à aucun réseau.")
        if not admin.may_see(principal, doc):
            raise ApiProblem(403, "forbidden", "Ce récit n'est pas attribué à votre réseau.")
        keep = (
            "network",
            "entity",
            "rule",
            "secondary",
            "scores",
            "words",
            "registry_version",
            "version",
            "status",
            "assigned_at",
            "audit",
        )
        return {"experience_id": doc["_id"], **{k: doc.get(k) for k in keep}}

    @get(
        "/triage",
        guards=[requires(Role.admin, Role.moderator)],
        summary="Stories no network could claim, oldest first",
    )
    async def triage(self, deps: RoutingDeps) -> list[dict[str, Any]]:
        return [
            {
                "experience_id": d["_id"],
                "title": d["story"]["title"],
                "scores": d.get("scores", {}),
                "assigned_at": d["assigned_at"],
            }
            for d in await deps.store.triage()
        ]

    @post(
        "/experiences/{experience_id:uuid}/reassign",
        status_code=200,
        guards=[requires(Role.admin, Role.agent, Role.moderator)],
        summary="Send a story to another network, with a reason",
    )
    async def reassign(
        self, experience_id: uuid.UUID, data: ReassignIn, principal: Principal, deps: RoutingDeps
    ) -> dict[str, Any]:
        doc = await admin.reassign(
            experience_id, data.network, data.entity, data.reason, principal=principal, deps=deps
        )
        return {
            "experience_id": doc["_id"],
            "network": doc["network"],
            "entity": doc["entity"],
            "version": doc["version"],
            "rule": doc["rule"],
        }
