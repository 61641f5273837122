"""Public indicators: JSON, a live stream (server-sent events), and a page with charts."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Any, Literal

from litestar import Controller, MediaType, get
from litestar.params import Parameter
from litestar.response import ServerSentEvent

from spplus.contracts.reference import ORGANISATIONS
from spplus.runtime.errors import ApiProblem

from . import page
from .handlers import IndicatorsDeps

Period = Literal["all", "day", "week", "month"]
NETWORKS = sorted({o.network for o in ORGANISATIONS})


def _network(code: str) -> str:
    if code.upper() not in NETWORKS:
        raise ApiProblem(
            404, "network_not_found", f"Réseau inconnu. Réseaux : {', '.join(NETWORKS)}."
        )
    return code.upper()


class IndicatorsController(Controller):
    path = "/api/v1"
    tags = ["indicators"]

    @get("/indicators", summary="Platform-wide quality figures (public, small counts hidden)")
    async def overall(
        self,
        deps: IndicatorsDeps,
        period: Period = "all",
        last: int = Parameter(default=12, ge=1, le=366),
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        """`period`: `all`, or the `last` days, ISO weeks or months (Paris time) up to `as_of`."""
        return await deps.figures(period=period, last=last, as_of=as_of)

    @get("/indicators/networks/{code:str}", summary="One network's figures (or one entity's)")
    async def network(
        self,
        code: str,
        deps: IndicatorsDeps,
        period: Period = "all",
        last: int = Parameter(default=12, ge=1, le=366),
        entity: str | None = Parameter(default=None, max_length=40),
        as_of: datetime | None = None,
    ) -> dict[str, Any]:
        return await deps.figures(
            period=period, last=last, as_of=as_of, network=_network(code), entity=entity
        )

    @get(
        "/indicators/networks/{code:str}/entities",
        summary="All-time figures of each local entity of a network that has stories",
    )
    async def entities(self, code: str, deps: IndicatorsDeps) -> dict[str, Any]:
        network = _network(code)
        stories, _ = await deps.facts()
        codes = sorted(
            {s.entity for s in stories.values() if s.entity and s.scope_network == network}
        )
        out = {}
        for entity in codes:
            answer = await deps.figures(network=network, entity=entity)
            out[entity] = answer["buckets"][0]["values"]
        return {"network": network, "entities": out}

    @get("/indicators/stream", summary="Live figures (server-sent events, `figures` events)")
    async def stream(self, deps: IndicatorsDeps) -> ServerSentEvent:
        """A `figures` event at once, then each time the all-time figures change."""

        async def events() -> AsyncGenerator[dict[str, Any], None]:
            last = None
            while True:
                answer = await deps.figures()
                data = json.dumps(answer["buckets"][0]["values"], sort_keys=True)
                if data != last:
                    last = data
                    yield {"event": "figures", "data": data}
                await asyncio.sleep(deps.settings.stream_interval_s)

        return ServerSentEvent(events())


class PageController(Controller):
    path = "/"
    tags = ["indicators"]

    @get(["/", "/indicateurs"], media_type=MediaType.HTML, summary="The public indicators page")
    async def page(self, deps: IndicatorsDeps) -> str:
        """The main figures as charts (inline SVG, no script), readable on a phone."""
        overall = await deps.figures()
        months = await deps.figures(period="month", last=6)
        per_network = {}
        for network in NETWORKS:
            answer = await deps.figures(network=network)
            values = answer["buckets"][0]["values"]
            if values["published"] or values["submitted"]:
                per_network[network] = values
        return page.render(overall, months, per_network)
