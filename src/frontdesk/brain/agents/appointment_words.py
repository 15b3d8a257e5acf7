"""The words callers use about a booking they already have: keep it, cancel it, move it, which
one, "go ahead", "no, we don't need a new one" — read here, acted on by the appointments agent
(:mod:`.appointments`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import clock, understand, when
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.change import When
from frontdesk.brain.nlu.cues import CALL_TURNED_DOWN
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.on_file import SWAPPED_FOR
from frontdesk.brain.nlu.pauses import without_pauses
from frontdesk.brain.nlu.text import CORRECTION, normalise
from frontdesk.brain.nlu.understand import ADD_ON
from frontdesk.brain.state import Appointment

ACTIONS = {"cancel": "cancel", "reschedule": "move", "lookup_appointment": "lookup"}
"""The caller's act → what they want done with their appointment."""

_KEEP = re.compile(r"\b(?:keep (?:it|that|the|my)|leave (?:it|that)|never ?mind|"
                   r"forget (?:it|that|about it)|don'?t (?:cancel|move|change)|no,? (?:don'?t|do not)|"
                   r"i'?ll keep|i'?ll (?:still )?make it(?! work)|i can make it(?! work)|as (?:it|is) is|"
                   r"stick with|"
                   r"scratch that|changed my mind|on second thought|it'?s fine (?:as is|where it is)|"
                   # "okay, good, then it stays where it is", "we're still comin'"
                   r"(?:it|that|that one|this one|mine|ours) (?:can |will |should )?stays?|"
                   r"(?:we'?re|i'?m|we are|i am) still (?:coming|comin'?|on|good|gonna come|going to come)|"
                   r"still (?:on|good) for)\b")
"""The caller keeps the appointment as it is."""
_SEE_YOU_THEN = re.compile(r"\bsee (?:y'?all|you|ya|you guys) (?:then|there|on |monday|tuesday|wednesday|"
                           r"thursday|"
                           r"friday|saturday|sunday|tomorrow|next)")
"""To a cancel read back, "okay, cool. See y'all Wednesday": the caller is coming, it stays."""
_SWITCH_TO_CANCEL = re.compile(r"\b(?:just|only|rather|better|instead|actually|go ahead and) "
                               r"(?:cancel|scrap|call off)"
                               r"|\bcancel (?:it|that|the \w+) (?:instead|altogether|completely|entirely)\b")
""""actually no, forget it, just cancel it" while a move is read back: the move is dropped, not the
booking kept."""
_NO_NEW_ONE = re.compile(r"\b(?:(?:don'?t|dont|do not) (?:put|book|schedule|set) (?:me|us) (?:down |in |up )?"
                         r"for (?:nothing|anything)(?: else)?|"
                         r"(?:don'?t|do not|won'?t) (?:need|want) (?:a |another )?"
                         r"(?:new (?:one|time|day|date|"
                         r"appointment|slot)|another|to "
                         r"(?:re-?book|re-?schedule|book (?:a )?new|make (?:a )?new))|no need to (?:re-?book|"
                         r"re-?schedule)|not (?:re-?booking|re-?scheduling)|"
                         r"nothing (?:else )?to (?:re-?book|re-?schedule|move)|"
                         r"(?:don'?t|do not|no need to) (?:re-?book|re-?schedule)"
                         r"(?: (?:it|that|anything))?|"
                         # "no no i dont wanna reschedule right now"
                         r"(?:don'?t|do not|won'?t) (?:wanna|want to|need to|have to|gonna|plan to) "
                         r"(?:re-?book|re-?schedule)|"
                         r"(?:don'?t|do not) (?:book|schedule|set up|make) (?:anything|another|a new one)|"
                         r"no new (?:appointment|one|booking|day|time))\b")
"""The "no" is to a new appointment, not to cancelling this one ("no thanks, we don't need a new
one")."""


_WHY_IT_GOES = re.compile(r"\b(?:decided to (?:wait|hold off|pass|go another way)|hold(?:ing)? off|"
                          r"put (?:it|things|this|everything) on hold|wait (?:till|until|for)|"
                          r"(?:we'?ll|i'?ll) call (?:back|you)|changed (?:our|my) minds?|can'?t make it|"
                          r"won'?t (?:make it|be able)|"
                          # "we found a place through a friend", "my brother-in-law did it last night"
                          r"(?:found|bought|got) (?:a|an|another|our|my|the) (?:place|house|home|condo|agent|"
                          r"realtor|buyer|car|one|shop|mechanic)|went (?:with|ahead with) |signed with|"
                          r"(?:did|done|fixed|took care of|put|swapped|changed|replaced|installed) "
                          r"(?:it|them|that|one|a new one)(?: in| on| out)?\b[^.?!]{0,30}\b(?:already|"
                          r"last night|yesterday|himself|herself|myself|for (?:me|us|free))|"
                          r"had (?:a|an|one|the) (?:spare|extra|old one)|"
                          r"(?:got|was|been|is) totaled|fell through|sold (?:it|the (?:car|house|truck))|"
                          r"(?:don'?t|do not) (?:even )?(?:have|own) (?:a|the) (?:car|vehicle|truck)|"
                          # "we put an offer on a different house last night and they took it"
                          r"(?:put|made) (?:in )?an offer|offer (?:got |was )?accepted|"
                          r"(?:they|seller) took (?:it|ours|our offer)|(?:went|are|we'?re) under contract|"
                          r"closed on)\b")
"""Why the appointment goes, said to its cancel read-back ("we decided to wait till rates come
down, we'll call back in the spring"): a yes."""
_CLOSING_NO = re.compile(r"\W*(?:no+|nope|nah),?\s+(?:(?:that'?s|thats) (?:it|all|everything)|nothing else|"
                         r"(?:i |we )?(?:don'?t|do not) need (?:anything|nothing) (?:else|more)|"
                         r"(?:we'?re|i'?m|we are|i am) (?:all set|good|done))\b")
""""No, that's it, thanks" said to a cancel read-back: nothing more, or keep it? Not clear."""


_ASKED_CANCEL = re.compile(r"\b(?:cancel|scrap|call (?:it|that) off|take (?:me|us|it|him|her|them) off)\b")
_NO_AND_MORE = re.compile(r"\W*(?:no+|nah|nope)\b(?:\W+(?:ma'?am|sir|thanks|thank you|hon|honey))?[\W]*"
                          r"(?!(?:don'?t|do not|wait|keep|leave|hold|not\b|never ?mind|i meant|the other|"
                          r"move|change|actually|sorry|i still|i can|i'?ll (?:still )?(?:make|come|be)))\w")
