"""Entry point: `python -m spplus.moderation` or `spplus-moderation`."""

from spplus.runtime.service import run

from .app import create_app
from .settings import ModerationSettings


def main() -> None:
    run(create_app, ModerationSettings)


if __name__ == "__main__":
    main()
