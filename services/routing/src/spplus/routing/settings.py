"""Settings of the routing service (env prefix `ROUTING_`)."""

from __future__ import annotations

import ipaddress

from pydantic import Field
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
    allow_http_webhooks: bool = True
    """Development only: also accept `http://` webhooks (production: https only). Whatever it
    says, a webhook must lead to public addresses only."""
    webhook_private_networks: list[str] = Field(default_factory=list)
    """Development and tests only: networks (CIDR) a webhook may lead to although they are not
    public, e.g. `["127.0.0.1/32"]` for a responder on this machine. Empty by default; refused
    in production."""

    @property
    def webhook_allowed(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(ipaddress.ip_network(n, strict=False) for n in self.webhook_private_networks)

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.production and self.allow_http_webhooks:
            problems.append(
                "ROUTING_ALLOW_HTTP_WEBHOOKS is on: production sends webhooks over https only"
            )
        if self.production and self.webhook_private_networks:
            problems.append(
                "ROUTING_WEBHOOK_PRIVATE_NETWORKS is set: production webhooks go to public addresses only"
            )
        return problems