""""No" and more words that neither keep the booking nor correct the request."""


_CANCEL_SAID = re.compile(r"(?<!n't )(?<!not )\b(?:cancel|scrap|call (?:it|that) off)\b")
_MOVE_SAID = re.compile(r"(?<!n't )(?<!not )\b(?:move|push|bump|slide|reschedule|switch|swap|flip|instead|"
                        r"another day|"
                        r"different day)\b|(?<!n't )(?<!nt )(?<!not )(?<!never )\bmake (?:it|that) "
                        r"(?!work|happen|in\b|there|on time|out\b)")


_KEEPS_ANOTHER = re.compile(r"(?:keep|leave) (?:the|my|our|his|her) "
                            r"(?!appointment|appt|booking|time|date|day|one\b|original|same)[a-z]")


def _said_last(said: str, action: str) -> str:
    """Of cancelling, moving and keeping, the one the caller came to last in the message."""
    said_at = {kind: [m.start() for m in pattern.finditer(said) if not (
        # "move the consultation to Thursday at four … keep the showing where it is": another
        # booking named to stand, not this one kept
        kind == "lookup" and _KEEPS_ANOTHER.match(said, m.start()))]
               for kind, pattern in (("cancel", _CANCEL_SAID), ("move", _MOVE_SAID), ("lookup", _KEEP))}
    if not said_at[action]:
        return action
    first = min(said_at[action])
    last = max(((at, kind) for kind, ats in said_at.items() for at in ats), default=(first, action))
    # ("… well, not cancel exactly, can you move it?": the first word taken back)
    turned = CORRECTION.search(said, first, last[0]) or _KEEP.search(said, first, last[0] + 1) or (
        re.compile(r"\bnot (?:cancel|move|push|reschedul)\w*").search(said, first, last[0]))
    if last[1] == action or not turned:
        return action  # "push my oil change to thursday, and cancel the detailing": two changes
    return last[1]


def _keeps(said: str, action: str | None) -> bool:
    """Does the caller keep the appointment as it is? To a cancel, "no, don't need to reschedule,
    just cancel it" does not: its "no, don't" is about a new one."""
    if action == "cancel" and _SEE_YOU_THEN.search(said):
        return True
    return _KEEP.search(_NO_NEW_ONE.sub(" ", said) if action == "cancel" else said) is not None

_GO_AHEAD = {
    "cancel": re.compile(r"\b(?:go ahead|please do|do it|(?:only|just) cancel(?:ling)?\b(?!\s*\?)|"
                         r"(?<!don't )(?<!not )cancel "
                         r"(?:it|that|that one|this one|them|the appointment)"
                         r"(?: (?:please|then|for me))?\b(?!\s*\?))"),
    "move": re.compile(r"\b(?:go ahead|please do|do it|(?<!don't )(?<!not )(?:move|change|switch) "
                       r"(?:it|that|that one|this one)(?: (?:please|then|for me))?\b(?!\s*\?))"),
}
"""The change asked to be confirmed, ordered in so many words: "yeah that one, cancel it please"."""
_CALLBACK = re.compile(r"\b(?:(?:call|ring|phone) (?:me|us)(?: back)?|(?<!\bwe )(?<!\bi )(?<!'ll )(?<!will )"
                       r"call back|callback|have (?:someone|"
                       r"somebody) "
                       r"(?:call|ring|reach)|give (?:me|us) a (?:call|ring)|get back to)\b")
NEW_DAY_LATER = re.compile(r"^\W*(?:no|nah|nope)\b[^.?!]{0,12}\b(?:not (?:right )?now|not yet|"
                           r"(?:i |we )?can'?t (?:pick|choose|do|give you|say) (?:a |another |the )?(?:new )?"
                           r"(?:day|time|date))\b")
"""A "no" to the cancel read back that is about the new day ("no, not right now … have Jordan give
me a ring next week and we'll set it up again"): the visit goes; the call back asked with it is
the way to a new one."""
_FIRST = re.compile(r"\b(?:first|earliest|former|1st)\b|\bthe (?:earlier|sooner)\b|"
                    # "the earlier one", not "could that be half an hour earlier"
                    r"\b(?:earlier|sooner) (?:one|appointment|showing|booking|visit)\b")
_SECOND = re.compile(r"\b(?:second|2nd)\b")
_FIRST_STANDS = re.compile(r"\b(?:first|earlier)(?: one| appointment| showing| visit| house)?"
                           r"(?:'s| is| can)? (?:fine|good|ok(?:ay)?|stay|stays|staying)\b")
_LAST = re.compile(r"\b(?:last(?! (?:week(?:end)?|night|time|month|year|summer|spring|fall|winter|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|later|latest|latter|"
                   r"(?<!after the )(?<!before the )(?<!next to the )(?<!than the )(?<!with the )"
                   r"other(?! (?:two|three|four|ones)\b))\b")
"""The later of two ("the last one", "the other one"); not "we sold it last weekend", nor the
other one as where the changed one goes ("move the oil change right after the other one")."""


_ACTED_ON = {"cancel": re.compile(r"\b(?:cancel|scrap|drop|call off|nix|ditch|kill|axe|"
                                  r"(?<=can )scratch|(?<=and )scratch|(?<=just )scratch|"
                                  r"scratch(?= (?:the|my|her|his|our) "
                                  r"(?!(?:mon|tues|wednes|thurs|fri|satur|sun)day)))\b"),
             "move": re.compile(r"\b(?:move|push|bump|slide|reschedule|switch|shift)\b")}
"""Words that act on one booking of several, which they name next."""





_ASKS_FOR_VISIT = re.compile(r"\b(?:(?:can|could|would|may) (?:i|we|you|y'?all|someone|somebody)|i'?d like|"
                             # "maybe we should just sit down with somebody and figure out …"
                             r"sit down with|"
                             r"we'?d like|i want|we want|i need|we need|let'?s|book|schedule|set up|"
                             r"put (?:me|us|him|her) (?:down|in)|"
                             r"come (?:in|by|out|look|drive|see)|test drive|drive it|"
                             r"have (?:y'?all|you|you guys|them|somebody|someone) (?:\w+ )?"
                             r"(?:check|look|do|take))\b")


# -- which booking the caller means ------------------------------------------------------------


