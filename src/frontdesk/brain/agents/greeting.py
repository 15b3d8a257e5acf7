"""Greeting/conversation agent: opens the call, small talk, clarifying, closing.

It also answers the outbound "do you have a minute?" and "anything else?" questions, and after
repeated misunderstandings hands the caller to a person rather than looping.
"""

from __future__ import annotations

from frontdesk.brain.agents.scheduling import absorb_contact
from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list
from frontdesk.brain.state import ConversationState

AGENT = "greeting"


def open_call(s: ConversationState, ctx: TurnContext) -> None:
    first = s.customer.name.split()[0] if s.customer.name else None
    if s.direction == "outbound":
        ctx.ask(s, "permission", AGENT, "greeting_outbound",
                name_part=f" {first}" if first else "")
        return
    text = ctx.replies.say("greeting_inbound")
    if first and s.customer.customer_id:
        text = text.replace(".", "." + ctx.replies.say("greeting_returning", first_name=first), 1)
    ctx.add(text)


def _capabilities(ctx: TurnContext) -> str:
    if ctx.profile.kind == "dealership":
        return say_list(["book service or a test drive", "answer questions about our hours, "
                         "prices and services", "connect you with our team"])
    return say_list(["help you buy or sell a home", "set up an appointment with an agent",
                     "answer questions about our services"])


async def run(s: ConversationState, ctx: TurnContext) -> None:
    u = ctx.u
    if s.awaiting == "permission":
        if u.deny:
            s.awaiting = None
            ctx.hand_off("objection", "caller busy on outbound call", s)
            u.intent = "objection_busy"
            return
        s.awaiting = None
        target = "qualification" if ctx.profile.kind == "real_estate" else "scheduling"
        ctx.hand_off(target, "outbound caller has a minute", s)
        return
    if u.intent == "goodbye" or (s.awaiting == "anything_else" and (u.deny or ("thanks" in u.flags
                                                                      and not u.affirm))):
        close(s, ctx)
        return
    if s.awaiting == "anything_else" and u.affirm:
        ctx.ask(s, "anything_else", AGENT, "what_else")
        s.awaiting = None
        return
    if u.intent == "greeting":
        if "thanks" in u.flags:
            ctx.say("you_are_welcome")
            ctx.ask(s, "anything_else", AGENT, "anything_else")
        else:
            ctx.say("hello_again")
        return
    if u.has_contact_facts:
        absorb_contact(s, ctx)
        first = s.customer.name.split()[0] if s.customer.name else "there"
        ctx.say("nice_to_meet", first_name=first)
        return
    s.misunderstood_count += 1
    if s.misunderstood_count >= 3:
        ctx.say("clarify_offer_human")
        ctx.hand_off("escalation", "repeated misunderstanding", s)
        return
    ctx.say("clarify", capabilities=_capabilities(ctx))


def close(s: ConversationState, ctx: TurnContext) -> None:
    ctx.say("goodbye_outbound" if s.direction == "outbound" else "goodbye")
    s.awaiting = None
    s.ended = True
