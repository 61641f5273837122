"""What a service is made of at run time, and its life cycle: one process serving HTTP and Kafka."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType
from typing import Any, Generic, TypeVar

import uvicorn
from faststream.kafka import KafkaBroker
from litestar import Controller, Litestar, Response, get
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from litestar.types import ControllerRouterHandler
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from .auth import Role, TokenVerifier, provide_principal, requires
from .consumers import subscribe_table
from .dead_letter_api import DeadLetterController
from .errors import EXCEPTION_HANDLERS, error_response
from .idfirst import id_first
from .inbox import Inbox
from .kafka import RelayProducer, make_broker, start_broker
from .logging import configure_logging, get_logger
from .metrics import KafkaGauges, measure_forever
from .mongo import Document, is_mongo_ready, make_mongo, wait_for_mongo
from .outbox import OutboxRelay, outbox_collection
from .settings import ServiceSettings
from .vault import Vault

log = get_logger(__name__)

Hook = Callable[["Runtime"], Awaitable[None]]


@dataclass
class Runtime:
    """Every dependency of a service, built in one place; tests pass their own in `bootstrap`."""

    settings: ServiceSettings
    mongo: AsyncMongoClient[Document]
    db: AsyncDatabase[Document]
    broker: KafkaBroker
    relay: OutboxRelay
    inbox: Inbox
    verifier: TokenVerifier
    extras: dict[str, Any] = field(default_factory=dict)

    def collection(self, name: str) -> AsyncCollection[Document]:
        return self.db[name]


def bootstrap(
    settings: ServiceSettings,
    *,
    outbox_collections: Sequence[str] = (),
    mongo: AsyncMongoClient[Document] | None = None,
    broker: KafkaBroker | None = None,
) -> Runtime:
    """Build (without connecting) the dependencies of a service; any of them can be overridden."""
    mongo = mongo or make_mongo(settings)
    db = mongo[settings.database_name]
    broker = broker or make_broker(settings)
    relay = OutboxRelay(
        [db[name] for name in outbox_collections],
        RelayProducer(settings),
        interval_s=settings.outbox_interval_s,
    )
    return Runtime(
        settings=settings,
        mongo=mongo,
        db=db,
        broker=broker,
        relay=relay,
        inbox=Inbox(db["inbox"]),
        verifier=TokenVerifier(settings.auth),
    )


async def start_runtime(rt: Runtime, on_ready: Sequence[Hook] = ()) -> None:
    s = rt.settings
    await wait_for_mongo(rt.db, s.startup_timeout_s)
    await rt.relay.ensure_indexes()
    for hook in on_ready:
        await hook(rt)
    await start_broker(rt.broker, s.startup_timeout_s)
    rt.relay.start()
    rt.relay.kick()
    log.info("service started", port=s.http_port)


async def stop_runtime(rt: Runtime) -> None:
    await rt.relay.stop()
    await rt.broker.stop()
    await rt.mongo.close()
    log.info("service stopped")


def create_service_app(
    rt: Runtime,
    route_handlers: Sequence[ControllerRouterHandler],
    *,
    title: str,
    description: str = "",
    on_ready: Sequence[Hook] = (),
    deps: Any = None,
    periodic: Sequence[tuple[Callable[..., Awaitable[Any]], float]] = (),
) -> Litestar:
    """A Litestar app with health, readiness, metrics, errors, auth and the runtime's life cycle."""

    @get("/health", include_in_schema=False, sync_to_thread=False)
    def health() -> dict[str, str]:
        return {"status": "ok", "service": rt.settings.service_name}

    @get("/ready", include_in_schema=False)
    async def ready() -> Any:
        checks = {"database": await is_mongo_ready(rt.db)}
        try:
            checks["kafka"] = bool(await rt.broker.ping(timeout=2.0))
        except Exception:
            checks["kafka"] = False
        if all(checks.values()):
            return {"status": "ready", "checks": checks}
        response = error_response(503, "not_ready", "Service pas encore prêt.")
        response.content["checks"] = checks
        return response

    prometheus = PrometheusConfig(
        app_name=rt.settings.service_name, prefix="spplus", group_path=True
    )

    tasks: list[asyncio.Task[None]] = []

    async def every(fn: Callable[..., Awaitable[Any]], interval_s: float) -> None:
        wake = asyncio.Event()
        if isinstance(deps, ServiceDeps):
            deps.wake[fn.__name__] = wake
        while True:
            wake.clear()
            try:
                await fn(deps=deps)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a stored timer is tried again at the next tick
                log.warning("periodic task failed", task=fn.__name__, error=repr(exc)[:300])
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), interval_s)

    gauges = KafkaGauges(
        rt.settings.service_name,
        rt.settings.kafka.bootstrap_servers,
        **rt.settings.kafka.client_options(),
    )

    async def on_startup() -> None:
        await start_runtime(rt, on_ready)
        tasks.extend(asyncio.create_task(every(fn, s), name=fn.__name__) for fn, s in periodic)
        tasks.append(
            asyncio.create_task(
                measure_forever(gauges, rt.settings.metrics_interval_s), name="kafka_gauges"
            )
        )

    async def on_shutdown() -> None:
        for task in tasks:
            task.cancel()
        if tasks:  # a task stuck in I/O must not hold the shutdown
            await asyncio.wait(tasks, timeout=5)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(gauges.close(), 5)
        await stop_runtime(rt)

    settings = rt.settings
    middleware: list[Any] = [prometheus.middleware]
    if settings.write_rate_limit_per_minute:
        middleware.append(
            RateLimitConfig(
                rate_limit=("minute", settings.write_rate_limit_per_minute),
                check_throttle_handler=lambda request: (
                    request.method not in ("GET", "HEAD", "OPTIONS")
                ),
            ).middleware
        )
    metrics: type[Controller] = PrometheusController
    if not settings.public_docs:

        class GuardedMetrics(PrometheusController):  # scraped with an admin token
            guards = [requires(Role.admin)]

        metrics = GuardedMetrics
    app = Litestar(
        route_handlers=[health, ready, metrics, *route_handlers],
        after_request=_security_headers,
        middleware=middleware,
        cors_config=CORSConfig(allow_origins=settings.cors_origins, allow_credentials=True)
        if settings.cors_origins
        else None,
        request_max_body_size=settings.max_body_bytes,
        exception_handlers=EXCEPTION_HANDLERS,
        dependencies={
            "principal": Provide(provide_principal),
            "deps": Provide(lambda: deps, sync_to_thread=False),
        },
        on_startup=[on_startup],
        on_shutdown=[on_shutdown],
        openapi_config=OpenAPIConfig(
            title=title, version="1.0.0", description=description, path="/schema"
        )
        if settings.public_docs
        else None,
        debug=False,
    )
    app.state.runtime = rt
    app.state.token_verifier = rt.verifier
    return app


