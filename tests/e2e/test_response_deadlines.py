"""The deadline timers of an assignment: a reminder before the deadline, the overdue flag after
it, each once whatever the timer rounds and the instances."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from spplus.contracts import events
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, produce, topic_events
from tests.e2e.test_responses import bearer, routed_to_ants

pytestmark = pytest.mark.e2e


def test_a_deadline_reminds_then_flags_overdue_once(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """Stored timers (reminder 4 s before the deadline in tests, 48 h by default)."""
    responses = platform["responses"].url
    agent = bearer("Paul", ["agent"], "ANTS")
    experience_id = uuid.uuid4()
    due = datetime.now(UTC) + timedelta(seconds=7)
    produce(stack.kafka, routed_to_ants(experience_id, due, "negative"))

    def item() -> dict[str, Any] | None:
        inbox = httpx.get(f"{responses}/api/v1/inbox", headers=agent, timeout=5).json()
        return next((i for i in inbox if i["experience_id"] == str(experience_id)), None)

    assert eventually(item, timeout=30)["overdue"] is False
    flagged = eventually(lambda: (i := item()) and i["overdue"] and i, timeout=30)
    assert flagged["reminded"] is True
    inbox = httpx.get(f"{responses}/api/v1/inbox", headers=agent, timeout=5).json()
    overdue = [i["overdue"] for i in inbox]
    assert overdue == sorted(overdue, reverse=True)  # overdue first

    def steps() -> list[str]:
        return [
            e["payload"]["step"]
            for e in topic_events(
                stack.kafka,
                events.ResponseWorkflow.TOPIC,
                lambda e: e["payload"]["experience_id"] == str(experience_id),
            )
        ]

    assert eventually(lambda: len(steps()) >= 2, timeout=30)
    time.sleep(2)  # several timer rounds later: still one of each
    assert sorted(steps()) == ["deadline_near", "overdue"]
