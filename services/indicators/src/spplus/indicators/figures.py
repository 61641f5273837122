"""The quality figures, computed from stored facts (one per event), with no I/O.

Figures are a pure function of the set of facts and of the moment they are computed for (`as_of`),
so the order in which events arrived, duplicates, and a rebuild from the start of the topics all
give the same numbers.

Definitions (each window is `[start, end)` in Europe/Paris time; "all" has no bounds):
- submitted / published / refused: stories whose first submission / publication / refusal falls in
  the window; refusals are also counted by reason code;
- awaiting_author: stories waiting for their author at the end of the window (or `as_of`);
- moderation_hours: working hours (9:00–18:00, working days, French public holidays) from
  submission to the first moderation decision, for decisions in the window: median and p90;
- response_rate: of the stories published in the window, the share answered (by `as_of`);
- response_hours: working hours from publication to the first public answer, for first answers in
  the window: median and p90;
- within_deadline: of the stories whose deadline falls in the window and has passed (or that are
  answered already), the share answered by the deadline;
- feelings, feelings_by_channel: published stories in the window, by feeling (and by channel of
  their journey);
- similar_votes, useful_yes, useful_no, usefulness: votes cast in the window;
- improvement_actions: distinct actions recorded in the window;
- emails_sent, emails_failed: notification outcomes in the window.
Median: the middle value (mean of the two middle ones for an even count). p90: nearest rank, the
value at rank ceil(0.9 n) of the sorted values.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from spplus.runtime.calendar import PARIS, working_hours_between

Fact = dict[str, Any]

AWAITING = ("await_author_approval", "publish_after_notice")


@dataclass
class Story:
    """What the facts say about one story."""

    experience_id: str
    submitted_at: datetime | None = None
    org_network: str | None = None
    decisions: list[tuple[datetime, str, list[str]]] = field(default_factory=list)
    published_at: datetime | None = None
    feeling: str | None = None
    channels: list[tuple[str, str]] = field(default_factory=list)
    routed_version: int = -1
    network: str | None = None
    entity: str | None = None
    due_at: datetime | None = None
    first_response_at: datetime | None = None
    withdrawn_at: datetime | None = None
    author_stop_at: datetime | None = None

    @property
    def scope_network(self) -> str | None:
        return self.network or self.org_network

    @property
    def first_decision_at(self) -> datetime | None:
        return min((d[0] for d in self.decisions), default=None)

    @property
    def refusal(self) -> tuple[datetime, list[str]] | None:
        refusals = [
            (at, reasons) for at, decision, reasons in self.decisions if decision == "reject"
        ]
        return min(refusals, key=lambda r: r[0]) if refusals else None

    def awaiting_at(self, moment: datetime) -> bool:
        before = [d for d in self.decisions if d[0] < moment]
        if not before or max(before, key=lambda d: d[0])[1] not in AWAITING:
            return False
        ended = (self.published_at, self.withdrawn_at, self.author_stop_at)
        return not any(at is not None and at < moment for at in ended)


def _earliest(current: datetime | None, at: datetime) -> datetime:
    return at if current is None or at < current else current


def assemble(facts: Iterable[Fact]) -> tuple[dict[str, Story], list[Fact]]:
    """Stories from the facts about them, and the facts that are events in their own right
    (votes, improvement actions, notifications)."""
    stories: dict[str, Story] = {}
    others: list[Fact] = []
    for f in facts:
        kind, at = f["type"], f["at"]
        if kind in ("vote", "improvement", "notification"):
            others.append(f)
        eid = f.get("experience_id")
        if not eid:
            continue
        s = stories.setdefault(eid, Story(eid))
        if kind == "submitted":
            s.submitted_at = _earliest(s.submitted_at, at)
            s.org_network = s.org_network or f.get("network")
        elif kind == "moderated":
            s.decisions.append((at, f["decision"], list(f.get("reasons", []))))
        elif kind == "published":
            s.published_at = _earliest(s.published_at, at)
            s.feeling = f.get("feeling")
            s.channels = [(c["channel"], c["feeling"]) for c in f.get("channels", [])]
            s.org_network = s.org_network or f.get("network")
        elif kind == "routed" and f.get("version", 1) > s.routed_version:
            s.routed_version = f.get("version", 1)
            s.network, s.entity, s.due_at = f["network"], f.get("entity"), f.get("due_at")
        elif kind == "response":
            s.first_response_at = _earliest(s.first_response_at, at)
        elif kind == "withdrawn":
            s.withdrawn_at = _earliest(s.withdrawn_at, at)
        elif kind == "author_decision" and f.get("action") in ("block", "reject", "withdraw"):
            s.author_stop_at = _earliest(s.author_stop_at, at)
    for s in stories.values():
        s.decisions.sort(key=lambda d: d[0])
    return stories, others


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[math.ceil(0.9 * len(ordered)) - 1], 2)


@dataclass(frozen=True)
class Window:
    start: datetime | None
    end: datetime | None
    label: str = "all"

    def __contains__(self, at: datetime | None) -> bool:
        if at is None:
            return False
        return (self.start is None or at >= self.start) and (self.end is None or at < self.end)


def compute(
    stories: dict[str, Story],
    others: list[Fact],
    window: Window,
    as_of: datetime,
    network: str | None = None,
    entity: str | None = None,
) -> dict[str, Any]:
    """Every figure for the stories of a scope (all, a network, an entity) in a window."""

    def in_scope(s: Story | None) -> bool:
        if s is None:
            return network is None and entity is None
        if network is not None and (s.scope_network or "").upper() != network.upper():
            return False
        return entity is None or s.entity == entity

    scoped = [s for s in stories.values() if in_scope(s)]
    end = min(window.end, as_of) if window.end else as_of

    refused = [s for s in scoped if s.refusal and s.refusal[0] in window]
    by_reason: Counter[str] = Counter()
    for s in refused:
        assert s.refusal is not None
        by_reason.update(set(s.refusal[1]) or {"OTHER"})

    moderated = [s for s in scoped if s.first_decision_at in window and s.submitted_at]
    published = [s for s in scoped if s.published_at in window]
    answered_first = [s for s in scoped if s.first_response_at in window and s.published_at]
    due = [
        s
        for s in scoped
        if s.due_at in window
        and s.due_at is not None
        and (
            s.due_at <= as_of or (s.first_response_at is not None and s.first_response_at <= as_of)
        )
    ]

    feelings: Counter[str] = Counter(s.feeling for s in published if s.feeling)
    by_channel: dict[str, Counter[str]] = defaultdict(Counter)
    for s in published:
        for channel, feeling in s.channels:
            by_channel[channel][feeling] += 1

    def other_in_scope(f: Fact) -> bool:
        if f["at"] not in window:
            return False
        eid = f.get("experience_id")
        if network is None and entity is None:
            return True
        s = stories.get(eid) if eid else None
        if s is None:  # an action names its network itself
            return (
                network is not None
                and entity is None
                and (f.get("network") or "").upper() == network.upper()
            )
        return in_scope(s)

    events = [f for f in others if other_in_scope(f)]
    votes = [f for f in events if f["type"] == "vote"]
    useful_yes = sum(1 for f in votes if f.get("kind") == "useful" and f.get("useful") is True)
    useful_no = sum(1 for f in votes if f.get("kind") == "useful" and f.get("useful") is False)
    notes = [f for f in events if f["type"] == "notification"]

    moderation_hours = [
        working_hours_between(s.submitted_at, s.first_decision_at)
        for s in moderated
        if s.submitted_at and s.first_decision_at
    ]
    response_hours = [
        working_hours_between(s.published_at, s.first_response_at)
        for s in answered_first
        if s.published_at and s.first_response_at
    ]
    answered_of_published = [
        s for s in published if s.first_response_at is not None and s.first_response_at <= as_of
    ]
    on_time = [
        s
        for s in due
        if s.first_response_at is not None
        and s.due_at is not None
        and s.first_response_at <= s.due_at
    ]

    return {
        "submitted": sum(1 for s in scoped if s.submitted_at in window),
        "published": len(published),
        "refused": len(refused),
        "refused_by_reason": dict(sorted(by_reason.items())),
        "awaiting_author": sum(1 for s in scoped if s.awaiting_at(end)),
        "moderation_hours": {
            "n": len(moderation_hours),
            "median": median(moderation_hours),
            "p90": p90(moderation_hours),
        },
        "response_rate": {
            "n": len(published),
            "answered": len(answered_of_published),
            "rate": _rate(len(answered_of_published), len(published)),
        },
        "response_hours": {
            "n": len(response_hours),
            "median": median(response_hours),
            "p90": p90(response_hours),
        },
        "within_deadline": {
            "n": len(due),
            "on_time": len(on_time),
            "rate": _rate(len(on_time), len(due)),
        },
        "feelings": {k: feelings.get(k, 0) for k in ("positive", "neutral", "negative")},
        "feelings_by_channel": {
            channel: {k: c.get(k, 0) for k in ("positive", "neutral", "negative")}
            for channel, c in sorted(by_channel.items())
        },
        "similar_votes": sum(1 for f in votes if f.get("kind") == "similar"),
        "usefulness": {
            "yes": useful_yes,
            "no": useful_no,
            "rate": _rate(useful_yes, useful_yes + useful_no),
        },
        "improvement_actions": len({f["action_id"] for f in events if f["type"] == "improvement"}),
        "emails_sent": sum(1 for f in notes if f.get("outcome") == "sent"),
        "emails_failed": sum(1 for f in notes if f.get("outcome") == "failed"),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# --- periods ---------------------------------------------------------------------------------------


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), PARIS)


def bucket_of(at: datetime, period: str) -> Window:
    """The calendar day, ISO week (from Monday) or month of `at`, in Paris time."""
    local = at.astimezone(PARIS).date()
    if period == "day":
        start = local
        nxt = start + timedelta(days=1)
        label = start.isoformat()
    elif period == "week":
        start = local - timedelta(days=local.weekday())
        nxt = start + timedelta(days=7)
        iso = start.isocalendar()
        label = f"{iso.year}-W{iso.week:02d}"
    elif period == "month":
        start = local.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        label = f"{start.year}-{start.month:02d}"
    else:
        raise ValueError(f"unknown period {period!r}")
    return Window(_local_midnight(start), _local_midnight(nxt), label)


def windows(period: str, as_of: datetime, first: datetime | None, last: int) -> list[Window]:
    """`all`, or the `last` buckets of `period` up to the one holding `as_of` (none before the
    first fact)."""
    if period == "all":
        return [Window(None, None, "all")]
    out: list[Window] = []
    current = bucket_of(as_of, period)
    while len(out) < last:
        out.append(current)
        if current.start is None or (first is not None and current.start <= first):
            break
        current = bucket_of(current.start - timedelta(seconds=1), period)
    return list(reversed(out))


# --- small counts ----------------------------------------------------------------------------------


def suppress(values: dict[str, Any], k: int) -> dict[str, Any]:
    """Public figures: no count below `k` (other than 0) is shown, nor any statistic or rate
    computed from fewer than `k` stories, so that no single story can be singled out."""
    if k <= 1:
        return values

    def small(n: int) -> bool:
        return 0 < n < k

    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, int):
            out[key] = None if small(value) else value
        elif key in ("refused_by_reason", "feelings"):
            out[key] = {r: (None if small(n) else n) for r, n in value.items()}
        elif key == "feelings_by_channel":
            out[key] = {
                ch: {f: (None if small(n) else n) for f, n in counts.items()}
                for ch, counts in value.items()
            }
        elif isinstance(value, dict) and "n" in value:
            hidden = value["n"] < k
            out[key] = {
                name: (None if hidden or (isinstance(v, int) and small(v)) else v)
                for name, v in value.items()
            }
            out[key]["n"] = None if small(value["n"]) else value["n"]
        elif key == "usefulness":
            total = value["yes"] + value["no"]
            out[key] = {
                "yes": None if small(value["yes"]) else value["yes"],
                "no": None if small(value["no"]) else value["no"],
                "rate": None if total < k else value["rate"],
            }
        else:
            out[key] = value
    return out


def flatten(values: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """Numbers only, with dotted names (for the Kafka snapshot and Prometheus)."""
    flat: dict[str, float] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int | float):
            flat[name] = float(value)
    return flat