#: Sent with every answer: no MIME sniffing, no framing, no referrer to other sites.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def _security_headers(response: Response[Any]) -> Response[Any]:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def serve(app: Litestar, settings: ServiceSettings) -> None:
    """Run the service until SIGTERM/SIGINT (uvicorn handles both, then Litestar shuts down)."""
    configure_logging(settings.service_name, settings.log_level)
    asyncio.run(uvicorn.Server(uvicorn_config(app, settings)).serve())


def uvicorn_config(app: Litestar, settings: ServiceSettings) -> uvicorn.Config:
    """How a service is served: its address, no access log, and no trust in client headers."""
    return uvicorn.Config(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        lifespan="on",
        # X-Forwarded-For is believed from the configured proxies only (none by default: the
        # client is the connection's peer; uvicorn's own default trusts any loopback peer).
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or [],
        server_header=False,
    )


SettingsT = TypeVar("SettingsT", bound=ServiceSettings)
StoreT = TypeVar("StoreT", bound="Store")


class collection:
    """Declares one collection of a `Store`: `cases = collection("cases", outbox=True)`.

    `outbox=True` says its documents carry events to publish (see `outbox.py`): its writes that
    carry events queue a pointer for the relay first.
    """

    def __init__(self, name: str, *, outbox: bool = False) -> None:
        self.name = name
        self.outbox = outbox

    def __get__(self, store: Store, owner: type | None = None) -> AsyncCollection[Document]:
        wrapped = store._outboxes.get(self.name)
        if wrapped is None:
            wrapped = store.db[self.name]
            if store.id_first:  # see `idfirst.py`
                wrapped = id_first(wrapped)
            if self.outbox:
                wrapped = outbox_collection(wrapped, store.outbox_owner)
            store._outboxes[self.name] = wrapped
        return wrapped


class Store:
    """Base of a service's store: its collections are declared with `collection(...)`.

    `outbox_owner` names the relay that sends what this store's writes queue (the service's own);
    another relay takes over what is left too long (see `outbox.py`).
    """

    def __init__(
        self, db: AsyncDatabase[Document], *, outbox_owner: str = "", id_first: bool = False
    ) -> None:
        self.db = db
        self.outbox_owner = outbox_owner
        self.id_first = id_first
        self._outboxes: dict[str, AsyncCollection[Document]] = {}

    @classmethod
    def outbox_collections(cls) -> list[str]:
        return [c.name for c in vars(cls).values() if isinstance(c, collection) and c.outbox]

    async def ensure_indexes(self) -> None:
        """Create the indexes the service's queries need (idempotent); none by default."""


