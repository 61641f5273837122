"""Settings of the notifications service (env prefix `NOTIFICATIONS_`)."""

from __future__ import annotations

from email.utils import parseaddr

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings, secret_problem


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore")

    http_port: int = 8005
    smtp_host: str = "127.0.0.1"
    """SMTP relay (the local sink listens on 1025)."""
    smtp_port: int = 1025
    """Its port."""
    smtp_username: str | None = None
    """Login at the relay, when it asks for one."""
    smtp_password: str | None = None
    """Password at the relay (from a secret store in production)."""
    smtp_starttls: bool = False
    """Upgrade the connection with STARTTLS (port 587 relays); the local sink speaks plain SMTP."""
    smtp_tls: bool = False
    """Implicit TLS from the first byte (port 465 relays)."""
    smtp_verify_certificates: bool = True
    """Check the relay's certificate (turn off only for a test relay with a self-signed one)."""
    smtp_timeout_s: float = Field(default=15.0, gt=0)
    """Seconds before a silent relay counts as a temporary failure."""
    uses_author_links: bool = True

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if not self.production:
            return problems
        if not (self.smtp_tls or self.smtp_starttls):
            problems.append(
                "NOTIFICATIONS_SMTP_TLS or NOTIFICATIONS_SMTP_STARTTLS must be on: "
                "production sends mail over TLS only"
            )
        if not self.smtp_verify_certificates:
            problems.append(
                "NOTIFICATIONS_SMTP_VERIFY_CERTIFICATES is off: production checks the relay"
            )
        if self.smtp_username and (
            problem := secret_problem("NOTIFICATIONS_SMTP_PASSWORD", self.smtp_password)
        ):
            problems.append(problem)
        return problems

    sender: str = "Services Publics + <ne-pas-repondre@services-publics-plus.local>"
    """From: header of every email."""
    retry_base_s: float = Field(default=30.0, gt=0)
    """First wait after a temporary SMTP failure; it doubles at each failure…"""
    retry_max_s: float = Field(default=3600.0, gt=0)
    """…up to this wait between two tries."""
    give_up_after_hours: float = Field(default=72.0, gt=0)
    """A notification still failing after this long is recorded as failed."""
    delivery_interval_s: float = Field(default=2.0, gt=0)
    """How often due deliveries (new ones and retries) are looked for."""
    delivery_sweep_s: float = Field(default=60.0, gt=0)
    """How often the whole deliveries collection is read for anything the schedule missed."""
    delivery_lease_s: float = Field(default=120.0, gt=0)
    """How long an instance holds a delivery it is sending (others leave it alone)."""
    delivery_concurrency: int = Field(default=8, ge=1, le=64)
    """How many stories' emails one instance sends at once (each story's in their order)."""
    agents_mailbox: str = "reponses-{network}@services-publics-plus.local"
    """The address a network's agents read (`{network}` in lower case; `{entity}` when set)."""
    agents_mailboxes: dict[str, str] = Field(default_factory=dict)
    """Addresses by network code (or entity code), overriding `agents_mailbox`."""
    workspace_url: str = "http://127.0.0.1:8004/api/v1"
    """Where agents answer (links in their emails)."""
    policy_url: str = "https://services-publics-plus.example/politique-de-moderation"
    """The moderation policy, linked from refusal emails."""

    @property
    def sender_address(self) -> str:
        return parseaddr(self.sender)[1]
