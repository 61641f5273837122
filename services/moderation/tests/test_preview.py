"""`POST /analyze` is public: it runs off the event loop, a few at once, within a budget per
client (the review saw four previews make `/health` answer in 2 s)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from spplus.moderation.deps import ModerationDeps
from spplus.moderation.settings import ModerationSettings
from spplus.runtime.domain import TooMany
from spplus.runtime.limits import SlidingWindow


class SlowEngine:
    """Holds its thread like the real engine holds the CPU (0.3 s a text)."""

    def analyze(self, story: Any) -> str:
        time.sleep(0.3)
        return "done"


def deps(**settings: Any) -> ModerationDeps:
    return ModerationDeps(
        settings=ModerationSettings(**settings),
        store=None,  # type: ignore[arg-type]
        kick_relay=lambda: None,
        engine=SlowEngine(),  # type: ignore[arg-type]
    )


def test_a_client_gets_its_budget_then_429_and_the_window_slides() -> None:
    limiter = SlidingWindow(3, 60.0)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)  # another client has its own budget
    assert limiter.allow("a", now=61)  # a minute after the first one


def test_previews_leave_the_event_loop_free() -> None:
    d = deps(analyze_per_minute=100, analyze_concurrency=2)

    async def run() -> float:
        ticks: list[float] = []

        async def heartbeat() -> None:
            while True:
                before = time.perf_counter()
                await asyncio.sleep(0.01)
                ticks.append(time.perf_counter() - before)

        beat = asyncio.create_task(heartbeat())
        results = await asyncio.gather(*(d.preview(object(), "client") for _ in range(6)))  # type: ignore[arg-type]
        beat.cancel()
        assert results == ["done"] * 6
        return max(ticks)

    worst = asyncio.run(run())
    # on the loop, 6 x 0.3 s of work would hold a tick for at least 0.3 s
    assert worst < 0.25, worst


def test_over_budget_is_a_429() -> None:
    d = deps(analyze_per_minute=1)

    async def run() -> None:
        await d.preview(object(), "client")  # type: ignore[arg-type]
        with pytest.raises(TooMany) as refused:
            await d.preview(object(), "client")  # type: ignore[arg-type]
        assert refused.value.status == 429
        assert refused.value.code == "too_many_requests"

    asyncio.run(run())
