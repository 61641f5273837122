"""Settings of the responses service (env prefix `RESPONSES_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class ResponsesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RESPONSES_", extra="ignore")

    http_port: int = 8004