def _fits(a: Appointment, said: When) -> bool:
    """Does what the caller said of a day and time describe this booking? ("my consultation on
    Tuesday" of next week's Tuesday does: its weekday)"""
    day = date.fromisoformat(a.scheduled_date)
    return ((said.date is None or day == said.date or (
                day.weekday() == said.date.weekday() and 0 < (day - said.date).days <= 7))
            and (said.time is None or a.scheduled_time == said.time.strftime("%H:%M")))


def _narrowing(ctx: TurnContext, current: When) -> bool:
    u = ctx.u
    text = without_pauses(u.text.lower())
    return bool(current.given or u.services or u.appointment_type or u.vehicle or _FIRST.search(text)
                or _SECOND.search(text) or _LAST.search(text))


BESIDE = re.compile(r"\b(?:right |just |straight |directly )?(after|before|behind|ahead of|next to|"
                    r"following) (?:the|my|our|that) ((?:[\w'-]+ ?){1,4}?)"
                    r"(?=\s*(?:[,.?!;]|$|so\b|same\b|on\b|that\b|and\b|then\b|if\b|i'?ll\b|at\b))")
"""A move beside another booking ("move the rotation so it's right after the oil change")."""


IN_ITS_SPOT = re.compile(r"\b(?:into|in|to|take|takes|have|use) (?:the|that|my|our) ((?:[\w-]+ ?){1,3}?)'?s "
                         r"(?:old |usual |original |same )?(?:spot|slot|time|place|time slot)\b")
"""A move into another booking's place ("move the oil change into the detail's spot")."""


def named_beside(text: str, found: list[Appointment], ctx: TurnContext) -> tuple[Appointment, str] | None:
    """The booking a move is to go beside ("right after the oil change") or into the place of
    ("into the detail's spot"), and which side: "after", "before" or "same"."""
    for m in IN_ITS_SPOT.finditer(text.lower()):
        if len(others := [a for a in found if _named_in(a, m[1], ctx)
                          or _name_word_said(a, found, m[1], ctx)]) == 1:
            return others[0], "same"
    for m in BESIDE.finditer(text.lower()):
        said = m[2].strip()
        others = [] if re.fullmatch(r"other(?: one| appointment| booking)?", said) else [
            a for a in found if _named_in(a, said, ctx) or _name_word_said(a, found, said, ctx)]
        side = "before" if m[1] in {"before", "ahead of"} else "after"
        if len(others) == 1:
            return others[0], side
        outside = normalise(text[: m.start()] + " " + text[m.end():])
        moved = [a for a in found if a.service_type in ex.extract_services(outside, ctx.profile)]
        if not others and len(found) == 2 and len(moved) == 1:
            # "the oil change … right after the AC" (the diagnostic, as the caller calls it): the
            # one of two not the one moved
            return next(a for a in found if a is not moved[0]), side
    return None


def _cars_said(text: str, ctx: TurnContext) -> set[str]:
    """Every car a message names, piece by piece ("the CR-V … and the Camry")."""
    return {car for piece in re.split(r"[,;.?!]|\b(?:and|or|plus|but)\b", text)
            if (car := _car_of(normalise(piece), ctx))}


def _each_named(found: list[Appointment], text: str, ctx: TurnContext) -> bool:
    """Does each booking found have a piece of the message of its own that names it?"""
    pieces = [p for p in re.split(r"[,;.]|\b(?:and|or|plus|then)\b", text) if p.strip()]
    owners = [{i for i, p in enumerate(pieces) if _named_in(a, p, ctx)} for a in found]
    return all(owners) and len(set().union(*owners)) > 1


_THE_HOUR_ONE = re.compile(r"\bthe (\d{1,2})(?::(\d\d))?(?: ?o'?clock| ?[ap]\.?m\.?)? "
                           r"(?:one|showing|appointment|appt|slot|visit)\b")
"""A booking named by its hour ("the eleven o'clock one")."""


