"""The sender: takes each due delivery's send lock, sends it (see `mailer.py` for the commit
point), retries temporary failures with back-off, records permanent ones; each outcome leaves
as `notification.sent`. An author's emails go in the order of their events, the receipt first.
The rules of each outcome are `delivery.Delivery`'s; the lock protocol is here."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from pymongo.errors import ConnectionFailure

from spplus.runtime import clock, faults
from spplus.runtime.domain import RefusedTransition
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document

from . import templates as tpl
from .deliveries import WAITING_RECHECK, look_at
from .delivery import Delivery, DeliveryAction
from .deps import NotificationsDeps
from .mailer import PermanentFailure, TemporaryFailure, UncertainFailure
from .store import PENDING, WAITING

log = get_logger(__name__)


#: What the send lock records for each outcome its holder writes.
_LOCK_OUTCOMES = {
    DeliveryAction.send: "sent",
    DeliveryAction.fail: "failed",
    DeliveryAction.doubt: "uncertain",
}
#: The action that settles a delivery as its lock says.
_FROM_LOCK = {
    "sent": DeliveryAction.send,
    "failed": DeliveryAction.fail,
    "uncertain": DeliveryAction.doubt,
}


async def _finish(
    delivery: Document, action: DeliveryAction, deps: NotificationsDeps, **fields: Any
) -> None:
    """Settle a pending delivery, if it still is (no send lock held: a skip, or a
    reconciliation)."""
    try:
        change = Delivery(delivery).to(action, **fields)
    except RefusedTransition:
        return  # settled meanwhile
    if await deps.store.apply(delivery["_id"], change) is not None:
        await deps.store.schedule.forget(delivery["_id"])  # settled: nothing more to do
    deps.kick_relay()


async def _settle_held(
    delivery: Document, gen: int, action: DeliveryAction, deps: NotificationsDeps, **fields: Any
) -> None:
    """The lock holder's outcome: first on its lock (what decides), then on the delivery, written
    by `_id` alone (while the lock is held no one else writes it; a lost write is reconciled from
    the lock), and the delivery leaves the schedule.

    What the SMTP server said must not be lost to a database that is away for a few seconds (a
    restart): each write is tried again for about half a minute (each one is idempotent). Else
    the lock would stay without an outcome, and the email be held until its lease ends."""
    change = Delivery(delivery).settle_held(action, gen, **fields)
    await _insisting(lambda: deps.store.settle_lock(delivery["_id"], gen, _LOCK_OUTCOMES[action]))
    await _insisting(lambda: deps.store.write(delivery["_id"], change))
    await _insisting(lambda: deps.store.schedule.forget(delivery["_id"]))
    deps.kick_relay()


#: Pauses between the tries of a write after a send, while the database cannot be reached.
_INSIST_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


async def _insisting(write: Callable[[], Awaitable[Any]]) -> Any:
    for pause in _INSIST_S:
        try:
            return await write()
        except ConnectionFailure as exc:
            log.warning("database unreachable after a send: trying again", error=type(exc).__name__)
            await asyncio.sleep(pause)
    return await write()


async def _attempt(
    delivery: Document, deps: NotificationsDeps, contact: Document | None = None
) -> None:
    """Send one due delivery. The right to send is the delivery's send lock
    (`store.take_send_lock`), taken before talking to the SMTP server: two instances never both
    send it, and once the lock is held this instance alone writes the delivery's state. The
    lock's time is also its lease: a holder that stopped is found out once it is older than
    `delivery_lease_s` (see `_reconcile`)."""
    s = deps.settings
    now = clock.now()
    delivery_id = delivery["_id"]
    to = delivery.get("to")
    if to is None:
        if contact is None:  # (the caller's, read just before, else now)
            contact = await deps.store.contact(delivery.get("experience_id") or "")
        if contact is None:
            await deps.store.note_waiting(delivery.get("experience_id") or "", delivery_id)
            await look_at(delivery, now + WAITING_RECHECK, deps)
            with contextlib.suppress(RefusedTransition):
                await deps.store.apply(delivery_id, Delivery(delivery).to(DeliveryAction.wait))
            if await deps.store.contact(delivery.get("experience_id") or "") is not None:
                # The address came while this was being decided: its release may have run first.
                await deps.store.release_waiting(delivery["experience_id"], clock.now())
            return
        to = contact["email"]
    suppressed = await deps.store.suppressed(deps.address_hash(to))
    if suppressed and (
        delivery["template"] in tpl.OPTIONAL or suppressed.get("reason") in ("bounced", "complaint")
    ):
        await _finish(delivery, DeliveryAction.skip, deps, last_error=suppressed["reason"])
        log.info("notification suppressed", template=delivery["template"])
        return
    email = deps.templates.render(delivery["template"], **delivery["context"])
    gen, lock = await deps.store.take_send_lock(delivery_id, now)
    if gen is None:  # held by another instance, or already settled
        await _reconcile(delivery, lock, deps)
        return

    async def commit() -> None:
        faults.point("notifications.before_data")  # a test may stop here: locked, nothing sent
        # The last write before DATA, on the lock (only its holder writes it): a holder that
        # stopped without it certainly sent nothing, and the email is sent again.
        await deps.store.mark_sending(delivery_id, gen, clock.now())

    try:
        await deps.mailer.send(to, email, message_key=delivery_id, on_commit=commit)
    except UncertainFailure as exc:
        await _settle_held(delivery, gen, DeliveryAction.doubt, deps, last_error=str(exc))
        log.error("email may or may not have been sent", template=delivery["template"])
        return
    except TemporaryFailure as exc:
        if Delivery(delivery).gives_up(now, timedelta(hours=s.give_up_after_hours)):
            await _settle_held(delivery, gen, DeliveryAction.fail, deps, last_error=str(exc))
            log.error("notification given up", template=delivery["template"], error=str(exc))
            return
        retry = Delivery(delivery).retry(gen, now, str(exc), s.retry_base_s, s.retry_max_s)
        await look_at(delivery, retry.fields["next_attempt_at"], deps)
        await deps.store.write(delivery_id, retry)
        # Not accepted: the next attempt takes a new generation of the lock.
        await deps.store.settle_lock(delivery_id, gen, "temporary")
        log.warning(
            "email delayed",
            template=delivery["template"],
            retry_at=str(retry.fields["next_attempt_at"]),
            error=str(exc),
        )
        return
    except PermanentFailure as exc:
        await _settle_held(delivery, gen, DeliveryAction.fail, deps, last_error=str(exc))
        if " 5.1." in f" {exc}" or str(exc).startswith("550"):
            await deps.store.suppress(deps.address_hash(to), "bounced", now)
        log.error("email refused for good", template=delivery["template"], error=str(exc))
        return
    faults.point("notifications.after_send")  # a test may stop here: sent, not recorded
    await _settle_held(delivery, gen, DeliveryAction.send, deps, sent_at=clock.now())
    log.info(
        "email sent", template=delivery["template"], experience_id=delivery.get("experience_id")
    )


async def _reconcile(delivery: Document, lock: Document | None, deps: NotificationsDeps) -> None:
    """The delivery's document says pending, its lock says otherwise (a concurrent write lost the
    holder's update, or the holder stopped): the document is brought in line with the lock. A
    lock without an outcome older than the lease belongs to an instance that stopped while
    sending. If it had not reached DATA (no `sending_at`), nothing left: the lock is settled
    `temporary` and the email is sent again. Otherwise the email may have left, so it becomes
    `uncertain` (for a person), never resent."""
    if lock is None:
        return
    outcome = lock.get("outcome")
    stale = lock["at"] <= clock.now() - timedelta(seconds=deps.settings.delivery_lease_s)
    if outcome is None and stale and lock.get("sending_at") is None:
        await deps.store.settle_lock(delivery["_id"], int(lock["gen"]), "temporary")
        now = clock.now()
        await look_at(delivery, now, deps)
        await deps.store.move(delivery["_id"], PENDING, {"$set": {"next_attempt_at": now}})
        log.warning("stopped before sending: sent again", template=delivery["template"])
        return
    if outcome is None and stale:
        await deps.store.settle_lock(delivery["_id"], int(lock["gen"]), "uncertain")
        outcome = "uncertain"
        log.error("email may or may not have been sent", template=delivery["template"])
    action = _FROM_LOCK.get(outcome or "")
    if action is None:  # being sent by another instance right now: looked at once its lease ends
        lease_end = lock["at"] + timedelta(seconds=deps.settings.delivery_lease_s)
        await look_at(delivery, max(lease_end, clock.now()), deps)
        return
    await _finish(delivery, action, deps, last_error=f"lock: {outcome}")


async def _sweep(deps: NotificationsDeps, now: datetime) -> None:
    """Now and then, find by a full read what the schedule may have missed."""
    if not deps.every("sweep", deps.settings.delivery_sweep_s):
        return
    for delivery in await deps.store.sweep(now):
        await look_at(delivery, now, deps)


async def _earlier_to_send(
    delivery: Document, contact: Document | None, deps: NotificationsDeps
) -> bool:
    """Whether the author's receipt is still to send (then this email waits: an author reads
    « reçu » before anything else, whatever raced on the way). The receipt's delivery id is kept
    with the address (`contact`), so this costs one more read by `_id`."""
    if delivery["template"] == "received":
        return False
    received_id = (contact or {}).get("received")
    if received_id is None:
        return False  # an older contact without it, or none (then nothing is sent anyway)
    receipt = await deps.store.deliveries.find_one({"_id": received_id})
    status = (receipt or {}).get("status")
    if status == PENDING:
        # Looked at again just after the receipt's own hint: waiting emails must not keep the
        # places among the first hints the sender reads (`schedule.due` gives the earliest
        # hundred), or a receipt due later would never be reached.
        hint = await deps.store.due.find_one({"_id": received_id})
        when = max(hint["at"], clock.now()) if hint else clock.now() + timedelta(seconds=5)
        await look_at(delivery, when + timedelta(seconds=1), deps)
        return True
    if status == WAITING:
        await deps.store.release_waiting(delivery["experience_id"], clock.now())
        return True
    return False


async def deliver_due(*, deps: NotificationsDeps) -> int:
    """Send what the schedule says is due, in the order of the events (an author's emails go in
    the order things happened); a delivery whose lock holder stopped is reconciled with its
    lock (sent again, or uncertain)."""
    now = clock.now()
    await _sweep(deps, now)
    hints = await deps.store.schedule.due(now)
    hints.sort(key=lambda h: (h.get("occurred_at") or h["at"], h["_id"]))
    # Each story's emails in their order, several stories at once: an email costs an SMTP
    # exchange and a score of database round trips, mostly waiting.
    by_story: dict[str, list[Document]] = defaultdict(list)
    for hint in hints:
        by_story[hint.get("experience_id") or hint["_id"]].append(hint)
    gate = asyncio.Semaphore(deps.settings.delivery_concurrency)

    async def story_in_order(chain: list[Document]) -> int:
        async with gate:
            sent = 0
            for hint in chain:
                sent += await _deliver(hint, deps)
            return sent

    return sum(await asyncio.gather(*(story_in_order(c) for c in by_story.values())))


async def _deliver(hint: Document, deps: NotificationsDeps) -> int:
    """Look at one hint's delivery: send it if its time has come (1), else put it right (0)."""
    delivery = await deps.store.deliveries.find_one({"_id": hint["_id"]})
    status = (delivery or {}).get("status")
    if delivery is None or status not in (PENDING, WAITING):
        await deps.store.schedule.drop(hint)  # settled (or never written)
        return 0
    now = clock.now()
    if status == WAITING:
        if await deps.store.contact(delivery.get("experience_id") or "") is None:
            await look_at(delivery, now + WAITING_RECHECK, deps)
        else:
            await deps.store.release_waiting(delivery["experience_id"], now)
        return 0
    if delivery["next_attempt_at"] > now:
        await look_at(delivery, delivery["next_attempt_at"], deps)
        return 0
    contact = None
    if delivery.get("audience") == "author":
        contact = await deps.store.contact(delivery.get("experience_id") or "")
        if await _earlier_to_send(delivery, contact, deps):
            return 0  # looked at again at the next pass, once the earlier one is gone
    await _attempt(delivery, deps, contact)
    return 1
