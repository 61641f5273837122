"""A network's own system plugged in during `make chaos`: the example responder, connected to
Kafka as `network-<CODE>`, answers every story routed to its network with a draft. It is killed
with SIGKILL and restarted like the services; at the end every story assigned to the network
(and not withdrawn) must have exactly one draft from it, whatever was killed in between.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient


class PluggedResponder:
    def __init__(self, network: str, bootstrap: str, logs: Path) -> None:
        self.network = network
        self.bootstrap = bootstrap
        self.log = logs / f"responder-{network.lower()}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "spplus-example-responder"),
                    *("--network", self.network, "--bootstrap", self.bootstrap),
                    *("--agent", "Nora"),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def restart(self) -> None:
        self.kill()
        time.sleep(2)
        self.start()

    async def drafts(self, mongo_url: str, prefix: str) -> tuple[set[str], Counter[str]]:
        """The stories assigned to the network and not withdrawn, and how many drafts its
        system sent for each (as stored by responses)."""
        client: AsyncMongoClient[Any] = AsyncMongoClient(mongo_url, tz_aware=True)
        try:
            routing = client[f"{prefix}routing"].assignments
            assigned = {
                d["_id"]
                async for d in routing.find(
                    {"network": self.network, "status": {"$ne": "withdrawn"}}, {"_id": 1}
                )
            }
            drafts = client[f"{prefix}responses"].drafts.find(
                {"author": f"system:{self.network}"}, {"experience_id": 1}
            )
            return assigned, Counter([d["experience_id"] async for d in drafts])
        finally:
            await client.close()


def outcome(assigned: set[str], drafts: Counter[str]) -> dict[str, list[str]]:
    """What did not happen exactly once: a story with no draft, or with several."""
    return {
        "without_draft": sorted(e for e in assigned if not drafts[e]),
        "several_drafts": sorted(e for e, n in drafts.items() if n > 1),
    }
