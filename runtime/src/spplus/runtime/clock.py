"""The one place the platform reads the time of day, so that a test can move it.

Every service asks `clock.now()`; nothing else calls `datetime.now`. In production the clock is
the system's; a test installs a `ManualClock` (`with clock.use(ManualClock(...))`) and moves it
forward to cross a 72-hour deadline, a 30-minute correction window or a retention period without
waiting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The machine's time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to (tests)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("a clock tells aware times: give the start a time zone")

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        if delta < timedelta(0):
            raise ValueError("time does not go back")
        self._now += delta
        return self._now


_current: Clock = SystemClock()


def now() -> datetime:
    """The current time, aware, in UTC, from the installed clock."""
    return _current.now()


@contextlib.contextmanager
def use(clock: Clock) -> Iterator[Clock]:
    """Install `clock` for the duration of the block (tests), then the previous one again."""
    global _current
    previous, _current = _current, clock
    try:
        yield clock
    finally:
        _current = previous
