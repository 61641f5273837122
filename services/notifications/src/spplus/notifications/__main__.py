"""Entry point: `python -m spplus.notifications` or `spplus-notifications`."""

from spplus.runtime.service import run

from .app import create_app
from .settings import NotificationsSettings


def main() -> None:
    run(create_app, NotificationsSettings)


if __name__ == "__main__":
    main()
