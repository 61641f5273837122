"""Notifications' back office (role `admin`): deliveries to check, suppressions.

Addresses never appear in answers: a delivery shows its template, status, attempts and error; a
suppression is found by the address given in the request and stored as a salted hash.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from litestar import Controller, delete, get, post
from litestar.params import Parameter
from pydantic import BaseModel, EmailStr, Field

from spplus.runtime import clock
from spplus.runtime.auth import Role, requires
from spplus.runtime.domain import Conflict, NotFound
from spplus.runtime.errors import ApiProblem
from spplus.runtime.mongo import Document

from .delivery import Delivery, DeliveryAction
from .deps import NotificationsDeps
from .sending import deliver_due
from .store import AGAIN, hint_fields

Status = Literal[
    "waiting_contact",
    "pending",
    "sent",
    "failed",
    "uncertain",
    "suppressed",
    "cancelled",
]


class SuppressionIn(BaseModel):
    email: EmailStr
    reason: Literal["bounced", "complaint", "unsubscribed"] = "unsubscribed"


class ResolveIn(BaseModel):
    action: Literal["resend", "mark_sent", "abandon"] = Field(
        description="resend: send it again; mark_sent: it did arrive; abandon: leave it"
    )


def _delivery(doc: Document) -> dict[str, Any]:
    return {
        "id": doc["_id"],
        "template": doc["template"],
        "audience": doc.get("audience"),
        "experience_id": doc.get("experience_id"),
        "status": doc["status"],
        "attempts": doc.get("attempts", 0),
        "next_attempt_at": doc.get("next_attempt_at"),
        "last_error": doc.get("last_error"),
        "created_at": doc.get("created_at"),
        "sent_at": doc.get("sent_at"),
    }


class DeliveriesController(Controller):
    path = "/api/v1"
    tags = ["notifications"]
    guards = [requires(Role.admin)]

    @get("/deliveries", summary="Deliveries, newest first (failed and uncertain ones to check)")
    async def deliveries(
        self,
        deps: NotificationsDeps,
        status: Status | None = None,
        experience_id: uuid.UUID | None = None,
        limit: int = Parameter(default=100, ge=1, le=500),
    ) -> dict[str, Any]:
        docs = await deps.store.list_deliveries(
            status, str(experience_id) if experience_id else None, limit
        )
        return {"counts": await deps.store.counts(), "items": [_delivery(d) for d in docs]}

    @post(
        "/deliveries/{delivery_id:str}/resolve",
        status_code=200,
        summary="Settle a failed or uncertain delivery",
    )
    async def resolve(
        self, delivery_id: str, data: ResolveIn, deps: NotificationsDeps
    ) -> dict[str, Any]:
        current = await deps.store.deliveries.find_one({"_id": delivery_id})
        if current is None:
            raise NotFound("delivery_not_found", "Aucune remise sous cet identifiant.")
        action = DeliveryAction(data.action)
        change = Delivery(current).resolve(action, clock.now())  # 409 unless failed or uncertain
        if action is DeliveryAction.resend:
            # The lock's last generation says failed or uncertain, which forbids a new one:
            # this person's decision allows it.
            lock = await deps.store.lock_of(delivery_id)
            if lock is not None and lock.get("outcome") not in AGAIN:
                await deps.store.settle_lock(delivery_id, int(lock["gen"]), "resend")
            await deps.store.schedule.at(delivery_id, clock.now(), **hint_fields(current))
        done = await deps.store.apply(delivery_id, change)
        if done is None:
            raise Conflict(
                "not_to_resolve", "Seule une remise en échec ou incertaine se règle ainsi."
            )
        deps.kick(deliver_due)
        return _delivery(done)

    @post("/suppressions", summary="Stop writing to an address")
    async def suppress(self, data: SuppressionIn, deps: NotificationsDeps) -> dict[str, str]:
        await deps.store.suppress(deps.address_hash(str(data.email)), data.reason, clock.now())
        return {"status": "suppressed", "reason": data.reason}

    @delete("/suppressions", status_code=200, summary="Write to an address again")
    async def unsuppress(
        self, deps: NotificationsDeps, email: str = Parameter(min_length=3, max_length=320)
    ) -> dict[str, str]:
        if not await deps.store.unsuppress(deps.address_hash(email)):
            raise ApiProblem(404, "not_suppressed", "Cette adresse n'est pas dans la liste.")
        return {"status": "removed"}
