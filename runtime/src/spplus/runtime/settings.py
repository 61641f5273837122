"""Settings every service shares, read from the environment with working local defaults.

`SPPLUS_ENV=production` turns the local defaults into refusals: a service whose settings still hold
a development secret, a short key, the development token issuer, or a connection without TLS stops
at start with one line per setting to change (`ServiceSettings.production_problems`).
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The six services, each its own Kafka principal on the local stack (`deploy/local/stack.sh`).
LOCAL_PRINCIPALS = ("intake", "moderation", "routing", "responses", "notifications", "indicators")


def dev_kafka_password(principal: str) -> str:
    """The local stack's development password of a Kafka principal (refused in production)."""
    return f"spplus-dev-{principal}"


#: Secrets shorter than this are refused in production (bytes of the UTF-8 text).
MIN_SECRET_BYTES = 32
#: The in-code development values of secrets: accepted in development only.
DEV_SECRETS = frozenset(
    {
        "local-dev-author-links-change-me",
        "local-dev-salt",
    }
)


def secret_problem(setting: str, value: str | None) -> str | None:
    """Why `value` cannot be a production secret, naming the setting; None when it can."""
    if not value:
        return f"{setting} is not set"
    if value in DEV_SECRETS or value.startswith("spplus-dev-"):
        return f"{setting} is the development default"
    if len(value.encode()) < MIN_SECRET_BYTES:
        return f"{setting} is shorter than {MIN_SECRET_BYTES} bytes"
    return None


