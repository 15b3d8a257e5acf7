"""The LangGraph of agents over one :class:`ConversationState`.

    START → inbox → router ─┬→ greeting ──────┐
                            ├→ qualification ─┤   (an agent may hand off to another,
                            ├→ objection ─────┤    at most three hops per turn)
                            ├→ scheduling ────┼→ respond ─┬→ END
                            ├→ appointments ──┤           └→ analytics → END (call ended)
                            ├→ faq ───────────┤
                            └→ escalation ────┘

Per-turn inputs and outputs (the understanding, ports, reply parts, effects) travel in
``config["configurable"]["turn"]`` — a :class:`~frontdesk.brain.context.TurnContext` — so the
compiled graph is shared by every conversation in the process.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any, TypedDict

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph

from frontdesk.brain.agents import (
    analytics,
    appointments,
    call_later,
    escalation,
    faq,
    greeting,
    objection,
    qualification,
    router,
    scheduling,
)
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu.cues import AND_ALSO, CALL_ME, NEVER_MIND
from frontdesk.brain.nlu.name_spacing import name_put_right
from frontdesk.brain.nlu.said import LET_DOWN
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState, Message, Transition, utcnow
from frontdesk.spoken import cap_words, said_once, strip_markdown

AgentFn = Callable[[ConversationState, TurnContext], Awaitable[None]]

AGENTS: dict[str, AgentFn] = {
    "greeting": greeting.run,
    "qualification": qualification.run,
    "objection": objection.run,
    "scheduling": scheduling.run,
    "appointments": appointments.run,
    "faq": faq.run,
    "escalation": escalation.run,
}
MAX_HOPS = 3


def _turn(config: RunnableConfig) -> TurnContext:
    return config["configurable"]["turn"]


_BOOKING_ASKED = re.compile(r"\b(?:book|schedule|appointment|set (?:it|something|one) up|come in|"
                            r"bring (?:it|her|him) in|drop (?:it )?off|get (?:it|her|him) in)\b")


class Turn(TypedDict):
    """The graph's state: the conversation as one object, which the nodes change in place. One
    channel instead of one per field keeps LangGraph's bookkeeping per step small (it was more
    than half of a brain turn); the state is validated once, when the turn ends (Brain._run)."""

    s: ConversationState


def _updates(s: ConversationState) -> Turn:
    return {"s": s}


def _inbox(s: ConversationState, ctx: TurnContext) -> None:
    """Deliver notifications that arrived since the last turn (seed 004's check_notifications)."""
    for note in s.notifications_queue:
        if not note.delivered:
            ctx.add(note.message)
            note.delivered = True


async def _route(turn: Turn, config: RunnableConfig) -> Turn:
    """The turn's first step: notifications delivered, then the message sent to its agent."""
    ctx = _turn(config)
    s = state = turn["s"]  # (copied once per turn, on the way in: Brain._run)
    _inbox(s, ctx)
    if ctx.understanding is None:
        greeting.open_call(s, ctx)
        ctx.handoff = None
        return _updates(s)
    u = ctx.understanding
    said = f"{u.text} {u.call_after}".strip() if "call_aside" in u.flags else u.text  # (the whole message)
    replied = [m.content for m in state.messages if m.role == "assistant"]
    if "hesitation" in u.flags and replied and replied[-1] == ctx.replies.say("hold_ok"):
        # "um..." once more after "take your time": no answer, a try at the question that failed
        u.intent, u.confidence = "unknown", 0.3
    if s.awaiting == "confirm_change" and s.desk.action == "cancel" and u.intent == "escalation" and (
            AND_ALSO.match(u.text.lower())) and not (u.deny or u.acts):
        # "cancel the saturday thing" … (read back) … "and i wanna talk to a real person about
        # the agreement": the cancel goes on as asked, then the person is looked for
        s.desk.then_book = u.text
        u.intent, u.affirm = "affirm", True
    call_next = call_later.place(s, ctx, u) if "call_aside" in u.flags else None
    if call_next is not None and u.intent == "call_noted":
        u, call_next = call_next, None  # nothing else said: the call, now
        ctx.understanding = u
    # Asides first ("do you have a shuttle?"), then the main act ("Wednesday works").
    # A message left for a person is one message, however many things it says.
    split = bool(u.acts) and state.awaiting != "take_message"
    first, ctx.queue = (u.acts[0], [*u.acts[1:], u]) if split else (u, [])
    if call_next is not None:
        ctx.queue.append(call_next)  # "leave it right there. … can somebody call me …": that next
    ctx.understanding = first
    if split and u.name and not s.customer.name:
        s.customer.name = u.name  # "this is Tobias Engel, I'm calling for my dad … could you check?"
    if s.escalation_in_progress and u.intent in {"provide_info", "affirm", "unknown"} and (
            u.date or u.time or u.window or u.time_of_day) and not (
            u.services or u.appointment_type or u.is_question or u.has_lead_facts) and any(
            CALL_ME.search((t.reason or "").lower()) for t in s.pending_tasks
            if t.task_type == "human_escalation" and t.status in {"pending", "running"}):
        # "I need an actual person to call me" … "yes, tomorrow, anytime before noon": when to
        # call, said while someone is looked for
        u.intent = "objection_busy"
        u.flags.add("call_asked")
    if s.escalation_in_progress and u.intent == "book" and not (
            u.date or u.time or u.time_of_day or u.services or _BOOKING_ASKED.search(u.text.lower())):
        # "Agnieszka Nowak. Is about my car, the repair from last week. I have question about the
        # bill.": who is calling and what about, for the person being looked for; no visit
        u.intent = "escalation"
    if s.escalation_in_progress and u.intent != "escalation" and (
            NEVER_MIND.search(u.text.lower()) or u.intent == "objection_busy" or (
                u.intent == "book" and u.date is not None and (u.time or u.time_of_day))):
        # "never mind, you're fine, just book it"; "could someone just call me tomorrow
        # morning?", "could I come in today at two?": a call later, or a meeting, instead of the
        # person being looked for now
        escalation.withdraw(s, ctx, call_instead=u.intent == "objection_busy" and not NEVER_MIND.search(
            u.text.lower()))
    if s.customer.name and not u.name and name_put_right(normalise(u.text), s.customer.name) and (
            u.intent in {"faq", "unknown", "provide_info", "chitchat", "correction"}) and not u.acts and (
            s.awaiting_agent != "scheduling"):  # (the booking's read back takes it in itself)
        # "you've probably got that spelled wrong … S-I-O-B-H-A-N. Kelleher's K-E-L-L-E-H-E-R":
        # the name put right (by the agent that asked last, which thanks for it), not a question
        u.intent, u.is_question = "provide_info", False
        u.flags -= {"question", "faq_topic"}
    if objection.withdraws_callback(s, u):
        objection.withdraw_callback(s, ctx)  # "forget the callback, just book me Monday at eight"
    target = "faq" if first.intent == "call_noted" else "objection" if "call_aside_act" in first.flags else (
        router.route(s, first, ctx.profile, ctx))
    if target != "escalation" and LET_DOWN.search(u.text.lower()):
        ctx.say("let_down")  # "I called Monday … and nobody called me back": owned up to first
    if target != "scheduling" and "no_booking" in u.flags and s.appointment is None and (
            s.booking_slots.under_way()) and not u.has_booking_facts:
        # "No, I don't want to book anything. I want to talk to a manager": the visit read into
        # the complaint before is not asked after again (the scheduling agent says so itself)
        s.booking_slots = s.booking_slots.dropped()
        if s.awaiting_agent == "scheduling":
            s.awaiting = s.awaiting_agent = None
    ctx.said = u
    if target != "faq":
        s.recent_topic = None
    s.detected_intent, s.confidence = u.intent, u.confidence
    s.messages.append(Message(role="user", content=said, intent=u.intent, agent=target))
    if target != s.current_agent:
        ctx.transitions.append(Transition(from_agent=s.current_agent, to_agent=target,
                                          reason=f"intent {first.intent}"))
    ctx.handoff = target
    return _updates(s)


def _agent_node(name: str, fn: AgentFn) -> Callable[..., Awaitable[Turn]]:
    async def node(turn: Turn, config: RunnableConfig) -> Turn:
        ctx = _turn(config)
        s = turn["s"]  # (copied once per turn, on the way in: Brain._run)
        s.current_agent = name  # type: ignore[assignment]
        ctx.handoff = None
        ctx.hops += 1
        await fn(s, ctx)
        if ctx.hops >= MAX_HOPS:
            ctx.handoff = None
        return _updates(s)

    node.__name__ = f"{name}_agent"
    return node


async def _respond(turn: Turn, config: RunnableConfig) -> Turn:
    ctx = _turn(config)
    s = turn["s"]  # (copied once per turn, on the way in: Brain._run)
    qualification.enforce_hard_criteria(s, ctx.profile.qualification)
    text = cap_words(said_once(strip_markdown(" ".join(p for p in ctx.reply_parts if p))),
                     ctx.settings.max_reply_words)
    if not text:  # never silence: an agent that said nothing still yields a reply
        text = ctx.replies.say("clarify", capabilities="help with appointments and questions")
    if ctx.assist is not None:
        text = await ctx.assist.rephrase(text, profile=ctx.profile, state=s) or text
    if ctx.notice:
        text = f"{ctx.notice} {text}"
    s.messages.append(Message(role="assistant", content=text, agent=s.current_agent))
    if ctx.understanding is not None:
        s.turn_count += 1
    s.last_updated = utcnow()
    if s.ended:
        call_later.settle(s, ctx)  # a call asked beside a booking never made: the team has it
        s.awaiting = None
        s.awaiting_agent = None
    return _updates(s)


async def _analytics(turn: Turn, config: RunnableConfig) -> Turn:
    ctx = _turn(config)
    s = turn["s"]  # (copied once per turn, on the way in: Brain._run)
    if ctx.profile.kind == "real_estate":
        if ctx.said is not None:
            # "if we sold our house with y'all, what's your cut?", "we're up in Georgetown … let me
            # talk it over with my husband": what the lead told and no agent took in, kept
            qualification.keep_untold(s.lead, ctx.said)
        qualification.score_on_leaving(s, ctx.profile.qualification, ctx.settings.qualification_threshold)
    await analytics.run(s, ctx.profile, ctx.assist)
    return _updates(s)


def _after_router(turn: Turn, config: RunnableConfig) -> str:
    return _turn(config).handoff or "respond"


def _after_agent(turn: Turn, config: RunnableConfig) -> str:
    ctx = _turn(config)
    state = turn["s"]
    if ctx.handoff:
        return ctx.handoff
    if ctx.queue and not state.ended:  # the next act of the same message
        ctx.understanding = ctx.queue.pop(0)
        ctx.hops, ctx.resuming = 0, False
        target = "objection" if "call_aside_act" in ctx.understanding.flags else router.route(
            state, ctx.understanding, ctx.profile, ctx)  # (a call asked beside it: the call, whatever else)
        ctx.transitions.append(Transition(from_agent=state.current_agent, to_agent=target,
                                          reason=f"next act {ctx.understanding.intent}"))
        return target
    return "respond"


def _after_respond(turn: Turn) -> str:
    return "analytics" if turn["s"].ended else END


@cache
def build_graph() -> Any:
    """Compile the agent graph once per process (it holds no conversation: each turn brings its
    own state and context, so every Brain of the process shares it)."""
    graph = StateGraph(Turn)
    graph.add_node("router", _route)
    for name, fn in AGENTS.items():
        graph.add_node(name, _agent_node(name, fn))
    graph.add_node("respond", _respond)
    graph.add_node("analytics", _analytics)
    graph.add_edge(START, "router")
    targets = {name: name for name in AGENTS} | {"respond": "respond"}
    graph.add_conditional_edges("router", _after_router, targets)
    for name in AGENTS:
        graph.add_conditional_edges(name, _after_agent, targets)
    graph.add_conditional_edges("respond", _after_respond, {"analytics": "analytics", END: END})
    graph.add_edge("analytics", END)
    return graph.compile()
