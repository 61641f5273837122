"""Settings of the routing service (env prefix `ROUTING_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict
from spplus.runtime.settings import ServiceSettings


class RoutingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ROUTING_", extra="ignore")

    service_name: str = "routing"
    http_port: int = 8003
    default_deadline_days: int = 15
    """Days a network has to answer, unless its registry entry says otherwise."""
