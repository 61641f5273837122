"""What every service's domain layer is made of: errors that say which rule said no, and state
machines whose transitions return the change to store (never store it themselves).

A use case (called from HTTP, from a Kafka consumer or from a CLI) raises a `DomainError`; the
HTTP layer maps each kind to its status once (`runtime/errors.py`), a consumer lets it fail the
message (retried, then dead-lettered), a CLI prints it.

A state machine is a table `action → (states it may start from, state it leads to)`. A transition
method checks the table (`RefusedTransition`, a `Conflict`, otherwise) and returns a `Change`: the
new state, the fields to set, one audit entry and the events to publish. The store applies a
change as one conditional write from the states the table allows, events included (the outbox):
two racing writers cannot both apply one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from .outbox import Outgoing, with_outbox


class DomainError(Exception):
    """A rule said no: a stable code and a French message for the person who asked."""

    status = 400

    def __init__(self, code: str, message: str, errors: list[Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.errors = errors or []


class Invalid(DomainError):
    """What was asked is not acceptable as it stands (a missing reason, a text too long)."""

    status = 422


class Unauthenticated(DomainError):
    status = 401


class Forbidden(DomainError):
    """The person asking may not do this (their role, their network, their entity)."""

    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    """Not in the current state of things (a case already decided, a draft already published)."""

    status = 409


class Gone(DomainError):
    """The thing existed and was withdrawn or erased."""

    status = 410


class TooMany(DomainError):
    status = 429


class RefusedTransition(Conflict):
    """A state machine refused an action from the current state."""


S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)


@dataclass(frozen=True)
class Machine(Generic[S, A]):
    """A transition table: each action, the states it may start from, the state it leads to."""

    name: str
    #: action → (states it may start from, state it leads to; None: it keeps the state)
    table: Mapping[A, tuple[frozenset[S], S | None]]

    def sources(self, action: A) -> frozenset[S]:
        return self.table[action][0]

    def target(self, action: A) -> S | None:
        return self.table[action][1]

    def pairs(self, states: Iterable[S]) -> list[tuple[A, S]]:
        """Every (action, state): what a test of the whole table goes through."""
        return [(action, state) for action in self.table for state in states]

    def allows(self, state: S, action: A) -> bool:
        return state in self.table[action][0]

    def check(
        self, state: S, action: A, message: str | None = None, code: str | None = None
    ) -> S | None:
        """The state `action` leads to from `state`, or `RefusedTransition`."""
        sources, target = self.table[action]
        if state not in sources:
            raise RefusedTransition(
                code or f"{self.name}_{action.value}_refused",
                f"{message or 'Action impossible dans cet état.'} (état : {state.value})",
            )
        return target


@dataclass
class Change(Generic[S]):
    """One transition, to be stored as one conditional write from `sources` (with its events)."""

    sources: frozenset[S]
    status: S | None
    fields: dict[str, Any] = field(default_factory=dict)
    audit: dict[str, Any] | None = None
    events: list[Outgoing] = field(default_factory=list)
    unset: tuple[str, ...] = ()
    #: More the stored document must still hold for the change to apply (a revision, a flag).
    guard: dict[str, Any] = field(default_factory=dict)
    #: The list the audit entry is added to (a draft keeps its versions, its comments).
    audit_field: str = "audit"

    def update(self) -> dict[str, Any]:
        """The database update: the fields, the status, the audit entry, the events."""
        fields = dict(self.fields)
        if self.status is not None:
            fields["status"] = self.status.value
        update: dict[str, Any] = {"$set": fields} if fields else {}
        if self.audit is not None:
            update["$push"] = {self.audit_field: self.audit}
        if self.unset:
            update["$unset"] = dict.fromkeys(self.unset, "")
        return with_outbox(update, self.events) if self.events else update

    def source_values(self) -> list[str]:
        return sorted(s.value for s in self.sources)

    def condition(self, key: Any, *, status_field: str = "status") -> dict[str, Any]:
        """The filter of the conditional write: this document, in a state the change may start
        from, still holding what `guard` says."""
        return {"_id": key, status_field: {"$in": self.source_values()}, **self.guard}


def values(states: Iterable[StrEnum]) -> list[str]:
    return sorted(s.value for s in states)
