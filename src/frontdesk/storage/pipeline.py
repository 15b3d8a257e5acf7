"""The leads pipeline: each lead with when it was last in touch and what is already planned.

Read-side queries for the console's Leads page (kept out of the routes). A lead is one
customer at one business; its *contacts* are that customer's conversations with that business,
its *appointment* the earliest active one from today on, its *task* the soonest open callback
or request for a person from any of those conversations. Returns dataclasses, never ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from frontdesk.storage.models import Appointment, Business, Customer, Lead, Task
from frontdesk.storage.models import Conversation as ConversationRow
from frontdesk.storage.tasks import OPEN
from frontdesk.storage.transaction import reading

ACTIVE_APPOINTMENTS = ("scheduled", "confirmed")


@dataclass(slots=True, frozen=True)
class PipelineLead:
    lead_id: int
    business: str
    name: str | None
    phone: str
    status: str
    score: float
    qualified: bool | None
    do_not_call: bool
    intent: str | None
    budget_max: int | None
    timeline_months: float | None
    location: str | None
    contacts: int
    """Conversations with this customer at this business."""
    last_contact: datetime | None
    """When the latest of them started (UTC)."""
    last_conversation_id: str | None
    appointment: datetime | None
    """The earliest active appointment from ``today`` on (local wall-clock, naive)."""
    task_type: str | None
    """The soonest open task from its conversations (``callback``, ``human_escalation``)."""
    task_due: str | None
    """Its due time (ISO 8601 with offset), when it has one."""


async def lead_pipeline(sessions: async_sessionmaker, *, today: dict[str, date],
                        business: str | None = None, limit: int = 500) -> list[PipelineLead]:
    """Every lead (of ``business``, or all), highest score first. ``today``: each business's
    local date, from which appointments count as upcoming."""
    query = (select(Lead, Business.key, Customer)
             .join(Business, Business.id == Lead.business_id)
             .join(Customer, Customer.id == Lead.customer_id)
             .order_by(Lead.score.desc(), Lead.id.desc()).limit(limit))
    if business:
        query = query.where(Business.key == business)
    async with reading(sessions) as db:
        rows = (await db.execute(query)).all()
        keys = {(lead.business_id, lead.customer_id) for lead, _, _ in rows}
        customers = {customer_id for _, customer_id in keys}
        last: dict[tuple[int, int], tuple[int, datetime, str]] = {}
        for business_id, customer_id, started_at, conversation_id in (await db.execute(
                select(ConversationRow.business_id, ConversationRow.customer_id,
                       ConversationRow.started_at, ConversationRow.id)
                .where(ConversationRow.customer_id.in_(customers))
                .order_by(ConversationRow.started_at))).all():
            key = (business_id, customer_id)
            count = last[key][0] + 1 if key in last else 1
            last[key] = (count, started_at, conversation_id)  # ordered: the latest wins
        upcoming: dict[tuple[int, int], datetime] = {}
        for business_id, customer_id, key_, day, at in (await db.execute(
                select(Appointment.business_id, Appointment.customer_id, Business.key,
                       Appointment.scheduled_date, Appointment.scheduled_time)
                .join(Business, Business.id == Appointment.business_id)
                .where(Appointment.customer_id.in_(customers),
                       Appointment.status.in_(ACTIVE_APPOINTMENTS))
                .order_by(Appointment.scheduled_date, Appointment.scheduled_time))).all():
            if day >= today.get(key_, date.min):
                upcoming.setdefault((business_id, customer_id), datetime.combine(day, at))
        tasks: dict[tuple[int, int], tuple[str, str | None]] = {}
        for business_id, customer_id, task_type, due in (await db.execute(
                select(ConversationRow.business_id, ConversationRow.customer_id, Task.task_type,
                       Task.due_at)
                .join(ConversationRow, ConversationRow.id == Task.conversation_id)
                .where(ConversationRow.customer_id.in_(customers),
                       Task.status.in_(OPEN))
                .order_by(func.coalesce(Task.due_at, "9999")))).all():
            tasks.setdefault((business_id, customer_id), (task_type, due))
    found = []
    for lead, key, customer in rows:
        pair = (lead.business_id, lead.customer_id)
        contacts, started, conversation_id = last.get(pair, (0, None, None))
        task_type, due = tasks.get(pair, (None, None))
        found.append(PipelineLead(
            lead_id=lead.id, business=key, name=customer.name, phone=customer.phone,
            status=lead.status, score=lead.score, qualified=lead.qualified,
            do_not_call=lead.do_not_call, intent=lead.intent, budget_max=lead.budget_max,
            timeline_months=lead.timeline_months, location=lead.location, contacts=contacts,
            last_contact=_utc(started), last_conversation_id=conversation_id,
            appointment=upcoming.get(pair), task_type=task_type, task_due=due))
    return found


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

