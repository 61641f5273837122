"""The envelope every message travels in, and how one event derives the ids of the next."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

P = TypeVar("P", bound=BaseModel)

#: Namespace for ids derived from another id: the same cause always yields the same effect id,
#: so an event re-emitted after a crash or a redelivery is recognised downstream as a duplicate.
_DERIVED = uuid.UUID("6f1d6a52-52a4-4f5f-9d0e-8d0f3f3b1f21")


def derive_id(cause: uuid.UUID | str, purpose: str) -> uuid.UUID:
    """A stable id for the effect `purpose` of `cause` (UUID v5)."""
    return uuid.uuid5(_DERIVED, f"{cause}:{purpose}")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Envelope(BaseModel, Generic[P]):
    """Common fields of every event; `payload` is the event's own content."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: The Kafka topic this event type travels on.
    TOPIC: ClassVar[str]

    event_id: uuid.UUID = Field(default_factory=uuid.uuid4, description="Idempotency key")
    event_type: str
    schema_version: int = 1
    occurred_at: AwareDatetime = Field(default_factory=utcnow)
    producer: str = Field(description="The service that emitted the event")
    correlation_id: uuid.UUID = Field(description="Follows one story from submission to answer")
    causation_id: uuid.UUID | None = Field(default=None, description="The event that caused it")
    payload: P

    @property
    def key(self) -> str:
        """Kafka key: the experience, so that one story's events stay in order."""
        experience_id = getattr(self.payload, "experience_id", None)
        return str(experience_id if experience_id is not None else self.event_id)

    @classmethod
    def first(cls, payload: Any, *, producer: str, correlation_id: uuid.UUID | None = None) -> Self:
        """An event that starts a chain (a person's action)."""
        event_id = uuid.uuid4()
        return cls(
            event_id=event_id,
            event_type=cls.model_fields["event_type"].default,
            producer=producer,
            correlation_id=correlation_id or event_id,
            payload=payload,
        )

    @classmethod
    def caused_by(
        cls, cause: Envelope[Any], payload: Any, *, producer: str, purpose: str = ""
    ) -> Self:
        """An event caused by `cause`, with an id derived from it (so reprocessing is harmless)."""
        event_type = cls.model_fields["event_type"].default
        return cls(
            event_id=derive_id(cause.event_id, purpose or event_type),
            event_type=event_type,
            producer=producer,
            correlation_id=cause.correlation_id,
            causation_id=cause.event_id,
            payload=payload,
        )
