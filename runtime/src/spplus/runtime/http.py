"""A service's HTTP side: the Litestar app with health, readiness, metrics, errors, auth and
security headers, its life cycle (the runtime, the periodic tasks), and how it is served."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import uvicorn
from litestar import Controller, Litestar, get
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from litestar.types import ControllerRouterHandler, Message, Scope

from .auth import Role, provide_principal, requires
from .errors import EXCEPTION_HANDLERS, error_response
from .logging import configure_logging, get_logger
from .metrics import KafkaGauges, measure_forever
from .mongo import is_mongo_ready
from .settings import ServiceSettings
from .store import ServiceDeps
from .wiring import Hook, Runtime, start_runtime, stop_runtime

log = get_logger(__name__)


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
        middleware=middleware,
        before_send=[_security_headers],
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


_EXTRA_HEADERS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


async def _security_headers(message: Message, scope: Scope) -> None:
    """On every HTTP answer, errors and the router's 404 included (an `after_request` hook
    misses what an exception handler answers)."""
    if message["type"] == "http.response.start":
        headers = list(message.get("headers", []))
        present = {name.lower() for name, _ in headers}
        headers.extend(pair for pair in _EXTRA_HEADERS if pair[0] not in present)
        message["headers"] = headers


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
