"""Fault points do nothing unless a test arms them."""

from __future__ import annotations

import pytest

from spplus.runtime import faults


def test_a_point_does_nothing_until_armed_then_runs_its_action() -> None:
    hits: list[str] = []
    faults.point("t.somewhere")  # not armed: nothing
    faults.arm("t.somewhere", lambda: hits.append("hit"))
    try:
        faults.point("t.elsewhere")
        faults.point("t.somewhere")
        assert hits == ["hit"]
        assert "t.somewhere" in faults.armed()
    finally:
        faults.disarm("t.somewhere")
    faults.point("t.somewhere")
    assert hits == ["hit"]


def test_an_action_may_stop_the_caller() -> None:
    def stop() -> None:
        raise SystemExit(19)

    faults.arm("t.stop", stop)
    try:
        with pytest.raises(SystemExit):
            faults.point("t.stop")
    finally:
        faults.disarm()
    assert faults.armed() == frozenset()
