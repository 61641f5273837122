"""What notifications' use cases receive: settings, store, templates, the mailer, the author
links, and the salted hash suppressions are kept by."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Any, Protocol

from spplus.runtime.links import AuthorLinks
from spplus.runtime.store import ServiceDeps

from .mailer import SmtpMailer
from .settings import NotificationsSettings
from .store import NotificationsStore
from .templates import Email, Templates


class Mailer(Protocol):
    async def send(self, to: str, email: Email, *, message_key: str, on_commit: Any) -> None: ...


@dataclass
class NotificationsDeps(ServiceDeps[NotificationsSettings, NotificationsStore]):
    templates: Templates = field(default_factory=Templates)
    mailer: Mailer = None  # type: ignore[assignment]  # set in __post_init__
    links: AuthorLinks = field(default=None)

    def __post_init__(self) -> None:
        if self.mailer is None:
            self.mailer = SmtpMailer(self.settings)
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)

    def address_hash(self, address: str) -> str:
        """Suppressions are kept by salted hash: the address itself is not stored there."""
        key = self.settings.auth.author_link_secret.encode()
        return hmac.new(key, address.strip().casefold().encode(), hashlib.sha256).hexdigest()
