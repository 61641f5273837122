"""Settings of the indicators service (env prefix `INDICATORS_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings


class IndicatorsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INDICATORS_", extra="ignore")

    http_port: int = 8006
