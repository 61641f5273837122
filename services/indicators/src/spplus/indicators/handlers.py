"""Indicators' use cases: every event becomes one fact (no personal data kept); figures are
computed from the facts (`figures.py`) and published as snapshots."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from spplus.contracts import derive_id, events
from spplus.contracts.reference import find_organisation
from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.store import ServiceDeps

from . import figures
from .settings import IndicatorsSettings
from .store import IndicatorsStore

log = get_logger(__name__)


@dataclass
class IndicatorsDeps(ServiceDeps[IndicatorsSettings, IndicatorsStore]):
    """Adds a short-lived cache of the assembled facts (figures are read far more than they
    change)."""

    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    async def facts(self) -> tuple[dict[str, figures.Story], list[Document]]:
        now = time.monotonic()
        if self._cache and now - self._cache["at"] < self.settings.cache_s:
            return self._cache["value"]
        value = figures.assemble(await self.store.all_facts())
        self._cache.update(at=now, value=value)
        return value

    async def figures(
        self,
        *,
        period: str = "all",
        last: int = 12,
        as_of: datetime | None = None,
        network: str | None = None,
        entity: str | None = None,
        public: bool = True,
    ) -> dict[str, Any]:
        stories, others = await self.facts()
        as_of = as_of or clock.now()
        first = min(
            [
                s.submitted_at or s.published_at
                for s in stories.values()
                if s.submitted_at or s.published_at
            ]
            + [f["at"] for f in others],
            default=None,
        )
        buckets = []
        for window in figures.windows(period, as_of, first, last):
            values = figures.compute(stories, others, window, as_of, network, entity)
            if public:
                values = figures.suppress(values, self.settings.min_count)
            buckets.append(
                {"period": window.label, "start": window.start, "end": window.end, "values": values}
            )
        return {
            "scope": {"network": network, "entity": entity},
            "period": period,
            "as_of": as_of,
            "min_count": self.settings.min_count if public else 1,
            "buckets": buckets,
        }


def _network_of(organisation: str | None) -> str | None:
    org = find_organisation(organisation) if organisation else None
    return org.network if org else None


def _journey(story: Any) -> tuple[str | None, list[dict[str, str]]]:
    first = story.journey[0].organisation if story.journey else None
    # (no nested arrays: FerretDB v1 refuses them)
    channels = [
        {"channel": c.channel.value, "feeling": c.feeling.value}
        for step in story.journey
        for c in step.channels
    ]
    return _network_of(first), channels


def fact_of(event: events.Envelope[Any]) -> Document | None:
    """The fact an event adds (or None: not a figure's business). Only ids, times, codes and
    categories are kept: no text, no contact."""
    p: Any = event.payload
    base: Document = {"_id": str(event.event_id), "at": event.occurred_at}
    if hasattr(p, "experience_id") and p.experience_id is not None:
        base["experience_id"] = str(p.experience_id)
    match event:
        case events.ExperienceSubmitted():
            network, channels = _journey(p)
            return base | {
                "type": "submitted",
                "at": getattr(p, "submitted_at", None) or event.occurred_at,
                "network": network,
                "feeling": p.feeling.value,
                "channels": channels,
            }
        case events.ExperienceModerated():
            return base | {
                "type": "moderated",
                "decision": p.decision.value,
                "reasons": list(p.reason_codes),
            }
        case events.ExperiencePublished():
            network, channels = _journey(p.story)
            return base | {
                "type": "published",
                "at": p.published_at,
                "network": network,
                "feeling": p.story.feeling.value,
                "channels": channels,
            }
        case events.ExperienceWithdrawn():
            return base | {"type": "withdrawn"}
        case events.AuthorDecisionMade():
            return base | {"type": "author_decision", "action": p.action.value}
        case events.ExperienceRouted():
            return base | {
                "type": "routed",
                "network": p.network,
                "entity": p.entity,
                "due_at": p.due_at,
                "version": p.version,
            }
        case events.ResponsePublished():
            if p.revision > 1:
                return None  # a correction is not a new answer
            return base | {
                "type": "response",
                "at": p.published_at,
                "network": p.network,
                "entity": p.entity,
            }
        case events.ImprovementRecorded():
            return base | {
                "type": "improvement",
                "at": p.recorded_at,
                "action_id": str(p.action_id),
                "network": p.network,
            }
        case events.VoteCast():
            return base | {"type": "vote", "kind": p.kind.value, "useful": p.useful}
        case events.NotificationSent():
            return base | {"type": "notification", "outcome": p.outcome, "template": p.template}
    return None


async def record(event: events.Envelope[Any], *, deps: IndicatorsDeps) -> None:
    """Keep the fact an event adds (once: facts are keyed by the event id)."""
    fact = fact_of(event)
    if fact is not None:
        await deps.store.record(fact)


async def publish_snapshot(*, deps: IndicatorsDeps) -> int:
    """Publish the all-time figures, overall and per network, on `spplus.indicators.snapshot.v1`
    (one snapshot per interval, whatever the number of instances)."""
    interval = deps.settings.snapshot_interval_s
    now = clock.now()
    window_end = datetime.fromtimestamp(now.timestamp() // interval * interval, UTC)
    stories, _ = await deps.facts()
    networks = sorted({s.scope_network for s in stories.values() if s.scope_network})
    snapshots = []
    for network in [None, *networks]:
        answer = await deps.figures(as_of=window_end, network=network, public=False)
        snapshots.append(
            events.IndicatorsSnapshot(
                event_id=derive_id(f"{window_end.isoformat()}:{network or '*'}", "snapshot"),
                event_type="indicators.snapshot",
                producer="indicators",
                correlation_id=uuid.uuid4(),
                payload=events.IndicatorsSnapshotPayload(
                    window_end=window_end,
                    network=network,
                    values=figures.flatten(answer["buckets"][0]["values"]),
                ),
            )
        )
    doc = new_document_with_outbox(
        {"_id": window_end.isoformat(), "window_end": window_end}, snapshots
    )
    if not await deps.store.add_snapshot(doc):
        return 0
    deps.kick_relay()
    await deps.store.prune_snapshots(now - timedelta(days=1))
    return len(snapshots)


def _recorder(event_cls: type[events.Envelope[Any]]) -> Any:
    """A handler of its own per event type (its own consumer group)."""

    async def handler(event: events.Envelope[Any], *, deps: IndicatorsDeps) -> None:
        await record(event, deps=deps)

    event_type = str(event_cls.model_fields["event_type"].default)
    handler.__name__ = handler.__qualname__ = f"count_{event_type.replace('.', '_')}"
    handler.__doc__ = f"One fact per `{event_type}` event."
    return handler


# Each fact is inserted under its event's id, so a redelivered event changes nothing: the
# consumers need nothing more.

# Every reaction of indicators to every event it consumes: one fact per event.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (events.IndicatorsSnapshot,)

EVENT_HANDLERS = {
    cls: _recorder(cls)
    for cls in (
        events.ExperienceSubmitted,
        events.ExperienceModerated,
        events.ExperiencePublished,
        events.ExperienceWithdrawn,
        events.AuthorDecisionMade,
        events.ExperienceRouted,
        events.ResponsePublished,
        events.ImprovementRecorded,
        events.VoteCast,
        events.NotificationSent,
    )
}

PERIODIC = {publish_snapshot: "snapshot_interval_s"}
