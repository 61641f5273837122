"""Settings of the notifications service (env prefix `NOTIFICATIONS_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


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
    """Use STARTTLS (production relays); the local sink speaks plain SMTP."""
    sender: str = "Services Publics + <ne-pas-repondre@services-publics-plus.local>"
    """From: header of every email."""