@dataclass
class ServiceDeps(Generic[SettingsT, StoreT]):
    """What a service's handlers receive: its settings, its store, and ways to wake the relay
    and the periodic tasks (`kick(task)`: run it now rather than at its next tick)."""

    settings: SettingsT
    store: StoreT
    kick_relay: Callable[[], None]
    wake: dict[str, asyncio.Event] = field(default_factory=dict, repr=False)
    _last_run: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def vault(self) -> Vault:
        """The keys personal data is sealed with for Kafka (see `vault.py`)."""
        return Vault.beside(self.store.db, self.settings.mongo.database_prefix)

    def kick(self, task: Callable[..., Any]) -> None:
        event = self.wake.get(task.__name__)
        if event is not None:
            event.set()

    def every(self, name: str, seconds: float) -> bool:
        """True at the first call, then once `seconds` have passed since the last True (a slow
        job inside a fast periodic task, such as a sweep under a schedule)."""
        now = time.monotonic()
        last = self._last_run.get(name)
        if last is not None and now - last < seconds:
            return False
        self._last_run[name] = now
        return True


def _defined_in(module: ModuleType, base: type) -> list[type]:
    return [
        obj
        for obj in vars(module).values()
        if isinstance(obj, type)
        and issubclass(obj, base)
        and obj is not base
        and obj.__module__ == module.__name__
    ]


def _one(module: ModuleType, base: type) -> Any:
    found = _defined_in(module, base)
    if len(found) != 1:
        raise TypeError(f"{module.__name__} must define one {base.__name__}, found {found}")
    return found[0]


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
    package: str,
    settings: ServiceSettings | None = None,
    *,
    title: str,
    description: str = "",
    deps_extras: dict[str, Any] | None = None,
    **overrides: Any,
) -> Litestar:
    """Build a service from its modules, found by the layout's names (STYLE.md):
    the `ServiceSettings` of `settings.py`, the `Store` of `store.py`, the `EVENT_HANDLERS` of
    `handlers.py` (and its `ServiceDeps` subclass, if it needs more; its `PERIODIC` table of
    `task: name of the settings field holding its interval`; its `TOMBSTONES` table of
    `event class: handler(key, deps=…)` for compacted topics; its `CONSUMER_WORKERS` table of
    `handler: consumers in this process` (see `consumers.subscribe`); `INBOX = False` when every handler
    is idempotent by construction), the controllers of `api.py`.
    """
    name = package.rsplit(".", 1)[-1]
    settings_mod = import_module(f"{package}.settings")
    store_mod = import_module(f"{package}.store")
    handlers_mod = import_module(f"{package}.handlers")
    try:
        routes = _defined_in(import_module(f"{package}.api"), Controller)
    except ModuleNotFoundError:
        routes = []
    routes = [*routes, DeadLetterController]  # every service's dead letters, for admins
    settings = settings or _one(settings_mod, ServiceSettings)()
    refuse_unsafe_start(settings)
    store_cls = _one(store_mod, Store)
    rt = bootstrap(settings, outbox_collections=store_cls.outbox_collections(), **overrides)
    store = store_cls(rt.db, outbox_owner=rt.relay.owner, id_first=rt.settings.mongo.id_first)
    deps_cls = (_defined_in(handlers_mod, ServiceDeps) or [ServiceDeps])[0]
    deps = deps_cls(settings=settings, store=store, kick_relay=rt.relay.kick, **(deps_extras or {}))
    subscribe_table(
        rt.broker,
        handlers_mod.EVENT_HANDLERS,
        group=f"spplus.{name}",
        deps=deps,
        inbox=rt.inbox if getattr(handlers_mod, "INBOX", True) else None,
        tombstones=getattr(handlers_mod, "TOMBSTONES", None),
        workers=getattr(handlers_mod, "CONSUMER_WORKERS", None),
    )

    async def indexes(_: Runtime) -> None:
        await store.ensure_indexes()

    periodic = [
        (fn, getattr(settings, field_name))
        for fn, field_name in getattr(handlers_mod, "PERIODIC", {}).items()
    ]
    return create_service_app(
        rt,
        routes,
        title=title,
        description=description,
        on_ready=[indexes],
        deps=deps,
        periodic=periodic,
    )


def run(create_app: Callable[[], Litestar]) -> None:
    """What each service's entry point does: build from the environment's settings, then serve."""
    app = create_app()
    serve(app, app.state.runtime.settings)
