"""Fault points: named places where a test may stop a service, to show that nothing is lost or
done twice when a process dies there.

Production code only marks the place: `faults.point("responses.after_publish")`. Nothing happens
unless a test armed that name, in its own process (`faults.arm`), or in a service it starts as a
process through the test launcher (`tests/faults/launch.py`, used by `ServiceProcess(faults=…)`),
which arms the points before the service starts. No setting, no environment variable and no
production code path can arm one.
"""

from __future__ import annotations

from collections.abc import Callable

_armed: dict[str, Callable[[], None]] = {}


def point(name: str) -> None:
    """Run the action a test armed at `name`, if any (none in production)."""
    action = _armed.get(name)
    if action is not None:
        action()


def arm(name: str, action: Callable[[], None]) -> None:
    _armed[name] = action


def disarm(name: str | None = None) -> None:
    """Disarm `name`, or every point."""
    if name is None:
        _armed.clear()
    else:
        _armed.pop(name, None)


def armed() -> frozenset[str]:
    return frozenset(_armed)
