"""Entry point: `python -m spplus.indicators` (the service) or `spplus-indicators`:

spplus-indicators            run the service
spplus-indicators rebuild    the facts again from offset zero (see `rebuild.py`)
"""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "rebuild":
        from .rebuild import main as rebuild

        raise SystemExit(rebuild(sys.argv[2:]))
    from spplus.runtime.service import run

    from .app import create_app

    run(create_app)


if __name__ == "__main__":
    main()
