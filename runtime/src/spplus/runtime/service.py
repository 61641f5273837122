"""A service, declared: what it is made of (`ServiceSpec`), built (`service_app`) and run (`run`).

Each service's `app.py` states its spec in one place — settings, store, handlers by event,
periodic tasks, tombstone handlers, consumer workers, HTTP controllers — so that nothing is found
by name: a misspelt field is a `TypeError` at import, not a table silently missing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from litestar import Controller, Litestar

from spplus.contracts import Envelope

from .consumers import Handler, TombstoneHandler, subscribe_table
from .dead_letter_api import DeadLetterController
from .http import create_service_app, serve
from .settings import ServiceSettings
from .store import ServiceDeps, Store
from .wiring import Runtime, bootstrap

#: A periodic task: `task(deps=…)`, run every `settings.<field>` seconds.
Periodic = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, kw_only=True)
class ServiceSpec:
    """Everything a service is made of, stated explicitly."""

    name: str
    title: str
    description: str = ""
    settings: type[ServiceSettings]
    store: type[Store]
    #: The handler of each event the service consumes (`handler(event, deps=…)`).
    handlers: Mapping[type[Envelope[Any]], Handler]
    #: The events it writes (its Kafka principal may write their topics and nothing else).
    produces: Sequence[type[Envelope[Any]]] = ()
    #: The HTTP controllers (every service also serves health, readiness, metrics and its
    #: dead letters).
    controllers: Sequence[type[Controller]] = ()
    #: What its handlers receive, when it needs more than `ServiceDeps`.
    deps: type[ServiceDeps[Any, Any]] = ServiceDeps
    #: Periodic tasks, each with the name of the settings field holding its interval (seconds).
    periodic: Mapping[Periodic, str] = field(default_factory=dict)
    #: Handlers of compacted topics' tombstones (`handler(key, deps=…)`), by event class.
    tombstones: Mapping[type[Envelope[Any]], TombstoneHandler] = field(default_factory=dict)
    #: Consumers in this process for a handler that mostly waits on the database (default 1).
    workers: Mapping[Handler, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for task, setting in self.periodic.items():
            if setting not in self.settings.model_fields:
                raise TypeError(
                    f"{self.name}: the interval of {task.__name__} is `{setting}`, "
                    f"which {self.settings.__name__} does not define"
                )
        unknown = [h.__name__ for h in self.workers if h not in self.handlers.values()]
        if unknown:
            raise TypeError(f"{self.name}: workers for handlers it does not have: {unknown}")
        unknown_events = [e.__name__ for e in self.tombstones if e not in self.handlers]
        if unknown_events:
            raise TypeError(
                f"{self.name}: tombstones for events it does not consume: {unknown_events}"
            )


def refuse_unsafe_start(settings: ServiceSettings) -> None:
    """Stop here, one line per setting to change, when the settings are unsafe (in production: a
    development secret, a short key, the development issuer, Kafka or SMTP without TLS)."""
    problems = settings.production_problems()
    if problems:
        mode = "production" if settings.production else "development"
        raise SystemExit(
            "\n".join(
                f"spplus-{settings.service_name}: refusing to start ({mode}): {problem}"
                for problem in problems
            )
        )


def service_app(
    spec: ServiceSpec,
    settings: ServiceSettings | None = None,
    *,
    deps_extras: dict[str, Any] | None = None,
    **overrides: Any,
) -> Litestar:
    """Build the service `spec` describes, from the environment's settings unless given."""
    settings = settings or spec.settings()
    refuse_unsafe_start(settings)
    rt = bootstrap(settings, outbox_collections=spec.store.outbox_collections(), **overrides)
    store = spec.store(rt.db, outbox_owner=rt.relay.owner)
    deps = spec.deps(
        settings=settings, store=store, kick_relay=rt.relay.kick, **(deps_extras or {})
    )
    subscribe_table(
        rt.broker,
        spec.handlers,
        group=f"spplus.{spec.name}",
        deps=deps,
        tombstones=spec.tombstones,
        workers=spec.workers,
    )

    async def indexes(_: Runtime) -> None:
        await store.ensure_indexes()

    return create_service_app(
        rt,
        [*spec.controllers, DeadLetterController],
        title=spec.title,
        description=spec.description,
        on_ready=[indexes],
        deps=deps,
        periodic=[(task, getattr(settings, name)) for task, name in spec.periodic.items()],
    )


def run(create_app: Callable[[], Litestar]) -> None:
    """What each service's entry point does: build from the environment's settings, then serve."""
    app = create_app()
    serve(app, app.state.runtime.settings)
