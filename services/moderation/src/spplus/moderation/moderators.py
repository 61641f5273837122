"""What moderators do to a case: read it, edit the proposed text, decide (publish, refuse with
reasons, ask the author), withdraw a published story. The same decision twice has one effect."""

from __future__ import annotations

from datetime import timedelta

from spplus.runtime import clock
from spplus.runtime.domain import Change, NotFound
from spplus.runtime.mongo import Document

from .case import CaseAction, CaseStatus, ModerationCase, decision_target
from .deps import ModerationDeps


async def case_of(experience_id: str, deps: ModerationDeps) -> Document:
    case = await deps.store.case(experience_id)
    if case is None:
        raise NotFound("case_not_found", "Aucun dossier de modération pour ce récit.")
    return case


async def _stored(
    case: ModerationCase, change: Change[CaseStatus], deps: ModerationDeps
) -> Document:
    done = await deps.store.apply(case.id, change)
    if done is not None and change.events:
        deps.kick_relay()
    return done or await case_of(case.id, deps)


async def moderator_decision(
    experience_id: str, action: str, reasons: list[str], *, moderator: str, deps: ModerationDeps
) -> Document:
    """approve | reject | send_to_author. The same decision twice has one effect."""
    case = ModerationCase(await case_of(experience_id, deps))
    act, target = decision_target(action)
    if case.status is target:
        return case.doc  # already done: a double click or a retried request
    now = clock.now()
    if act is CaseAction.moderator_approve:
        change = case.publish(act, moderator, now)
    elif act is CaseAction.moderator_reject:
        change = case.reject(reasons, moderator, now)
    else:
        deadline = now + timedelta(hours=deps.settings.author_window_hours)
        change = case.send_to_author(moderator, now, deadline)
        await deps.store.schedule.at(case.id, deadline)  # the hint before the write
    return await _stored(case, change, deps)


async def moderator_edit(
    experience_id: str, changes: dict[str, str], *, moderator: str, deps: ModerationDeps
) -> Document:
    """Edit the proposed public text; the tier comes from the diff with the author's text."""
    case = ModerationCase(await case_of(experience_id, deps))
    return await _stored(case, case.edit(changes, moderator, clock.now()), deps)


async def moderator_withdraw(
    experience_id: str, reason: str, *, moderator: str, deps: ModerationDeps
) -> Document:
    case = ModerationCase(await case_of(experience_id, deps))
    if case.doc["status"] == "withdrawn":
        return case.doc
    change = case.withdraw(CaseAction.moderator_withdraw, moderator, reason, clock.now())
    return await _stored(case, change, deps)
