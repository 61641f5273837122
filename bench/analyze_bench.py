"""`make bench`: does a burst of moderation previews (`POST /analyze`, about half a second of CPU
each) slow the rest of the service down? `/health` latency with moderation idle, then while
twenty clients keep asking for previews at once, in the same run (the ratio is the figure).

The analyses run off the event loop, at most `MODERATION_ANALYZE_CONCURRENCY` at a time; the
rest wait their turn (or get 429 past the per-client budget). Moderation runs as in production,
its own process on the test stack's real servers.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid

import httpx

from spplus.runtime.testing import REPO, ServiceProcess, real_stack, service_env

TEXT = (
    "J'ai appelé la CAF de Lyon pour mon dossier d'aide au logement. La conseillère, Mme "
    "Lefebvre, m'a rappelé au 06 12 34 56 78 et m'a demandé mon numéro d'allocataire. "
) * 6


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1]


async def health_latencies(url: str, seconds: float) -> list[float]:
    """One `/health` at a time, every 20 ms, for `seconds`: latencies in ms."""
    out: list[float] = []
    async with httpx.AsyncClient(timeout=10) as client:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            start = time.perf_counter()
            r = await client.get(f"{url}/health")
            r.raise_for_status()
            out.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.02)
    return out


async def under_analyses(url: str, clients: int, seconds: float) -> tuple[list[float], int, int]:
    """`/health` latencies while `clients` keep posting analyses; (latencies, answered, 429s)."""
    stop = asyncio.Event()
    answered = refused = 0

    async def analyst() -> None:
        nonlocal answered, refused
        async with httpx.AsyncClient(timeout=120) as client:
            while not stop.is_set():
                r = await client.post(f"{url}/api/v1/analyze", json={"description": TEXT})
                answered += r.status_code == 200
                refused += r.status_code == 429

    tasks = [asyncio.create_task(analyst()) for _ in range(clients)]
    await asyncio.sleep(1.0)  # every client has a preview in flight
    latencies = await health_latencies(url, seconds)
    stop.set()
    await asyncio.gather(*tasks)
    return latencies, answered, refused


def main() -> int:
    with real_stack() as stack:
        env = service_env(stack, database_prefix=f"bench_{uuid.uuid4().hex[:6]}_")
        env["MODERATION_ANALYZE_PER_MINUTE"] = "100000"  # the budget is not what is measured
        moderation = ServiceProcess("moderation", 18002, env, REPO / ".local" / "test" / "logs")
        moderation.start()
        try:
            moderation.wait_ready()
            url = moderation.url
            asyncio.run(health_latencies(url, 2))  # warm-up
            idle = asyncio.run(health_latencies(url, 10))
            busy, answered, refused = asyncio.run(under_analyses(url, 20, 20))
        finally:
            moderation.stop()
    result = {
        "clients": 20,
        "idle": {"n": len(idle), "p50_ms": pct(idle, 50), "p99_ms": pct(idle, 99)},
        "busy": {"n": len(busy), "p50_ms": pct(busy, 50), "p99_ms": pct(busy, 99)},
        "analyses_answered": answered,
        "analyses_refused": refused,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