def _narrow(found: list[Appointment], ctx: TurnContext, current: When) -> list[Appointment]:
    """The appointments the caller's words fit: a service, a day, a time, "the first one"."""
    u, text = ctx.u, without_pauses(ctx.u.text.lower())  # "hang on, one second" names no appointment
    if len(found) > 1 and _asked_action(ctx) != "cancel" and (beside := named_beside(text, found, ctx)):
        found = [a for a in found if a.id != beside[0].id]  # "… right after the oil change": not that one
        if len(found) == 1:
            return found
    both = bool(_MOVE_SAID.search(text) and _CANCEL_SAID.search(text))  # (one of each: cars said for each)
    if len(found) > 1 and _asked_action(ctx) in {None, "lookup"} and all(a.service_type in u.services
                                                                        for a in found):
        return found  # "the truck in Wednesday for that recall, and the Prius for an oil change Monday": both
    if len(found) > 1 and _asked_action(ctx) in {None, "lookup"} and _each_named(found, text, ctx):
        # "two test drives for tomorrow, the RAV4 and the CR-V", "the inspection monday and the
        # detail on saturday": each told
        return found
    if len(found) > 1 and re.match(r"\W*(?:the |my )?(?:truck|pickup)\b", text) and not STANDS.search(
            text) and len(
            trucks := [a for a in found if a.vehicle and _PICKUP.search(a.vehicle.lower())]) == 1:
        return trucks  # "the truck I need to move": the pickup's
    if len(found) > 1 and u.vehicle and not (STANDS.search(text) or both) and (
            car := _car_of(normalise(text), ctx)) and len(
            mine := [a for a in found if _is_car(a, car)]) == 1 and (
            len(_cars_said(text, ctx)) <= 1):  # (not "… cancel the CR-V … can the Camry go in its spot")
        return mine  # "the later one the Tacoma, can you move that an hour earlier": that car's
    if len(found) > 1:
        if _FIRST.search(text) and not _FIRST_STANDS.search(text):
            return found[:1]  # (not "the second one, push it back an hour? the first one's fine")
        if _SECOND.search(text):
            return found[1:2]
        if _LAST.search(text) and s_is_choice(ctx):
            return found[-1:]
    if len(found) > 1 and _asked_action(ctx) in {None, "lookup"} and re.search(
            r"\b(?:two|three|both|a couple|all)\b[^.?!]{0,25}\b(?:appointments|appts|things|bookings|visits|"
            r"showings|houses|homes|places|cars)\b", text):
        return found  # "I think I've got two appointments with y'all this week": both, told
    if len(found) > 1 and (kept := _KEPT_ONE.search(text)) and _asked_action(ctx) in {"cancel", "move"}:
        # "the three thirty one you can cancel. keep the three o'clock": not the one kept
        # ("… but keep the consultation": the kind of visit kept names it too)
        # ("keep the tahoe where its at but the civic can that go …": up to the next clause)
        said = re.split(r"\bbut\b|[,;—]", kept.group(1))[0]
        others = [a for a in found if not _named_in(a, said, ctx)]
        if others and len(others) < len(found):
            found = others
            if len(found) == 1:
                return found
    if len(found) > 1 and _asked_action(ctx) in {"cancel", "move"}:
        # "the oil change Saturday, I'll keep that one. but the brake one … cancel that one",
        # "the ten's fine", "his stays at eight": the one said to stand, in its own clause
        kept = said_to_stand(text, found, ctx)
        others = [a for a in found if a not in kept]
        if kept and others:
            found = others
            if len(found) == 1:
                return found
    acts_on = _ACTED_ON.get(_asked_action(ctx))
    acted = list(acts_on.finditer(text)) if acts_on else []
    changing = acted or list((_MOVE_SAID if _asked_action(ctx) == "move" else _CANCEL_SAID).finditer(text))
    if len(found) == 2 and changing and (theirs := _whose(found, text, changing[-1], ctx)) is not None:
        return [theirs]  # "my consultation at noon, and a showing for my sister at three … hers, move it"
    if len(found) > 1 and acted and _PRONOUN_NEXT.match(text, acted[-1].end()) and (
            before := _named_before(found, text[:acted[-1].start()], ctx)):
        # "the showing you can cancel it, it went under contract", "tomorrow's at two, go ahead
        # and cancel that one": named before the word that acts, pointed back at after it
        found = before
        if len(found) == 1:
            return found
    # the clause right after the word that acts names the one ("cancel the oil change, I did it
    # myself, and then the detail, can you push that to two"); else all the words after it
    clause = re.split(r"[.?!;,]|\bbut\b|\band (?:then )?\b", text[acted[-1].end():],
                      maxsplit=1)[0] if acted else ""
    if len(found) > 1 and acted and (car := _car_of(normalise(clause), ctx)) and (
            mine := [a for a in found if _is_car(a, car)]) and len(mine) < len(found):
        # "we both got oil changes friday at nine … go ahead and cancel the jetta": that car's
        found = mine
        if len(found) == 1:
            return found
    if len(found) > 1 and acted and _OUR_HOME.search(clause) and len(
            at_home := [a for a in found if a.appointment_type == "listing_appointment"]) == 1:
        return at_home  # "cancel the one for our house": the visit to the caller's own home
    if len(found) > 1 and acted and (named := ex.extract_services(normalise(clause), ctx.profile) or (
            ex.extract_services(normalise(text[acted[-1].end():]), ctx.profile))):
        # "the oil change Thursday and then the detail Saturday. go ahead and scrap the detail":
        # the one named after the word that acts
        found = [a for a in found if a.service_type in named] or found
        if len(found) == 1:
            return found
    if len(found) > 1 and acted and (kind := ex.extract_appointment_type(normalise(re.split(
            r"[.?!;]|\bbut\b|\band (?:then )?(?:can|could)\b", text[acted[-1].end():], maxsplit=1)[0]),
            ctx.profile)) and kind != "service":
        # "… go ahead and cancel the showing, somebody put an offer on it, but can we move the
        # consult to saturday": the kind named right after the word that acts
        found = [a for a in found if a.appointment_type == kind] or found
        if len(found) == 1:
            return found
    if len(found) > 1 and len(hours := {(int(h) % 12, int(m or 0)) for h, m in _THE_HOUR_ONE.findall(
            normalise(text).numeric)}) == 1 and len(at := [a for a in found if (
            int(a.scheduled_time[:2]) % 12, int(a.scheduled_time[3:])) in hours]) == 1:
        return at  # "one at ten and one at eleven. can the eleven o'clock one move to one?"
    tests = [
        (bool(u.services), lambda a: a.service_type in u.services),
        (u.appointment_type is not None, lambda a: a.appointment_type == u.appointment_type),
        # ("the Wednesday one" of next week's, this Wednesday having none: its weekday names it)
        (current.date is not None, lambda a: current.date is not None and (
            a.scheduled_date == current.date.isoformat() if any(
                b.scheduled_date == current.date.isoformat() for b in found)
            else date.fromisoformat(a.scheduled_date).weekday() == current.date.weekday())),
        (current.time is not None, lambda a: current.time is not None
         and a.scheduled_time == current.time.strftime("%H:%M")),
        # "the inspection one", "the battery thing": a word of one booking's service name only
        (not u.services and len(found) > 1, lambda a: _name_word_said(a, found, text, ctx)),
    ]
    chosen = found
    for applies, fits in tests:
        if applies:
            narrowed = [a for a in chosen if fits(a)]
            chosen = narrowed or chosen  # a detail that fits none is a slip, not a filter
    return chosen


_KIN = (r"sister|brother|mom|mother|dad|father|son|daughter|wife|husband|aunt|uncle|grandma|grandpa|"
        r"friend|neighbou?r|cousin|boss")
_FOR_SOMEONE = re.compile(r"\b(?:a|an|the|one|her|his) ((?:(?!\b(?:for|and|one)\b)[\w ]){2,30}?) "
                          rf"for (?:my|our) ({_KIN})\b([\w ]{{0,20}})")
"""A booking told as someone else's ("a showing for my sister at three")."""
_THEIRS = re.compile(rf"\b(?:hers|his|theirs|her (?!own\b)\w+|his \w+|my (?:{_KIN})'?s)\b")
_MINE = re.compile(r"\b(?:mine|my (?:own|one))\b")


def _whose(found: list[Appointment], text: str, acted: re.Match[str],
           ctx: TurnContext) -> Appointment | None:
    """Of two bookings, one told as someone else's ("a showing for my sister at three"), the one
    the change is about when the caller says whose ("Keep mine. Hers, can you move it")."""
    told = _FOR_SOMEONE.search(text)
    if told is None:
        return None
    said = f"{told.group(1)} {told.group(3)}"
    theirs = [a for a in found if _named_in(a, said, ctx) or (
        (kind := ex.extract_appointment_type(normalise(said), ctx.profile)) not in {None, "service"}
        and a.appointment_type == kind)]
    if len(theirs) != 1:
        return None
    start = max(text.rfind(p, 0, acted.start()) for p in (".", "?", "!", ";"))
    ends = [i for i in (text.find(p, acted.end()) for p in (".", "?", "!", ";")) if i >= 0]
    clause = text[start + 1: min(ends, default=len(text))]
    if _THEIRS.search(clause) and not _MINE.search(clause):
        return theirs[0]
    if _MINE.search(clause) and not _THEIRS.search(clause):
        return next(a for a in found if a is not theirs[0])
    return None


