"""`make bench`: intake's accepted submissions per second and p50/p99 latency at a fixed
concurrency, beside a bare Litestar endpoint measured in the same run (the ratio is the figure).

Intake runs as in production (its own process, real FerretDB, real Kafka through the outbox),
on the test stack's ports; each submission is a distinct valid story.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from spplus.runtime.testing import REPO, ServiceProcess, real_stack, service_env

HERE = Path(__file__).resolve().parent


def story(i: int) -> dict[str, object]:
    return {
        "title": f"Démarche numéro {i}",
        "description": (
            "J'ai fait ma demande en ligne, le dossier a été traité rapidement et "
            "l'accueil téléphonique a répondu à mes questions sans attente. "
        )
        * 2
        + uuid.uuid4().hex,
        "feeling": "positive",
        "experience_date": "2026-10-15",
        "journey": [
            {"organisation": "CAF", "channels": [{"channel": "website", "feeling": "positive"}]}
        ],
        "author": {"email": f"bench{i}@example.org", "postal_code": "75011"},
        "consent": True,
    }


async def load(url: str, total: int, concurrency: int) -> tuple[float, list[float], int]:
    """Requests/s, latencies (ms), and how many answers were not 202."""
    latencies: list[float] = []
    failures = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal failures
        while not queue.empty():
            i = queue.get_nowait()
            start = time.perf_counter()
            r = await client.post(url, json=story(i))
            latencies.append((time.perf_counter() - start) * 1000)
            failures += r.status_code != 202

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return total / elapsed, latencies, failures


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="median over this many rounds")
    args = parser.parse_args()

    with real_stack() as stack:
        env = service_env(stack, database_prefix=f"bench_{uuid.uuid4().hex[:6]}_")
        intake = ServiceProcess("intake", 18001, env, REPO / ".local" / "test" / "logs")
        intake.start()
        bare = subprocess.Popen([sys.executable, str(HERE / "bare_app.py"), "18099"])
        try:
            intake.wait_ready()
            for _ in range(100):
                try:
                    httpx.get("http://127.0.0.1:18099/", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            targets = {
                "bare Litestar": "http://127.0.0.1:18099/api/v1/experiences",
                "intake": f"{intake.url}/api/v1/experiences",
            }
            results: dict[str, list[tuple[float, float, float, int]]] = {k: [] for k in targets}
            for url in targets.values():  # warm-up
                asyncio.run(load(url, 200, args.concurrency))
            for _ in range(args.rounds):  # interleaved, so both see the same machine
                for name, url in targets.items():
                    rate, lat, failed = asyncio.run(load(url, args.requests, args.concurrency))
                    results[name].append((rate, pct(lat, 50), pct(lat, 99), failed))
        finally:
            intake.stop()
            bare.terminate()
            bare.wait(timeout=10)

    print(
        f"\n{args.requests} POST /api/v1/experiences per round, concurrency {args.concurrency}, "
        f"median of {args.rounds} rounds"
    )
    print(f"{'':<16}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'non-202':>10}")
    summary: dict[str, dict[str, float]] = {}
    for name, rows in results.items():
        rate = statistics.median(r[0] for r in rows)
        p50 = statistics.median(r[1] for r in rows)
        p99 = statistics.median(r[2] for r in rows)
        failed = sum(r[3] for r in rows)
        summary[name] = {"rate": rate, "p50_ms": p50, "p99_ms": p99, "non_202": failed}
        print(f"{name:<16}{rate:>10.0f}{p50:>10.1f}{p99:>10.1f}{failed:>10}")
    ratio = summary["intake"]["rate"] / summary["bare Litestar"]["rate"]
    print(f"intake / bare Litestar throughput: {ratio:.2f}")
    print(
        json.dumps(
            {
                "requests": args.requests,
                "concurrency": args.concurrency,
                "rounds": args.rounds,
                **summary,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
