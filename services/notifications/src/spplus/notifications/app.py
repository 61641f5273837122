"""Builds the running notifications service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import Runtime, bootstrap, create_service_app

from . import consumers
from .handlers import Mailer, NotificationsDeps
from .mailer import SmtpMailer
from .settings import NotificationsSettings
from .store import SENDS, NotificationsStore
from .templates import Templates


def create_app(
    settings: NotificationsSettings | None = None, *, mailer: Mailer | None = None, **overrides: Any
) -> Litestar:
    settings = settings or NotificationsSettings()
    rt = bootstrap(settings, outbox_collections=[SENDS], **overrides)
    store = NotificationsStore(rt.db)
    deps = NotificationsDeps(
        settings=settings,
        store=store,
        templates=Templates(),
        mailer=mailer or SmtpMailer(settings),
        kick_relay=rt.relay.kick,
    )
    consumers.register(rt.broker, deps)

    async def ready(_: Runtime) -> None:
        await store.ensure_indexes()

    return create_service_app(
        rt,
        [],
        title="Services Publics + — notifications",
        description="Emails to authors and agents.",
        on_ready=[ready],
        deps=deps,
    )
