"""Entry point: `python -m spplus.responses` or `spplus-responses`."""

from spplus.runtime.service import run

from .app import create_app


def main() -> None:
    run(create_app)


if __name__ == "__main__":
    main()
