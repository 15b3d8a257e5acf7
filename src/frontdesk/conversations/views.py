"""The public shape of a conversation state (HTTP responses and the ``state_update`` event)."""

from __future__ import annotations

from typing import Any

from frontdesk.brain.state import Appointment, ConversationState


def public_state(s: ConversationState) -> dict[str, Any]:
    """The ``state`` object of the API contract."""
    slots = s.booking_slots
    return {
        "session_id": s.conversation_id,
        "profile": s.profile,
        "channel": s.channel,
        "direction": s.direction,
        "callback_for": s.callback_for,
        "current_agent": s.current_agent,
        "detected_intent": s.detected_intent,
        "confidence": s.confidence,
        "customer": {"name": s.customer.name, "phone": s.customer.phone,
                     "email": s.customer.email},
        "booking_slots": {
            "appointment_type": slots.appointment_type,
            "service_type": slots.service_type,
            "services": list(slots.services),
            "preferred_date": slots.preferred_date,
            "preferred_time": slots.preferred_time,
            "window_start": slots.window_start,
            "window_end": slots.window_end,
            "customer_name": slots.customer_name,
            "customer_phone": slots.customer_phone,
            "customer_email": slots.customer_email,
            "vehicle": slots.vehicle.label,
        },
        "lead": {
            "score": s.lead.score, "qualified": s.lead.qualified, "factors": s.lead.factors,
            "do_not_call": s.lead.do_not_call, "status": s.lead.status, "intent": s.lead.intent,
            "budget_min": s.lead.budget_min, "budget_max": s.lead.budget_max,
            "timeline_months": s.lead.timeline_months, "location": s.lead.location,
            "in_service_area": s.lead.in_service_area, "financing": s.lead.financing,
            "motivation": s.lead.motivation,
        },
        "appointment": None if s.appointment is None else _visit(s.appointment),
        "booked_before": [_visit(a) for a in s.booked_before],
        "existing_appointment": {
            "action": s.desk.action,
            "changed": None if s.desk.result is None else {
                "id": s.desk.result.id,
                "appointment_type": s.desk.result.appointment_type,
                "service_type": s.desk.result.service_type,
                "scheduled_date": s.desk.result.scheduled_date,
                "scheduled_time": s.desk.result.scheduled_time,
                "status": s.desk.result.status,
            },
            "kept": s.desk.kept,
        },
        "awaiting": s.awaiting,
        "escalation_in_progress": s.escalation_in_progress,
        "human_agent_status": s.human_agent_status,
        "pending_tasks": [t.model_dump(mode="json") for t in s.pending_tasks],
        "turn_count": s.turn_count,
        "ended": s.ended,
        "outcome": s.outcome,
        "summary": s.summary,
    }


def _visit(a: Appointment) -> dict[str, Any]:
    return {"id": a.id, "appointment_type": a.appointment_type, "service_type": a.service_type,
            "services": list(a.services), "scheduled_date": a.scheduled_date,
            "scheduled_time": a.scheduled_time, "customer_name": a.customer_name, "status": a.status}
