"""Entry point: `python -m spplus.routing` or `spplus-routing`."""

from spplus.runtime.service import run

from .app import create_app
from .settings import RoutingSettings


def main() -> None:
    run(create_app, RoutingSettings)


if __name__ == "__main__":
    main()