_PRONOUN_NEXT = re.compile(r"\s*(?:it|that(?: one)?|this(?: one)?|them|the one)\b(?! (?:off|up)\b)")
_LEAD_IN = re.compile(r"(?:\b(?:go ahead and|you can|y'?all can|can you|could you|can y'?all|could y'?all|"
                      r"please|just|so|i need to|need to|i wanna|wanna|i want to|i gotta|gotta|"
                      r"i'?d like to|um+|uh+|and)\W*)+$")


_ASKS_TAIL = re.compile(r"[,\s]*\b(?:can|could|would|will) (?:we|you|y'?all|i|ya)(?: please| just| maybe)?"
                        r"\s*$")


_PICKUP = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, lexicon().pickups), key=len, reverse=True))
                     + r")\b")
"""The pickups a caller calls "the truck" (the lexicon's ``pickup_models``)."""


def _named_before(found: list[Appointment], before: str, ctx: TurnContext) -> list[Appointment]:
    """Of several bookings, those the words just before "… cancel it" name ("the showin monday
    the tenth go ahead and cancel that one"): the last few words of their clause."""
    before = _ASKS_TAIL.sub("", before)  # "the equinox, can we move that": the car, not "can we"
    clauses = [c for c in re.split(r"[.?!;,]|\b(?:but|and|then|so|um+|uh+)\b",
                                   _LEAD_IN.sub("", before.rstrip()).rstrip(" ,;")) if c.strip()]
    # ("my daughter's corolla we actually sold it this weekend so you can cancel that one": the
    # car said earlier in the clause, or in the one before)
    if picked := _named_in_clause(found, " ".join(clauses[-1].split()[-6:]) if clauses else "", ctx):
        return picked
    if clauses and len(picked := _named_in_clause(found, clauses[-1], ctx)) == 1:
        return picked  # "the house on wednesday already went pending i saw it on zillow so … kill that one"
    for clause in reversed(clauses[-2:]):
        if car := _car_of(normalise(clause), ctx):
            return [a for a in found if _is_car(a, car)]
    return []


