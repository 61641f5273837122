"""Settings every service shares, read from the environment with working local defaults."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class KafkaSettings(BaseSettings):
    """Where the broker is, for every service (env prefix `SPPLUS_KAFKA_`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_KAFKA_", extra="ignore")

    bootstrap_servers: str = "127.0.0.1:9092"
    """Comma-separated `host:port` list of Kafka brokers."""
    dlq_attempts: int = Field(default=3, ge=1, le=20)
    """How many times a message is tried before it goes to its `.dlq` topic."""
    retry_backoff_s: float = Field(default=0.5, ge=0)
    """First pause between two tries of a failing message (doubles each time)."""
    fetch_max_wait_ms: int = Field(default=5000, ge=0, le=30000)
    """How long the broker may hold a consumer's fetch while none of its partitions has a new
    record. A record that arrives ends the wait at once, so this costs no latency; a short wait
    only makes every idle consumer ask again and again (about 30 consumers: measured, Kafka's
    idle CPU went from 20 % to 13 % of a core between 500 and 5000 ms)."""


class MongoSettings(BaseSettings):
    """Where the MongoDB-wire database is (env prefix `SPPLUS_MONGO_`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_MONGO_", extra="ignore")

    url: str = "mongodb://127.0.0.1:27017/"
    """Connection string (a MongoDB replica set in production, FerretDB locally)."""
    database_prefix: str = "spplus_"
    """Each service uses the database `<prefix><service>`; tests change the prefix."""
    id_first: bool = False
    """Read a document by `_id` before a conditional write on it, and check the condition here
    (`runtime/idfirst.py`): for a stock FerretDB 1.x, which reads the whole collection for any
    filter but `{_id: x}`. Off for MongoDB and for `spplus-ferretdb`, which use the `_id` index
    for any filter that has one (a round trip less per conditional write)."""


class AuthSettings(BaseSettings):
    """Bearer-token verification (env prefix `SPPLUS_JWT_`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_JWT_", extra="ignore")

    secret: str = "local-dev-secret-change-me-in-production-0123456789"
    """HMAC key of the local dev issuer (HS256). Production sets `public_key` instead."""
    public_key: str | None = None
    """PEM public key of the OIDC provider (RS256); when set, `secret` is not used."""
    issuer: str = "spplus-local"
    """Expected `iss` claim."""
    audience: str = "spplus"
    """Expected `aud` claim."""
    author_link_secret: str = "local-dev-author-links-change-me"
    """Key that signs the links in authors' emails (notifications signs, intake verifies)."""


class ServiceSettings(BaseSettings):
    """Base of each `<Name>Settings`, whose `env_prefix` (`INTAKE_`) also names the service."""

    model_config = SettingsConfigDict(extra="ignore")

    service_name: str = ""
    """Name used in logs, as Kafka client id and consumer group, and as event producer
    (default: the env prefix, lower case)."""
    http_host: str = "127.0.0.1"
    """Interface the HTTP API listens on."""
    http_port: int = 8000
    """Port of the HTTP API (see DESIGN.md for each service's)."""
    log_level: str = "INFO"
    """Minimum level written to the JSON log."""
    outbox_interval_s: float = Field(default=1.0, gt=0)
    """How often the outbox relay looks for events left unpublished (it is also woken on write)."""
    startup_timeout_s: float = Field(default=120.0, gt=0)
    """How long startup waits for Kafka and the database before giving up."""
    metrics_interval_s: float = Field(default=15.0, gt=0)
    """How often consumer lag and dead-letter topic sizes are measured for `/metrics`."""
    public_base_url: str = "http://127.0.0.1:8001"
    """Base URL of the public API, used in links sent to authors."""
    cors_origins: list[str] = Field(default_factory=list)
    """Origins allowed to call the HTTP API from a browser (the frontend's), e.g.
    `["https://services-publics-plus.example"]`; empty: no CORS headers."""
    write_rate_limit_per_minute: int = Field(default=0, ge=0)
    """Writes (POST, PUT, PATCH, DELETE) one client may make per minute; 0: unlimited."""
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    """Largest request body accepted (413 beyond)."""
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    """Broker settings, shared by every service (`SPPLUS_KAFKA_*`)."""
    mongo: MongoSettings = Field(default_factory=MongoSettings)
    """Database settings, shared by every service (`SPPLUS_MONGO_*`)."""
    auth: AuthSettings = Field(default_factory=AuthSettings)
    """Token verification, shared by every service (`SPPLUS_JWT_*`)."""

    @model_validator(mode="after")
    def _name_from_prefix(self) -> ServiceSettings:
        if not self.service_name:
            prefix = str(self.model_config.get("env_prefix") or "spplus_")
            self.service_name = prefix.rstrip("_").lower()
        return self

    @property
    def database_name(self) -> str:
        return f"{self.mongo.database_prefix}{self.service_name}"
