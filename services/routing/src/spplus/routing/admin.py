"""What routing's administrators and agents ask of it: move a story to another network, create,
change or delete a network of the registry (audited, applied at once)."""

from __future__ import annotations

import uuid

from spplus.contracts.api import FieldError
from spplus.runtime import clock
from spplus.runtime.auth import Principal, Role
from spplus.runtime.domain import Conflict, Forbidden, Invalid, NotFound
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import with_outbox

from . import domain, webhooks
from .handlers import RoutingDeps, routed_events

log = get_logger(__name__)


def may_see(principal: Principal, assignment: Document) -> bool:
    """Administrators and moderators see every assignment; an agent only those of their network,
    and of their entity when their token names one."""
    if principal.has_any(Role.admin, Role.moderator):
        return True
    return principal.serves(assignment.get("network"), assignment.get("entity"))


async def reassign(
    experience_id: uuid.UUID,
    network: str,
    entity: str | None,
    reason: str,
    *,
    principal: Principal,
    deps: RoutingDeps,
) -> Document:
    """Move a story to another network (misrouted, or out of triage); the old one loses it."""
    doc = await deps.store.assignment(str(experience_id))
    if doc is None:
        raise NotFound("assignment_not_found", "Ce récit n'est attribué à aucun réseau.")
    if doc.get("status") == "withdrawn":
        raise Conflict("experience_withdrawn", "Ce récit a été retiré : il n'est plus attribué.")
    if not may_see(principal, doc):
        raise Forbidden("forbidden", "Ce récit n'est pas attribué à votre réseau.")
    registry = await deps.store.registry()
    network = network.upper()
    if network not in registry.networks:  # deleted networks included: they are not routed to
        raise Invalid("unknown_network", f"Réseau inconnu : {network}.")
    entity = entity or registry.entity_for(network, doc["story"].get("department"))
    if doc.get("network") == network and doc.get("entity") == entity:
        return doc  # already there: a repeated request
    version = int(doc.get("version", 1)) + 1
    routed = routed_events(doc, network, entity, version, "manual", registry)
    hook = webhooks.delivery(registry.networks[network], routed[1][0], clock.now())
    if hook is not None:
        await deps.store.schedule.at(doc["_id"], hook["next_at"])
    update = with_outbox(
        {
            "$set": {
                "network": network,
                "entity": entity,
                "rule": "manual",
                "version": version,
                "status": "assigned",
                "webhook": hook,
            },
            "$push": {
                "audit": {
                    "at": clock.now(),
                    "by": principal.subject,
                    "action": "reassigned",
                    "from": doc.get("network"),
                    "to": network,
                    "reason": reason,
                }
            },
        },
        routed,
    )
    done = await deps.store.reassign(str(experience_id), version - 1, update)
    if done is None:
        raise Conflict(
            "assignment_changed", "L'attribution vient de changer : rechargez et recommencez."
        )
    deps.kick_relay()
    return done


def _refused(field: str, code: str, message: str) -> Invalid:
    return Invalid(code, message, [FieldError(field=field, code=code, message=message)])


async def put_network(
    code: str, fields: Document, *, principal: Principal, deps: RoutingDeps
) -> tuple[Document, str | None]:
    """Create or change a network (audited, applies at once), and the webhook secret the
    platform generated for it, if it did (shown once). A network needs an organisation and an
    entity; its webhook must be https (http in development only) and lead to public addresses
    only; a webhook always has a secret. An empty `webhook` removes it."""
    code = code.upper()
    if not domain.NETWORK_CODE.match(code):
        raise _refused(
            "code",
            "invalid_network_code",
            "Le code d'un réseau compte de 2 à 40 lettres, chiffres, tirets ou soulignés.",
        )
    existing = await deps.store.network(code) or {}
    unset: tuple[str, ...] = ()
    if fields.get("webhook") == "":
        del fields["webhook"]
        unset = ("webhook",)
    elif "webhook" in fields:
        try:
            await webhooks.check_target(
                fields["webhook"],
                allow_http=deps.settings.allow_http_webhooks,
                allowed=deps.settings.webhook_allowed,
            )
        except webhooks.WebhookRefused as refused:
            raise _refused("webhook", refused.code, refused.message) from None
        fields["webhook"] = fields["webhook"].strip()
    merged = {**existing, **fields}
    missing = [
        FieldError(field=key, code="required", message=message)
        for key, message in (
            ("organisations", "Un réseau répond pour au moins un organisme."),
            ("entities", "Un réseau compte au moins une entité locale."),
        )
        if not merged.get(key)
    ]
    if missing:
        raise Invalid(
            "incomplete_network",
            "Un réseau doit avoir au moins un organisme et au moins une entité locale.",
            missing,
        )
    problem = domain.network_problem({**merged, "code": code})
    if problem is not None:  # a stored field routing cannot use, which the request left as is
        raise _refused(
            problem,
            "invalid_stored_field",
            "Ce champ enregistré pour le réseau est invalide : envoyez-en une valeur correcte.",
        )
    generated = None
    if "webhook" not in unset and merged.get("webhook") and not merged.get("webhook_secret"):
        generated = fields["webhook_secret"] = webhooks.new_secret()
    action = "created" if not existing else "restored" if existing.get("deleted") else "changed"
    doc = await deps.store.put_network(
        code, fields, by=principal.subject, unset=unset, action=action
    )
    log.info("network saved", network=code, action=action, fields=sorted(fields))
    return doc, generated


async def delete_network(code: str, *, principal: Principal, deps: RoutingDeps) -> Document:
    """Soft-delete a network (who and when, audited): no story is routed to it any more; its
    assignments and their history stay. Deleting it again changes nothing."""
    code = code.upper()
    existing = await deps.store.network(code)
    if existing is None:
        raise NotFound("network_not_found", "Réseau inconnu.")
    if existing.get("deleted"):
        return existing
    doc = await deps.store.delete_network(code, by=principal.subject)
    if doc is None:
        raise NotFound("network_not_found", "Réseau inconnu.")
    log.info("network deleted", network=code)
    return doc