class PlatformSettings(BaseSettings):
    """Which kind of deployment this is (env `SPPLUS_ENV`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_", extra="ignore")

    env: Literal["development", "production"] = "development"
    """`development` (the default: `make up`, the tests) accepts the in-code local secrets;
    `production` refuses to start with any of them (see `production_problems`)."""


class KafkaSettings(BaseSettings):
    """Where the broker is, for every service (env prefix `SPPLUS_KAFKA_`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_KAFKA_", extra="ignore")

    bootstrap_servers: str = "127.0.0.1:9092"
    """Comma-separated `host:port` list of Kafka brokers."""
    dlq_attempts: int = Field(default=3, ge=1, le=20)
    """How many times a message is tried before it goes to its `.dlq` topic."""
    retry_backoff_s: float = Field(default=0.5, ge=0)
    """First pause between two tries of a failing message (doubles each time)."""
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "SASL_PLAINTEXT"
    """How clients talk to the broker: `SASL_SSL` (SCRAM over TLS) or `SSL` (mutual TLS with a
    client certificate) in production; the local stack speaks SCRAM without TLS; `PLAINTEXT`
    (no identity at all) is for a broker of someone else's, e.g. a test container."""
    sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"] = "SCRAM-SHA-512"
    """SASL mechanism, with `sasl_username` / `sasl_password` (the service's own principal)."""
    sasl_username: str | None = None
    """The principal: each service is its own (default: the service's name); other clients
    (tests, tools) are the local stack's `admin`. Required in production."""
    sasl_password: str | None = None
    """Its password (from a secret store in production; the local stack's development one
    otherwise)."""
    ssl_cafile: Path | None = None
    """CA bundle that signed the brokers' certificates (system CAs when unset)."""
    ssl_certfile: Path | None = None
    """Client certificate (PEM) for mutual TLS."""
    ssl_keyfile: Path | None = None
    """Key of the client certificate (PEM)."""
    fetch_max_wait_ms: int = Field(default=5000, ge=0, le=30000)
    """How long the broker may hold a consumer's fetch while none of its partitions has a new
    record. A record that arrives ends the wait at once, so this costs no latency; a short wait
    only makes every idle consumer ask again and again (about 30 consumers: measured, Kafka's
    idle CPU went from 20 % to 13 % of a core between 500 and 5000 ms)."""

    def client_options(self) -> dict[str, Any]:
        """The security keyword arguments of an aiokafka client (producer, consumer, admin)."""
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.security_protocol in ("SSL", "SASL_SSL"):
            context = ssl.create_default_context(
                cafile=str(self.ssl_cafile) if self.ssl_cafile else None
            )
            if self.ssl_certfile:
                context.load_cert_chain(
                    str(self.ssl_certfile), str(self.ssl_keyfile) if self.ssl_keyfile else None
                )
            options["ssl_context"] = context
        if self.security_protocol.startswith("SASL"):
            username = self.sasl_username or "admin"
            options["sasl_mechanism"] = self.sasl_mechanism
            options["sasl_plain_username"] = username
            options["sasl_plain_password"] = self.sasl_password or dev_kafka_password(username)
        return options

    def problems(self, production: bool) -> list[str]:
        out = []
        if production:
            if self.security_protocol.startswith("SASL") and not (
                self.sasl_username and self.sasl_password
            ):
                out.append(
                    "SPPLUS_KAFKA_SASL_USERNAME and SPPLUS_KAFKA_SASL_PASSWORD must be set for SASL"
                )
            if self.security_protocol not in ("SSL", "SASL_SSL"):
                out.append(
                    f"SPPLUS_KAFKA_SECURITY_PROTOCOL is {self.security_protocol}: "
                    "production needs SASL_SSL or SSL (TLS)"
                )
            if self.security_protocol == "SSL" and not self.ssl_certfile:
                out.append(
                    "SPPLUS_KAFKA_SSL_CERTFILE is not set: SSL without SASL needs a client certificate"
                )
            if self.security_protocol == "SASL_SSL" and self.sasl_password:
                problem = secret_problem("SPPLUS_KAFKA_SASL_PASSWORD", self.sasl_password)
                if problem:
                    out.append(problem)
        return out


class MongoSettings(BaseSettings):
    """Where the MongoDB-wire database is (env prefix `SPPLUS_MONGO_`)."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_MONGO_", extra="ignore")

    url: str = "mongodb://127.0.0.1:27017/"
    """Connection string (a MongoDB replica set in production, FerretDB locally)."""
    database_prefix: str = "spplus_"
    """Each service uses the database `<prefix><service>`; tests change the prefix."""


def _dev_issuer_dir() -> Path:
    """`.local/issuer/` of the checkout this package runs from (development only)."""
    return Path(__file__).resolve().parents[4] / ".local" / "issuer"


class AuthSettings(BaseSettings):
    """Bearer-token verification (env prefix `SPPLUS_JWT_`). Tokens are signed with asymmetric
    keys only (RS256, ES256): by the OIDC provider in production (`jwks_url`, or one
    `public_key`), by the local development issuer otherwise (`dev_issuer`), one code path."""

    model_config = SettingsConfigDict(env_prefix="SPPLUS_JWT_", extra="ignore")

    jwks_url: str | None = None
    """The OIDC provider's JSON Web Key Set (https): fetched, cached, fetched again when a token
    names a key it does not hold (the provider rotated its keys)."""
    public_key: str | None = None
    """One PEM public key of the provider, when it publishes no JWKS."""
    issuer: str = "spplus-local"
    """Expected `iss` claim."""
    audience: str = "spplus"
    """Expected `aud` claim."""
    max_token_lifetime_s: int = Field(default=12 * 3600, gt=0)
    """Longest lifetime (`exp` - `iat`) of a token accepted; a token without `iat` is refused."""
    dev_issuer: bool = True
    """Trust the local development issuer (`spplus-token`): EC keys kept in `dev_issuer_dir`,
    published there as `jwks.json`. Refused in production."""
    dev_issuer_dir: Path = Field(default_factory=_dev_issuer_dir)
    """Where the development issuer keeps its keys (created on first use)."""
    author_link_secret: str = "local-dev-author-links-change-me"
    """Key that signs the links in authors' emails (notifications signs, intake verifies)."""

    def problems(self, production: bool, *, author_links: bool) -> list[str]:
        if not production:
            return []
        out = []
        if self.dev_issuer:
            out.append(
                "SPPLUS_JWT_DEV_ISSUER is on: production takes tokens from the OIDC provider only"
            )
        if not (self.jwks_url or self.public_key):
            out.append(
                "SPPLUS_JWT_JWKS_URL (or SPPLUS_JWT_PUBLIC_KEY) is not set: "
                "the OIDC provider's keys verify tokens in production"
            )
        elif self.jwks_url and not self.jwks_url.startswith("https://"):
            out.append("SPPLUS_JWT_JWKS_URL is not https")
        if author_links:
            problem = secret_problem("SPPLUS_JWT_AUTHOR_LINK_SECRET", self.author_link_secret)
            if problem:
                out.append(problem)
        return out


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
    retention_contact_days: int = Field(default=365, gt=0)
    """Days an author's contact data (email, postal code) is kept after the story's last step,
    in the services that hold it (intake, moderation, notifications); then a sweep deletes it."""
    retention_raw_text_days: int = Field(default=365, gt=0)
    """Days a story's raw text (as typed, before moderation) is kept after its last step."""
    retention_sweep_interval_s: float = Field(default=3600.0, gt=0)
    """How often the retention sweep runs."""
    trusted_proxies: list[str] = Field(default_factory=list)
    """Addresses or networks (CIDR) of the reverse proxies whose `X-Forwarded-For` is believed;
    empty (the default): the client is the peer of the connection, whatever the header says."""
    public_docs: bool = True
    """Serve `/schema` (OpenAPI, Swagger UI) and `/metrics` to anyone. Production may turn it off
    and scrape `/metrics` from inside the cluster."""
    uses_author_links: bool = False
    """Whether this service signs or verifies authors' links (the key is then required)."""
    platform: PlatformSettings = Field(default_factory=PlatformSettings)
    """`SPPLUS_ENV`: development or production."""
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
        if self.kafka.sasl_username is None and self.service_name in LOCAL_PRINCIPALS:
            self.kafka.sasl_username = self.service_name  # each service its own principal
        return self

    @property
    def production(self) -> bool:
        return self.platform.env == "production"

    def production_problems(self) -> list[str]:
        """Every setting that stops this service from starting, one line each (none in
        development but inconsistent ones). Services add their own secrets by overriding."""
        return self.kafka.problems(self.production) + self.auth.problems(
            self.production, author_links=self.uses_author_links
        )

    @property
    def database_name(self) -> str:
        return f"{self.mongo.database_prefix}{self.service_name}"
