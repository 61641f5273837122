"""Start a service with fault points armed (tests only).

    python tests/faults/launch.py <service> <point>=<exit code> [<point>=<exit code>…]

Each armed point ends the process at once with its exit code, as a kill -9 would: no shutdown,
no flush, no `finally`. The service then runs exactly as `python -m spplus.<service>`.
"""

from __future__ import annotations

import os
import runpy
import sys

from spplus.runtime import faults


def _exit_with(code: int):  # type: ignore[no-untyped-def]
    def action() -> None:
        sys.stdout.flush()
        os._exit(code)

    return action


def main(argv: list[str]) -> None:
    service, *points = argv
    for spec in points:
        name, _, code = spec.partition("=")
        faults.arm(name, _exit_with(int(code)))
    sys.argv = [f"spplus.{service}"]
    runpy.run_module(f"spplus.{service}", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
