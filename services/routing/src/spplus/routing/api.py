"""Routing administration: the network registry and assignments."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, get

from spplus.runtime.auth import Role, requires
from spplus.runtime.errors import ApiProblem

from .handlers import RoutingDeps


class RoutingController(Controller):
    path = "/api/v1"
    tags = ["routing"]

    @get(
        "/networks/{code:str}", guards=[requires(Role.admin)], summary="A network's registry entry"
    )
    async def network(self, code: str, deps: RoutingDeps) -> dict[str, Any]:
        doc = await deps.store.network(code.upper())
        if doc is None:
            raise ApiProblem(404, "network_not_found", "Réseau inconnu.")
        return {"code": doc["_id"], **{k: v for k, v in doc.items() if k != "_id"}}

    @get(
        "/experiences/{experience_id:uuid}/assignment",
        guards=[requires(Role.admin, Role.agent, Role.moderator)],
        summary="Which network and entity must answer a story",
    )
    async def assignment(self, experience_id: uuid.UUID, deps: RoutingDeps) -> dict[str, Any]:
        doc = await deps.store.assignment(str(experience_id))
        if doc is None:
            raise ApiProblem(404, "assignment_not_found", "Ce récit n'est attribué à aucun réseau.")
        return {
            "experience_id": doc["_id"],
            "network": doc.get("network"),
            "entity": doc.get("entity"),
            "due_at": doc.get("due_at"),
            "status": doc.get("status"),
        }
