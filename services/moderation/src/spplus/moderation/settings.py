"""Settings of the moderation service (env prefix `MODERATION_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class ModerationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MODERATION_", extra="ignore")

    http_port: int = 8002
