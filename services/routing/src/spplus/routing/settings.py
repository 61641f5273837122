"""Settings of the routing service (env prefix `ROUTING_`)."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from spplus.runtime.settings import ServiceSettings

from .domain import DEFAULT_DEADLINE_DAYS


class RoutingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ROUTING_", extra="ignore")

    http_port: int = 8003
    webhook_interval_s: float = 2.0
    """How often due webhook deliveries are sent."""
    webhook_sweep_s: float = 60.0
    """How often every assignment is read for a due delivery the schedule missed."""
    webhook_backoff_s: float = 5.0
    """First pause after a failed delivery (doubles each time, one hour at most)."""
    default_deadline_days: int = DEFAULT_DEADLINE_DAYS
    """Days a network has to answer, unless its registry entry says otherwise."""
