"""Moderator back-office (role `moderator`)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from pymongo import ASCENDING

from spplus.runtime.auth import Role, requires

from .handlers import ModerationDeps


class QueueController(Controller):
    path = "/api/v1"
    tags = ["moderation"]
    guards = [requires(Role.moderator)]

    @get("/queue", summary="Stories waiting for a moderator, oldest first")
    async def queue(self, deps: ModerationDeps) -> list[dict[str, Any]]:
        cursor = deps.store.cases.find({"status": "human_review"}).sort("opened_at", ASCENDING)
        return [
            {
                "experience_id": doc["_id"],
                "opened_at": doc["opened_at"].isoformat(),
                "flags": doc.get("flags", []),
            }
            async for doc in cursor.limit(200)
        ]
