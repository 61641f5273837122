"""What responses' use cases receive: settings and store (the guide's redactor warmed up)."""

from __future__ import annotations

from dataclasses import dataclass

from spplus.redaction import warm_up
from spplus.runtime.store import ServiceDeps

from .settings import ResponsesSettings
from .store import ResponsesStore


@dataclass
class ResponsesDeps(ServiceDeps[ResponsesSettings, ResponsesStore]):
    def __post_init__(self) -> None:
        # The guide check runs moderation's redactor: its model loads at start, not on the
        # first answer an agent checks.
        warm_up()
