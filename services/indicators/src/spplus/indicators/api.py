"""Public indicators."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get

from .handlers import IndicatorsDeps

KINDS = ("experiences_published", "responses_published")


class IndicatorsController(Controller):
    path = "/api/v1"
    tags = ["indicators"]

    async def _figures(self, deps: IndicatorsDeps, match: dict[str, Any]) -> dict[str, Any]:
        counts = await deps.store.counts(match)
        values: dict[str, Any] = {k: counts.get(k, 0) for k in KINDS}
        published = values["experiences_published"]
        values["response_rate"] = (
            round(values["responses_published"] / published, 4) if published else None
        )
        return values

    @get("/indicators", summary="Platform-wide quality figures")
    async def overall(self, deps: IndicatorsDeps) -> dict[str, Any]:
        return {"scope": "all", "values": await self._figures(deps, {})}

    @get("/indicators/networks/{code:str}", summary="One network's quality figures")
    async def network(self, code: str, deps: IndicatorsDeps) -> dict[str, Any]:
        return {
            "scope": code.upper(),
            "values": await self._figures(deps, {"network": code.upper()}),
        }
