"""The Kafka broker factory, subscriber defaults, and the dead-letter middleware."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from faststream import BaseMiddleware
from faststream.kafka import KafkaBroker
from faststream.message import StreamMessage
from faststream.middlewares import AckPolicy
from faststream.security import (
    BaseSecurity,
    SASLPlaintext,
    SASLScram256,
    SASLScram512,
)
from pydantic import ValidationError

from spplus.contracts import dlq_topic, utcnow
from spplus.contracts.events import DeadLetter, DeadLetterPayload

from .logging import get_logger
from .metrics import DEAD_LETTERS
from .settings import KafkaSettings, ServiceSettings

log = get_logger(__name__)

#: Subscriber options every consumer uses: commit only after the handler's effect is stored,
#: start from the beginning of a topic for a new consumer group (nothing is skipped).
SUBSCRIBER_DEFAULTS: dict[str, Any] = {
    "ack_policy": AckPolicy.NACK_ON_ERROR,
    "auto_offset_reset": "earliest",
}


def _dead_letter_middleware(settings: ServiceSettings, holder: list[KafkaBroker]) -> type:
    attempts = settings.kafka.dlq_attempts
    backoff = settings.kafka.retry_backoff_s

    class DeadLetterMiddleware(BaseMiddleware):
        """Retries a failing message, then sends it to `<topic>.dlq` and lets the partition go on."""

        async def consume_scope(
            self, call_next: Callable[[StreamMessage[Any]], Awaitable[Any]], msg: StreamMessage[Any]
        ) -> Any:
            error: BaseException | None = None
            tried = 0
            for tried in range(1, attempts + 1):
                try:
                    return await call_next(msg)
                except (ValidationError, UnicodeDecodeError, ValueError) as exc:
                    error = exc
                    break  # it will never succeed
                except Exception as exc:
                    error = exc
                    log.warning("handler failed", attempt=tried, of=attempts, error=repr(exc))
                    if tried < attempts:
                        await asyncio.sleep(backoff * 2 ** (tried - 1))
            await self._to_dlq(msg, error, tried)
            return None

        async def _to_dlq(
            self, msg: StreamMessage[Any], error: BaseException | None, tried: int
        ) -> None:
            record = msg.raw_message
            topic = getattr(record, "topic", "unknown")
            body = msg.body if isinstance(msg.body, bytes) else str(msg.body).encode()
            text = "".join(traceback.format_exception_only(type(error), error)) if error else ""
            letter = DeadLetter.first(
                DeadLetterPayload(
                    source_topic=topic,
                    partition=getattr(record, "partition", None),
                    offset=getattr(record, "offset", None),
                    key=(
                        record.key.decode("utf-8", "replace")
                        if getattr(record, "key", None)
                        else None
                    ),
                    value=body.decode("utf-8", "replace"),
                    error=text.strip()[:4000],
                    attempts=tried,
                    failed_at=utcnow(),
                ),
                producer=settings.service_name,
            )
            # If the DLQ cannot be written either, raising makes the consumer seek back and
            # try the message again later: it is never dropped.
            await holder[0].publish(
                letter.model_dump_json().encode(), topic=dlq_topic(topic), key=letter.key.encode()
            )
            DEAD_LETTERS.labels(settings.service_name, topic).inc()
            log.error(
                "message sent to dead-letter topic",
                topic=topic,
                attempts=tried,
                error=text.strip()[:300],
            )

    return DeadLetterMiddleware


def broker_security(kafka: KafkaSettings) -> BaseSecurity | None:
    """FastStream's form of the broker security settings (SASL and/or TLS)."""
    options = kafka.client_options()
    protocol = options["security_protocol"]
    context = options.get("ssl_context")
    tls = protocol in ("SSL", "SASL_SSL")
    if protocol.startswith("SASL"):
        kind = {
            "SCRAM-SHA-512": SASLScram512,
            "SCRAM-SHA-256": SASLScram256,
            "PLAIN": SASLPlaintext,
        }[kafka.sasl_mechanism]
        return kind(
            options["sasl_plain_username"],
            options["sasl_plain_password"],
            ssl_context=context,
            use_ssl=tls,
        )
    if tls:
        return BaseSecurity(ssl_context=context, use_ssl=True)
    return None


def make_broker(settings: ServiceSettings, **overrides: Any) -> KafkaBroker:
    """A broker with an idempotent producer (acks=all) and the dead-letter middleware."""
    holder: list[KafkaBroker] = []
    options: dict[str, Any] = {
        "client_id": settings.service_name,
        "enable_idempotence": True,
        "acks": "all",
        "request_timeout_ms": 15_000,
        "retry_backoff_ms": 200,
        "middlewares": (_dead_letter_middleware(settings, holder),),
        "graceful_timeout": 15.0,
        "logger": logging.getLogger(f"spplus.{settings.service_name}.kafka"),
    }
    options.update(overrides)
    broker = KafkaBroker(
        settings.kafka.bootstrap_servers, security=broker_security(settings.kafka), **options
    )
    holder.append(broker)
    return broker


class RelayProducer:
    """The outbox relay's producer (idempotent, acks=all), replaced by a new one after any
    failure. An idempotent producer whose broker restarted can be left for good in an error
    state (`OutOfOrderSequenceNumber` on every send: `make chaos` found it, with 4,760 events
    stuck); a new producer gets a new producer id and starts again. Whatever was not
    acknowledged stays in the outbox and is sent again: consumers are idempotent on `event_id`."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._settings = settings
        self._producer: AIOKafkaProducer | None = None

    async def __call__(
        self, topic: str, key: str, value: bytes | None, headers: dict[str, str]
    ) -> None:
        if self._producer is None:
            producer = AIOKafkaProducer(
                bootstrap_servers=self._settings.kafka.bootstrap_servers,
                client_id=f"{self._settings.service_name}-relay",
                enable_idempotence=True,
                acks="all",
                request_timeout_ms=15_000,
                retry_backoff_ms=200,
                **self._settings.kafka.client_options(),
            )
            await producer.start()
            self._producer = producer
        try:
            await self._producer.send_and_wait(
                topic,
                value,
                key=key.encode(),
                headers=[(k, v.encode()) for k, v in headers.items()],
            )
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(producer.stop(), timeout=10)


async def start_broker(broker: KafkaBroker, timeout_s: float) -> None:
    """Start the broker, retrying while Kafka is not up yet."""
    deadline = time.monotonic() + timeout_s
    delay = 0.5
    while True:
        try:
            await broker.start()
            return
        except (KafkaError, OSError) as exc:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kafka not reachable after {timeout_s:.0f}s") from exc
            log.warning("waiting for Kafka", error=repr(exc))
            try:
                await broker.stop()
            except Exception:  # a half-started broker may fail to stop; start again anyway
                pass
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
