"""Reads the stories routed to one network from its Kafka topic, and answers each with a draft.

    spplus-example-responder --network CAF --bootstrap 127.0.0.1:9092 --agent Claire

It connects as the network's own Kafka principal (`network-<CODE>`; password from
`--password` or `RESPONDER_KAFKA_PASSWORD`, the local stack's development one otherwise): it may
read only its network's topic and write only its network's answers topic.

A real system would put the story in its own case-handling tool and send the agent's answer
when it is written; this one answers at once so that the whole path can be seen working. The
topic also says when a story is withdrawn (`network.withdrawn`, after the story under the same
key): a real system drops the story and any answer in progress; this one logs it.
Depends only on the platform's contracts (the event models) and a Kafka client.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from spplus.contracts import network_responses_topic, network_topic
from spplus.contracts.events import (
    NETWORK_EVENTS,
    NetworkExperienceAssigned,
    NetworkExperienceWithdrawn,
    ResponseSubmitted,
    ResponseSubmittedPayload,
)

log = logging.getLogger("responder")


def draft_for(event: NetworkExperienceAssigned, agent: str, organisation: str) -> ResponseSubmitted:
    """The draft answer to one story (greeting with the pseudonym, signature from the agent)."""
    story = event.payload.story
    greeting = f"Bonjour {story.pseudonym}," if story.pseudonym else "Bonjour,"
    body = (
        f"{greeting}\n\nMerci d'avoir pris le temps de raconter votre expérience « "
        f"{story.title} ». Votre témoignage a été transmis au service concerné, qui "
        "l'examine avec attention pour améliorer l'accueil et les délais.\n\n"
        f"{agent}, pour {organisation}"
    )
    payload = ResponseSubmittedPayload(
        experience_id=event.payload.experience_id,
        network=event.payload.network,
        external_id=f"example-{event.event_id}",
        body=body,
        agent_first_name=agent,
        organisation_name=organisation,
    )
    return ResponseSubmitted.caused_by(
        event, payload, producer=f"responder.{event.payload.network}"
    )


def dev_password(principal: str) -> str:
    """The local stack's development password of a principal (never valid in production)."""
    return f"spplus-dev-{principal}"


async def run(
    network: str, bootstrap: str, agent: str, organisation: str, security: dict[str, Any]
) -> None:
    consumer = AIOKafkaConsumer(
        network_topic(network),
        bootstrap_servers=bootstrap,
        group_id=f"spplus.network.{network.lower()}.responder",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **security,
    )
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, **security
    )
    await consumer.start()
    await producer.start()
    try:
        async for record in consumer:
            event = NETWORK_EVENTS.validate_json(record.value)
            if isinstance(event, NetworkExperienceWithdrawn):
                await consumer.commit()
                log.info("withdrawn %s: nothing more to answer", event.payload.experience_id)
                continue
            answer = draft_for(event, agent, organisation)
            await producer.send_and_wait(
                network_responses_topic(network),
                answer.model_dump_json().encode(),
                key=answer.key.encode(),
            )
            await consumer.commit()  # only once the draft is safely in Kafka
            log.info("answered %s", event.payload.experience_id)
    finally:
        await consumer.stop()
        await producer.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--network", required=True)
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--agent", default="Claire")
    parser.add_argument("--organisation", default=None)
    parser.add_argument("--security-protocol", default="SASL_PLAINTEXT")
    parser.add_argument("--username", default=None, help="default: network-<CODE>")
    parser.add_argument("--password", default=os.environ.get("RESPONDER_KAFKA_PASSWORD"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    network = args.network.upper()
    username = args.username or f"network-{network}"
    security: dict[str, Any] = {"security_protocol": args.security_protocol}
    if args.security_protocol.startswith("SASL"):
        security |= {
            "sasl_mechanism": "SCRAM-SHA-512",
            "sasl_plain_username": username,
            "sasl_plain_password": args.password or dev_password(username),
        }
    asyncio.run(run(network, args.bootstrap, args.agent, args.organisation or network, security))


if __name__ == "__main__":
    main()
