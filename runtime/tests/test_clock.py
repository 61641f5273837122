"""The injectable clock: services read the time through it, tests move it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from spplus.runtime import clock
from spplus.runtime.clock import ManualClock


def test_a_manual_clock_moves_only_forward_and_only_when_told() -> None:
    start = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    manual = ManualClock(start)
    with clock.use(manual):
        assert clock.now() == start
        manual.advance(timedelta(hours=72))
        assert clock.now() == start + timedelta(hours=72)
        with pytest.raises(ValueError):
            manual.advance(timedelta(seconds=-1))
    assert clock.now() != start + timedelta(hours=72)  # the system clock again
    assert clock.now().tzinfo is not None


def test_a_naive_start_is_refused() -> None:
    with pytest.raises(ValueError):
        ManualClock(datetime(2026, 3, 2, 8, 30))