def _named_in_clause(found: list[Appointment], clause: str, ctx: TurnContext) -> list[Appointment]:
    said = normalise(clause)
    if (week := re.search(r"\b(this|next) week\b", said.lower)) and not re.search(
            r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow'?s?\b", said.lower):
        # "the one next week go ahead and cancel it": the booking that week
        monday = ctx.today - timedelta(days=ctx.today.weekday() - 7 * (week.group(1) == "next"))
        return [a for a in found if 0 <= (date.fromisoformat(a.scheduled_date) - monday).days < 7]
    day, at = when.extract_date(said, ctx.today), clock.extract_time(said)
    services, kind = ex.extract_services(said, ctx.profile), ex.extract_appointment_type(said, ctx.profile)
    car = _car_of(said, ctx)  # "the equinox, can we move that to saturday": that car's
    if car is None and re.search(r"\b(?:the |my )?(?:truck|pickup)\b", said.lower) and len(
            trucks := [a for a in found if a.vehicle and _PICKUP.search(a.vehicle.lower())]) == 1:
        return trucks  # "… and the truck can y'all push that to saturday": the F-150's
    if not (day or at or services or car or (kind and kind != "service")):
        return []
    return [a for a in found if (day is None or a.scheduled_date == day.isoformat())
            and (at is None or a.scheduled_time == at.strftime("%H:%M"))
            and (not services or a.service_type in services) and (car is None or _is_car(a, car))
            and (kind in {None, "service"} or a.appointment_type == kind)]


STANDS = re.compile(r"\b(?:keep (?!the same\b)(?:that|it|this|the|him|hers?|his|my|our|tomorrow|today|"
                     r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|leave (?:that|it|this|the|my|our|his|her)|"
                     r"(?:just )?(?:how|the way) (?:it|they) (?:is|are)|"
                     r"(?:is|'s|are|'re) (?:fine|good|ok(?:ay)?|alright|all right|perfect)|stays?|"
                     r"stay put|no change|don'?t (?:touch|cancel|move)|keep(?:in[g']?|s)|"
                     r"still (?:comin[g']?|on|good|happening|a go|need (?:it|that|that one)|"
                     r"wan(?:t|na) (?:it|that|that one|to (?:see|do|keep) (?:it|that)))|"
                     r"we'?ll (?:still )?be there)\b")
"""Words that say a booking stands ("the ten's fine", "his stays at eight", "I'll keep that one")."""
CHANGE_IN_CLAUSE = re.compile(r"\b(?:cancel|move|push|bump|slide|instead|reschedul\w*|could (?:we|you|"
                               r"y'?all)|"
                               r"can (?:we|you|y'?all)|get rid of|drop|"
                               r"(?:can|could) (?:that|it|this|that one|his|hers|mine) (?:go|be|move))\b")


def said_to_stand(text: str, bookings: list[Appointment], ctx: TurnContext) -> list[Appointment]:
    """The bookings a clause of the message says stand ("the oil change Saturday, that's fine,
    keep that", "the ten's fine")."""
    # (a comma before a word that changes one starts a clause: "the two o'clock we still want,
    # cancel the other")
    # ("cancel the ten o'clock keep the eleven": a keep starts one too)
    return [a for clause in re.split(r"[.;!?]|\bbut\b|—|,(?= (?:and )?(?:cancel|drop|move|push|scratch)\b)|"
                                     r"(?<=[\w,])(?= (?:and )?(?:keep|leave) (?:the|my|our)\b)",
                                     text.lower()) if STANDS.search(clause)
            and not CHANGE_IN_CLAUSE.search(clause) for a in bookings if _named_in(a, clause, ctx)]


_CHANGE_OF = re.compile(r"\b(?:cancel|scratch|drop|scrap|call off|move|push|bump|reschedule)\s+"
                       r"(?P<what>(?!(?:it|that|this|them|one)\b)[^,.;!?]{2,40}?)"
                       r"(?=\s+(?:but|and|keep|leave|instead|to|for)\b|[,.;!?]|$)")


def switched_to(text: str, found: list[Appointment], chosen: Appointment,
                ctx: TurnContext) -> Appointment | None:
    """Another booking on file, named as the one to change in reply to the read-back of this
    one ("yeah cancel the showing but keep saturday" to the consultation's cancel)."""
    for acted in _CHANGE_OF.finditer(text.lower()):
        named = [a for a in found if _named_in(a, acted["what"], ctx)]
        if len(named) == 1 and named[0].id != chosen.id:
            return named[0]
    kept = said_to_stand(text, found, ctx)
    if any(a.id == chosen.id for a in kept):
        # "the detail. the Saturday one. the oil change and the brakes, those stay" to the brakes'
        # cancel: the one named that is not said to stay
        named = {a.id: a for clause in re.split(r"[.;!?]", text.lower()) if not STANDS.search(clause)
                 for a in found if a.id != chosen.id and a not in kept and _named_in(a, clause, ctx)}
        if len(named) == 1:
            return next(iter(named.values()))
    return None


def without_the_ones_kept(text: str, bookings: list[Appointment], chosen: Appointment | None,
                          ctx: TurnContext) -> str:
    """The message without its clauses that say another booking stands ("four on Wednesday,
    perfect. And Monday at ten stays."): their day and hour are not the new time."""
    if len(bookings) < 2:
        return text
    # (none chosen yet: "the Pilot's detail, could that be wednesday instead? the F-150's oil
    # change stays tuesday": the clause that keeps one names no new day either)
    kept = [clause for clause in re.split(r"(?<=[.;!?])\s+|\s+but\s+|\s+—\s+", text)
            if STANDS.search(clause.lower()) and not CHANGE_IN_CLAUSE.search(clause.lower())
            and any(_named_in(a, clause.lower(), ctx) for a in bookings if a.id != (chosen and chosen.id))
            and not (chosen is not None and _named_in(chosen, clause.lower(), ctx))
            and not _AN_HOUR_OKAYED.fullmatch(re.sub(r"\b\d{1,2}(?::\d{2})?(?:\s*-?\s*ish)?\b|[,.!?]", " ",
                                                     normalise(clause).numeric))]
    for clause in kept:
        text = text.replace(clause, " ")
    return text


_AN_HOUR_OKAYED = re.compile(r"\s*(?:(?:is|'s|works|would work|would be)\s*)?(?:fine|good|great|ok|okay)?\s*")
"""What is left of "nine-ish, nine is fine" without its hours: the new hour okayed, no booking kept."""


_ONE_OF = re.compile(r"\b(?!(?:at|around|about|by|till|until|from|after|before|is|it'?s|for|to|say|like|"
                     r"and|or|the|a)\b)[a-z]+'?s? $")
"""A word right before "one" that makes it a pronoun ("the truck one", "my wife's one")."""


_OUR_HOME = re.compile(r"\b(?:(?:our|my) (?:own )?(?:house|home|place|condo|townhouse)|ours)\b")


def _name_word_said(a: Appointment, found: list[Appointment], text: str, ctx: TurnContext) -> bool:
    """Does the text say a word of this booking's service name that no other booking's has
    ("the inspection one" of a state inspection beside an oil change)?"""
    def words(b: Appointment) -> set[str]:
        service = ctx.profile.service(b.service_type) if b.service_type else None
        return set(re.findall(r"[a-z]{3,}", service.name.lower())) if service else set()
    others = set().union(*(words(b) for b in found if b is not a and b.service_type != a.service_type))
    return any(re.search(rf"\b{w}s?\b", text) for w in words(a) - others)


def _named_in(a: Appointment, clause: str, ctx: TurnContext) -> bool:
    """Does the clause name this booking: its service, kind of visit, car, day, or hour?"""
    said = normalise(clause)
    at, services = clock.extract_time(said), ex.extract_services(said, ctx.profile)
    # ("leave that one alone": a pronoun, not one o'clock)
    bare = [(m[1], m[2]) for m in re.finditer(
        r"(?<!that )(?<!this )(?<!which )(?<!other )(?<!each )(?<!no )(?<!any )(?<!rav )(?<!model )(?<!f )"
        r"(?<![a-z]-)"  # ("the cx-5 on tuesday": the car's name, not five o'clock)
        r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
        r"(?::(\d\d))?\b(?! (?:showings?|cars?|things|bookings?|appointments?|kids|of))", said.lower)
        # ("the truck one's fine", "keep the one on friday": which one, not one o'clock)
        if not (m[1] == "one" and (_ONE_OF.search(said.lower, 0, m.start())
                                   or said.lower.endswith("the ", 0, m.start())))]
    hour = int(a.scheduled_time[:2]) % 12 or 12
    words = ["twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven"]
    day, named_day = date.fromisoformat(a.scheduled_date), when.extract_date(said, ctx.today)
    part = re.search(r"\b(morning|afternoon|evening)\b", said.lower)
    hours = {(at.hour % 12, at.minute)} if at else {
        ((int(h) if h.isdigit() else words.index(h)) % 12, int(mm or 0)) for h, mm in bare}
    if hours and (hour % 12, int(a.scheduled_time[3:])) not in hours:
        # "the eleven oclock keep that, we still wanna see it": not the 1:30 showing; "the ten
        # o'clock stays": not the 10:30
        return False
    car = _car_of(said, ctx)
    if (services and not set(services) & {a.service_type, *a.services}) or (
            car is not None and a.vehicle and not _is_car(a, car)):
        return False  # "The Civic's oil change stays Wednesday": not the Odyssey's detail that day
    return bool(named_day == day  # "keep tomorrow's", "the one on the fourteenth"
                # "keep the morning one", "the afternoon one": the part of the day it is in
                or (part and part[1] == ("morning" if hour_of(a) < 12 else "afternoon" if hour_of(a) < 17
                                         else "evening"))
                or (at and a.scheduled_time == at.strftime("%H:%M"))
                or (services and a.service_type in services)
                or (not services and a.appointment_type is not None
                    # ("the consultation's fine": named, whatever it is said to be)
                    and ex.extract_appointment_type(normalise(STANDS.sub(" ", said.lower)), ctx.profile) == (
                        a.appointment_type))
                or (car is not None and _is_car(a, car))
                or any(int(h) % 12 == hour % 12 if h.isdigit() else words.index(h) == hour % 12
                       for h, _ in bare)
                or re.search(rf"\b{day:%A}\b".lower(), said.lower))


def hour_of(a: Appointment) -> int:
    return int(a.scheduled_time[:2])


def _car_of(said, ctx: TurnContext) -> str | None:
    """The model (else the make) of the car a clause names ("keep my rav four"), lower case."""
    car = ex.extract_vehicle(said, ctx.profile) if ctx.profile.kind == "dealership" else None
    if car is None:
        return None
    return car.model.lower() if car.model else car.make.lower() if car.make else None  # "scratch the kia"


def _is_car(a: Appointment, model: str) -> bool:
    def bare(name: str) -> str:
        return re.sub(r"[\s-]", "", name.lower())  # "F-150" is the "Ford F150 truck"'s
    return bool(a.vehicle) and bare(model) in bare(a.vehicle or "")


_KEPT_ONE = re.compile(r"\b(?:keep|leave|hold on to|don'?t (?:touch|cancel|move)) (?:the |my |our )?"
                       r"([^.?!]{2,40})")
"""The booking the caller keeps while changing another ("keep the three o'clock")."""


def _asked_action(ctx: TurnContext) -> str | None:
    """What the caller asks done with a booking in this message: cancel, move, or neither."""
    return ACTIONS.get(ctx.u.intent)


def s_is_choice(ctx: TurnContext) -> bool:
    """ "the later one" picks; "later this week" names a day."""
    return not re.search(r"\blater (?:this|next|that|in)\b", ctx.u.text.lower())


# -- what else the message asks beside the change -------------------------------------------


def booking_after(text: str, ctx: TurnContext, action: str) -> str | None:
    """What follows the sentence that asks for the cancel or the move, when it asks for a new
    booking ("… need to cancel it. But that means we've gotta sell ours now. It's in Cedar Park.
    Could someone come look at it Thursday at ten?"; "can we push that to Wednesday? And I want
    to come test drive that red RAV4")."""
    said_it = _CANCEL_SAID if action == "cancel" else _MOVE_SAID
    if (call := _call_after_change(text, said_it)) is not None:
        return call
    sentences = re.split(r"(?<=[.?!])\s+|\s+(?:but|and) while i'?ve got you,?\s+|"
                         # unpunctuated: "… i gotta cancel it … but can somebody call me back"
                         r"\s+(?=(?:but|and|so) (?:can|could|would) (?:somebody|someone|you|y'?all|one of)\b"
                         r"[^.?!]{0,40}\bcall\b)|"
                         # "… can we make it ten thirty and while its in there can yall rotate the tires"
                         r"\s+(?=and (?:uh |um )?while (?:it'?s|its|it is|you|y'?all|you guys|they)\b"
                         r"[^.?!]{0,25}?\b(?:in|there|up|at it)\b)|"
                         # "… same time next week instead and uh my inspection stickers up … so
                         # go ahead and do the state inspection with it while its there"
                         r"\s+(?=and (?:uh |um )?(?:my|the|our)\b[^.?!]{0,100}\b(?:with it|while it'?s|"
                         r"while its|too|as well)\b)|"
                         # "… cancel that one were tradin it in but my other car the batterys about dead
                         # … can yall put a new battery in it thursday": the other car's visit
                         r"\s+(?=(?:but|and|so) (?:then )?(?:uh |um )?(?:my|our|the) (?:other|second|wife'?s|"
                         r"husband'?s|son'?s|daughter'?s) "
                         r"(?:car|truck|vehicle|one|suv|van)\b)|"
                         # "… can we bump it to four and while im out that way could i see another one"
                         r"\s+(?=and (?:uh |um )?while (?:i'?m|we'?re|i am|we are) (?:out|over|up|down) "
                         r"(?:that way|there|here)\b)|"
                         # "… cancel that showin we had saturday and please take us off your list"
                         r"\s+(?=(?:and|so|but) (?:uh |um )?(?:please |also |just )?(?:take (?:us|me) off|"
                         r"(?:don'?t|dont|do not|stop) (?:call|calling|ring))\b)|"
                         # "cancel my detail for tomorrow and uh book a oil change instead same time"
                         # "… cancel the rotation and just have y'all check the brakes instead", "so
                         # cancel that but can we sit down with a agent instead same time"
                         r"\s+(?=(?:and|but) (?:uh |um )?(?:just |then |maybe )?(?:book|do|set up|schedule|"
                         r"get|make|put me down for|have (?:y'?all|you|you guys|them|somebody|someone)|"
                         r"(?:can|could) (?:we|i|y'?all|you|somebody|someone|an agent))\b[^.?!]{0,60}"
                         r"\binstead\b)",
                         text)
    asked = next((i for i, said in enumerate(sentences) if said_it.search(said.lower())), None)
    if action == "cancel" and (swap := SWAPPED_FOR.search(text.lower())):
        return text[swap.end():].strip(" ,")  # "instead of the buying meeting, could somebody come out …"
    if asked is None or asked == len(sentences) - 1:
        return None
    rest = " ".join(sentences[asked + 1:])
    if action == "cancel" and _CALLBACK.search(rest.lower()):
        # "… gotta cancel it. can somebody call me back next week to set it up again": the call
        return rest
    later = understand(rest, ctx.profile, ctx.today)
    if action == "cancel" and later.intent == "do_not_call":
        return rest  # "… and please take us off your list": cancelled, then struck off
    if action == "move" and later.services and ctx.profile.kind == "dealership" and (
            ADD_ON.search(rest.lower())):
        return rest  # "… make it ten thirty, and while it's in there can y'all rotate the tires too"
    if not _ASKS_FOR_VISIT.search(rest.lower()):
        return None  # "need to cancel. wednesday's oil change.": what goes, not a new one
    wants = later.appointment_type or later.vehicle or later.services or later.intent == "book"
    if action == "move" and ANOTHER_ONE.search(rest.lower()) and (later.date or later.time or later.window):
        return rest  # "… and while im out that way could i see another one right after, like four thirty"
    if action == "move" and later.services and (later.date or later.time) and _OTHER_CARS.match(rest.lower()):
        return rest  # "… thursday at noon instead and then my wife's car needs the inspection at three"
    if action == "move":  # a visit of another kind asked beside the move, with or without a day
        return rest if later.appointment_type and later.appointment_type != "service" and (
            later.intent not in ACTIONS) else None
    # ("cancel my detail for tomorrow and book a oil change instead, same time": its day and hour;
    # "… but put me down for an oil change instead, Monday at noon?": a new one in its place;
    # "… so cancel that. and then I'd like to come drive the red RAV4": another kind, its day asked)
    return rest if wants and (later.date or later.time or SAME_SLOT.search(rest.lower()) or (
        later.appointment_type not in {None, "service"} and _ASKS_FOR_VISIT.search(rest.lower()))) and (
        later.intent not in ACTIONS or (later.intent == "reschedule" and "instead" in rest.lower())) else None


_OTHER_CARS = re.compile(r"\W*(?:(?:but|and|so|then|uh|um)\W+)*(?:my|our|the) (?:other|second|wife'?s|"
                         r"husband'?s|son'?s|daughter'?s)\b")
"""Another car of the household, the next visit's ("and then my wife's car needs …")."""
_CLAUSE_START = re.compile(r"[.?!,;]|\b(?:and|but|so|um+|uh+|then|also)\b")


def _call_after_change(text: str, said_it: re.Pattern[str] = _CANCEL_SAID) -> str | None:
    """The call back asked after the cancel or the move, however it is said ("… go ahead and
    cancel that cause now its doin somethin different and id rather somebody from service just call
    me back", "could we move that to Saturday at ten instead? And also could somebody call me back
    in the afternoon about staging?"), from the start of its clause; None when no call is asked,
    or one is declined."""
    said = text.lower()
    cancel = said_it.search(said)
    call = _CALLBACK.search(said, cancel.end()) if cancel else None
    if cancel is None or call is None or CALL_TURNED_DOWN.search(said, cancel.end(), call.start()) or (
            re.search(r"\b(?:i'?ll|we'?ll|i will|we will|i can|let me)\s+(?:just\s+)?"
                      r"(?:give (?:you|y'?all) a\s+)?$", said[max(0, call.start() - 25): call.start()])):
        return None  # ("just cancel it, I'll call back when I know my schedule": the caller calls)
    start = max((m.end() for m in _CLAUSE_START.finditer(said, cancel.end(), call.start())),
                default=cancel.end())
    return text[start:].strip()


ANOTHER_ONE = re.compile(r"\b(?:see|look at|tour|check out|book|add|set up) (?:another|a second|one more)\b")
"""A second visit of the same kind asked beside a move ("could i see another one right after")."""
EVERY_ONE = re.compile(r"\b(?:both|all (?:of )?(?:them|'?em|those|three|of it)|"
                       # "keep the nine o'clock, cancel the other two"
                       r"the other (?:two|three|ones)|the rest(?: of (?:them|'?em))?|"
                       r"all (?:my|our|the) (?:appointments|bookings|showings)|"
                       r"the whole (?:lot|thing)|every (?:one|single one)|"
                       # "can you cancel everything we have?"
                       r"(?<=cancel )everything|everything (?:we|i) (?:have|got|had|booked))\b")
"""Every booking found, said in so many words ("cancel both of 'em")."""
MOVE_EVERY = re.compile(r"\b(?:move|push|bump|shift|reschedul\w*|switch|slide|change|do|put)\w* "
                        r"(?:\w+ ){0,2}?"
                        r"(?:both|all (?:of )?(?:them|'?em|those|three|my|our|the)|everything|"
                        r"the whole (?:thing|lot|day))\b|"
                        # "could both of those slide a day, to Saturday?", "can they both go Friday"
                        r"\b(?:both|all) (?:of )?(?:them|'?em|those|these|the \w+s? )?(?:\w+ )?"
                        r"(?:slide|move|go|shift|be moved|get moved|be pushed|be bumped|be switched)\b|"
                        r"\b(?:they|those|them) both (?:slide|move|go|shift|be moved|get moved|be pushed)\b")
"""Every booking moved at once, in so many words ("move both of those to thursday", "push them both
back an hour"); not "we both got stuff thursday", "one tomorrow and one thursday, both at four"."""
LATER_OR_EARLIER = re.compile(r"\b(?:later|earlier|sooner|but (?:can|could)|how about|what about|instead)\b")
"""Another hour asked of the day kept ("leave it on Thursday, but can it be later? like one")."""
CANCEL_EVERY = re.compile(r"\bboth of (?:them|'?em|those|these)\b|\b(?:cancel|scrap|drop)\w* (?:them |'?em )?"
                          r"(?:both|all|everything)\b|\ball (?:of )?(?:them|'?em)\b")
"""Every booking found cancelled, in so many words ("cancel both of 'em the oil change and the
detail"); not "we both got oil changes friday"."""
MOVES_TOO = re.compile(r"\b(?:could|can|would) (?:we|you|y'?all|i) (?:move|push|bump|switch|reschedule)\b")
"""A move asked in so many words beside a call back ("could we move that to Saturday at ten
instead? And also could somebody call me back …")."""
CANCELS_TOO = re.compile(r"(?<!n't )(?<!not )\b(?:cancel\w*|call (?:it |that )?off|scrap)\b")
"""A cancel said beside something else (a call back asked for, the number struck off): "… so we
gotta cancel but can somebody give me a call back next week"."""


SAME_SLOT = re.compile(r"\bsame (?:times?|day|slot|hours?)\b")
"""The day and hour of the booking given up, for the one asked in its place."""


NO_CALL = re.compile(r"\b(?:no need|don'?t|do not|no)\b[^.?!]{0,25}\b(?:call|ring|reach)")
"""A callback declined in so many words ("no need to call me", "don't bother calling")."""
NOT_NOW = re.compile(r"\bnot (?:right )?now\b|\bmaybe (?:later|down the road|another time)\b|\bnot yet\b")
"""A "not now", which puts off an offer; no answer to whether a booking goes."""
SAME_HOUR = re.compile(r"\bsame (?:time|times|hour|slot)\b(?!\s*(?:next|the following|a week|the week))")
"""The booking's own hour kept through a move to another day ("Friday, same time")."""
LATER_ON = re.compile(r"\b(?:later (?:in|on in|that|this) (?:the )?week|end of (?:the|this) week|"
                      r"later that week|a (?:day|couple days) later)\b")
"""A move asked for later than the booking, with no day named."""


CANCEL_THAT_FIRST = re.compile(r"\W*(?:(?:so|ok(?:ay)?|yeah|well|then|alright|right)\W+)*"
                               r"(?:you can |go ahead and |just |please )*(?:cancel|scratch|scrap|drop|nix) "
                               r"(?:that|it|this)(?: one)?\b")
"""A cancel said first of all, of the booking just told ("so you can cancel that one. but …")."""
