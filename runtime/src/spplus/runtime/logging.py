"""structlog JSON logging with the correlation id bound, and personal data kept out."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

#: Keys whose values never reach a log line, whatever the caller passes.
PERSONAL_KEYS = frozenset(
    {
        "email",
        "description",
        "title",
        "body",
        "text",
        "ip",
        "ip_address",
        "address",
        "phone",
        "postal_code",
        "city",
        "pseudonym",
        "name",
        "token",
        "authorization",
        "password",
    }
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_DIGITS = re.compile(r"\d(?:[\s.-]?\d){6,}")
_UUID = re.compile(r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})")


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        # Ids (UUIDs) stay readable; any other long run of digits may be a phone or file number.
        parts = _UUID.split(_EMAIL.sub("[email]", value))
        return "".join(p if i % 2 else _LONG_DIGITS.sub("[digits]", p) for i, p in enumerate(parts))
    if isinstance(value, dict):
        return {k: "[personal]" if k in PERSONAL_KEYS else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def scrub_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Processor: drop personal keys and mask emails and long numbers in everything else."""
    event_dict.pop("color_message", None)  # uvicorn's ANSI copy of the message
    for key in list(event_dict):
        if key in PERSONAL_KEYS:
            event_dict[key] = "[personal]"
        elif key not in ("timestamp", "level", "logger"):
            event_dict[key] = _scrub(event_dict[key])
    return event_dict


def configure_logging(service: str, level: str = "INFO") -> None:
    """JSON lines on stdout; standard-library loggers (FastStream, uvicorn) go the same way."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        structlog.processors.format_exc_info,
        scrub_personal_data,
    ]
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiokafka", "pymongo", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)
