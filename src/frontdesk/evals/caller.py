"""Simulated callers: answer what the agent actually asks, from a persona, in varied words.

:class:`SimulatedCaller` is deterministic under a seed: the same seed and scenario give the same
words, a different seed gives different phrasings of the same facts. It reads the question
from the conversation state's ``awaiting`` (what the agent is waiting for), which every channel
reports, so it answers the question that was really asked rather than a fixed script.
:class:`LLMCaller` lets a language model play the persona instead, falling back to the rules
when the model fails.
"""

from __future__ import annotations

import logging
import random
import re
import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from frontdesk.evals.schema import EvalScenario

log = logging.getLogger(__name__)

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
YES = ["yes", "yes please", "yep, that's right", "sounds good", "that works", "sure, go ahead",
       "correct", "yeah that's perfect"]
BYE = ["no, that's all, thanks", "nope, that's everything. bye", "that's it, thank you",
       "no thanks, have a good one"]
HESITATE = ["um...", "hmm, hold on", "uh, sorry, one second"]
UNSURE = ["I'm not sure yet", "I don't really know", "not sure"]
DECLINE = ["I'd rather not say", "I'd prefer not to share that", "let's skip that"]
ORDINALS = ("first", "second", "third")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
NUMBER_WORDS = ("twelve", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")
ANSWER_BANKS = {"realistic": "answers.yaml", "realistic-heldout": "answers_heldout.yaml"}
"""``--answers``: ``tidy`` (the templates in this module) or a bank of realistic answers."""
SLIP_RATE = 0.2
"""How often a realistic answer comes as a speech transcript would: lower case, no punctuation."""


@cache
def answer_bank(answers: str) -> dict[str, list[str]]:
    """The realistic answers of ``answers`` (a key of :data:`ANSWER_BANKS`), per state."""
    path = Path(__file__).parent / ANSWER_BANKS[answers]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def time_words(value: str | None) -> str | None:
    """"10:30 am" → "ten thirty in the morning", "12 pm" → "twelve noon"; None if not a time."""
    match = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\s*", value or "", re.I)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 12 or minute % 15:
        return None
    words = NUMBER_WORDS[hour] + {0: "", 15: " fifteen", 30: " thirty", 45: " forty-five"}[minute]
    if match[3].lower() == "a":
        return words + " in the morning"
    if hour == 12 and not minute:
        return "twelve noon"
    return words + (" in the evening" if 6 <= hour < 12 else " in the afternoon")


class SimulatedCaller:
    """A rule-based caller playing ``scenario.persona`` with ``scenario.behaviour``."""

    def __init__(self, scenario: EvalScenario, seed: int = 0, *, spoken: bool = False,
                 answers: str = "tidy") -> None:
        self.scenario = scenario
        self.persona = scenario.persona
        self.behaviour = scenario.behaviour
        self.rng = random.Random(f"{seed}:{scenario.name}")
        self.spoken = spoken
        """Say numbers as a person would read them aloud (for synthesized audio)."""
        self.bank = answer_bank(answers) if answers != "tidy" else None
        """Realistic answers per state (fillers, hedges, extra words), or None: tidy ones."""
        self.questions = list(self.persona.questions)
        self.script = list(scenario.script)
        self.turns = 0
        self.done = False
        self._objected = False
        self._corrected = False
        self._hesitations = 2 if self.behaviour == "silent" else 0
        self._asked_person = False
        self._asked_time = False
        self._last_awaiting: str | None = None
        self._repeats = 0
        self._answered = True

    @property
    def interrupting(self) -> bool:
        """Whether this caller talks over the agent (audio channels cut in mid-reply)."""
        return self.behaviour == "interrupts"

    def _pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    @staticmethod
    def _a(noun: str) -> str:
        return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun

    # --- what the caller says ---------------------------------------------------------------

    def respond(self, reply: str, state: dict[str, Any]) -> str | None:
        """The caller's next words after hearing ``reply``; ``None`` hangs up."""
        if state.get("ended") or self.done:
            return None
        awaiting = state.get("awaiting")
        if awaiting is None or awaiting != self._last_awaiting:
            self._repeats = 0
        elif self._answered:  # asked again after answering it; not after asking something back
            self._repeats += 1
        self._last_awaiting = awaiting
        if self._repeats >= 3:  # the agent keeps asking the same thing: a real caller gives up
            self.done = True
            return "forget it, I'll call back later. bye"
        first = self.turns == 0
        self.turns += 1
        self._answered = False
        if self.script:  # a scripted caller says its lines whatever the agent asked
            return self.script.pop(0)
        if first and self.scenario.direction == "inbound":
            return self.opening()
        text = self._answer(awaiting, reply)
        if text is None:
            return None
        self._answered = True
        if self.behaviour == "interrupts" and not self.spoken and awaiting is not None:
            text = self._pick(["sorry to cut you off, ", "oh, wait, ", "sorry, "]) + text
        return text

    def opening(self) -> str:
        if self.scenario.opening:
            return self.scenario.opening
        p = self.persona
        if self.behaviour == "volunteers":
            return self._everything()
        if p.wants_person and not (p.service or p.intent or p.appointment_type):
            self._asked_person = True
            return self._pick(["can I talk to a real person please", "I need to speak to a human",
                               "let me talk to someone at the front desk"])
        if p.service:
            service = self._a(p.service)
            return self._pick([f"hi, I need to book {service}",
                               f"I'd like to schedule {service} for my car",
                               f"hey, can I bring my car in for {service}?"])
        if p.appointment_type and "test drive" in p.appointment_type:
            car = p.vehicle or "a car"
            return self._pick([f"I'd like to test drive the {car}",
                               f"can I come in and test drive the {car}?"])
        if p.appointment_type:
            return self._pick([f"I'd like to schedule {p.appointment_type}",
                               f"can I book {p.appointment_type}?"])
        if p.intent:
            return self._intent_line()
        if self.questions:
            return self.questions.pop(0)
        return "hi, I have a question"

    def _intent_line(self) -> str:
        intent = self.persona.intent or ""
        if " " in intent:
            return intent
        return self._pick({
            "buy": ["hi, we're looking to buy a house", "I want to buy a home",
                    "we're thinking about buying a place"],
            "sell": ["I want to sell my house", "I'm thinking of selling my home",
                     "we need to sell our house"],
            "rent": ["I'm looking for a place to rent", "do you help with rentals?"],
        }.get(intent, [f"I'm interested in {intent}"]))

    def _everything(self) -> str:
        p = self.persona
        parts = []
        if p.name:
            parts.append(self._pick([f"this is {p.name}", f"my name is {p.name}",
                                     f"hi, {p.name} here"]))
        if p.service:
            car = f" for my {p.vehicle}" if p.vehicle else ""
            parts.append(f"I need {self._a(p.service)}{car}")
        elif p.appointment_type and "test drive" in p.appointment_type:
            parts.append(f"I'd like to test drive the {p.vehicle or 'car'}")
        elif p.intent:
            parts.append(self._intent_line() if " " in (p.intent or "") else
                         f"we want to {p.intent}")
            if p.area:
                parts.append(f"in {p.area}")
            if p.timeline:
                parts.append(p.timeline)
            if p.budget:
                parts.append(f"budget around {p.budget}")
            if p.financing:
                parts.append(p.financing)
            if p.motivation:
                parts.append(p.motivation)
        if p.day:
            parts.append(f"on {p.day}" + (f" at {p.time}" if p.time else ""))
        if p.phone and not p.caller_id:
            parts.append(f"my number is {self._phone()}")
        return ", ".join(parts)

    def _phone(self) -> str:
        raw = re.sub(r"\D", "", self.persona.phone or "")[-10:]
        if self.spoken:
            return " ".join(DIGITS[int(d)] for d in raw)
        style = self.rng.randrange(3)
        if style == 0:
            return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"
        if style == 1:
            return f"{raw[:3]} {raw[3:6]} {raw[6:]}"
        return " ".join(DIGITS[int(d)] for d in raw)

    def _fact(self, key: str, value: str | None, forms: list[str], state: str | None = None) -> str:
        if key in self.persona.refuse:
            return self._realistic("decline") or self._pick(DECLINE)
        if not value:
            return self._realistic("unsure") or self._pick(UNSURE)
        return (state and self._realistic(state)) or self._pick(forms).format(value)

    # --- realistic answers ------------------------------------------------------------------

    def _slots(self) -> dict[str, str]:
        """The persona's facts as the bank's placeholders (only those the persona has)."""
        p = self.persona
        slots: dict[str, str] = {}
        if p.name:
            first, *rest = p.name.split()
            slots.update(name=p.name, first=first, first_spelled="-".join(first.upper()))
            if rest:
                last = " ".join(rest)
                slots.update(last=last,
                             last_spelled="-".join(c for c in last.upper() if c.isalpha()))
        if p.phone:
            slots["phone"] = self._phone()
        if p.day:
            slots["day"] = p.day
            slots["other_day"] = self._pick([d for d in WEEKDAY_NAMES
                                             if d.lower() not in p.day.lower()])
        if p.time and time_words(p.time):
            slots.update(time=p.time, time_words=time_words(p.time) or "")
            hour = int(re.match(r"\s*(\d+)", p.time)[1])
            other = hour - 2 if hour in (11, 12) else hour + 1
            half = "am" if "a" in p.time.lower() and other < 12 else "pm"
            slots["other_time"] = f"{other if other <= 12 else other - 12} {half}"
        if p.service:
            slots.update(service=p.service, a_service=self._a(p.service))
        facts = {"vehicle": p.vehicle, "area": p.area, "budget": p.budget,
                 "timeline": p.timeline, "financing": p.financing, "motivation": p.motivation,
                 "appointment_type": p.appointment_type, "callback_time": p.callback_time}
        slots.update({k: v for k, v in facts.items() if v})
        return slots

    def _realistic(self, state: str, **extra: str | None) -> str | None:
        """A realistic answer for ``state`` from the bank (None in tidy mode, or when no
        template fits the persona's facts)."""
        if self.bank is None:
            return None
        slots = {**self._slots(), **{k: v for k, v in extra.items() if v}}
        options = [t for t in self.bank.get(state, [])
                   if all(f in slots for _, f, _, _ in string.Formatter().parse(t) if f)]
        if not options:
            return None
        text = self._pick(options).format(**slots)
        if self.rng.random() < SLIP_RATE:  # as a speech transcript writes it
            text = re.sub(r"[.,!?;]+(?=\s|$)", "", text.lower())
        return text

    def _pick_alternative(self, reply: str) -> str:
        p = self.persona
        wanted = self._said_time(p.time)
        offered = re.split(r"openings are|\bI have\b", reply)[-1]
        if wanted and offered.count(wanted) == 1:
            return (self._realistic("pick_wanted")
                    or self._pick(["{} works", "{} please", "let's do {}"]).format(p.time))
        if wanted and wanted not in offered and not self._asked_time and p.pick == 0:
            self._asked_time = True
            return (self._realistic("pick_ask")
                    or self._pick(["do you have anything at {}?", "could you do {}?",
                                   "I was hoping for {}"]).format(p.time))
        which = ORDINALS[min(p.pick, len(ORDINALS) - 1)]
        if self.bank is not None:
            times = re.findall(r"\b\d{1,2}(?::\d\d)? [AP]M\b", offered)
            states = ["pick_ordinal"] + (["pick_first"] if p.pick == 0 else [])
            spoken = None
            if p.pick < len(times) and times.count(times[p.pick]) == 1:
                hour, _, minute = times[p.pick].split()[0].partition(":")
                spoken = NUMBER_WORDS[int(hour)] + (f"-{minute}" if minute else " o'clock")
                if minute == "30":
                    spoken = NUMBER_WORDS[int(hour)] + "-thirty"
                states.append("pick_offered")
            text = self._realistic(self._pick(states), ordinal=which, offered=spoken)
            if text:
                return text
        return self._pick([f"the {which} one", f"I'll take the {which} one",
                           f"the {which} one works"])

    def _answer(self, awaiting: str | None, reply: str) -> str | None:
        p = self.persona
        if "all" in p.refuse:
            self.done = True
            return p.objection or "no, I'm not interested"
        if self._hesitations and awaiting is not None:
            self._hesitations -= 1
            return self._pick(HESITATE)
        if (self.behaviour == "off_topic" and self.questions and awaiting is not None
                and self.turns >= 2):
            return self.questions.pop(0)
        if p.wants_person and not self._asked_person and self.turns >= 2:
            self._asked_person = True
            return self._pick(["actually, can I just talk to a person?",
                               "could you transfer me to someone?"])
        if awaiting in {"date", "time", "pick_alternative"} and not p.wants_appointment and not p.day:
            # "what day works best?" asked of a caller who only wanted to ask: a no, not "not sure"
            return self._objection_or(self._realistic("offer_no")
                                      or self._pick(["no thanks", "not right now, thanks"]))
        match awaiting:
            case "permission":
                return self._objection_or(
                    (self._realistic("permission")
                     or self._pick(["yes, I have a minute", "sure, what's up?", "yeah, go ahead"]))
                    if p.wants_appointment else "not really")
            case "name":
                return self._fact("name", p.name, ["{}", "it's {}", "my name is {}",
                                                    "this is {}"], "name")
            case "phone":
                if "phone" in p.refuse or not p.phone:
                    return self._realistic("decline") or self._pick(DECLINE)
                said = self._realistic("phone_caller_id" if p.caller_id else "phone")
                return said or self._pick(["{}", "it's {}", "my number is {}", "sure, {}"]).format(
                    self._phone())
            case "email":
                return self._fact("email", p.email, ["{}", "it's {}"])
            case "date":
                if p.day and p.time and "day" not in p.refuse:
                    return self._realistic("date") or self._pick(
                        ["{} at {}", "how about {} at {}", "{}, around {}",
                         "{} at {} if you can"]).format(p.day, p.time)
                return self._fact("day", p.day, ["{}", "how about {}", "{} works for me",
                                                 "{} would be good"], "day")
            case "time":
                return self._fact("time", p.time, ["{}", "around {}", "{} please",
                                                   "let's say {}"], "time")
            case "service":
                return self._fact("service", p.service and self._a(p.service),
                                  ["{}", "I need {}", "{} please"], "service")
            case "vehicle":
                return self._fact("vehicle", p.vehicle, ["it's a {}", "a {}", "{}"], "vehicle")
            case "appointment_type":
                kind = p.appointment_type or ("service" if p.service else None)
                return self._fact("appointment_type", kind, ["{}", "{} please"],
                                  "appointment_type" if p.appointment_type else None)
            case "confirm_booking":
                if self.behaviour in ("corrects",) and not self._corrected:
                    self._corrected = True
                    change = " at ".join(x for x in (p.alt_day, p.alt_time) if x)
                    return self._realistic("correct_booking", change=change) or self._pick([
                        f"no, actually make it {change}", f"wait, can we do {change} instead?",
                        f"no, I meant {change}"])
                return self._realistic("confirm_booking") or self._pick(YES)
            case "pick_alternative":
                return self._pick_alternative(reply)
            case "confirm_change":
                return self._realistic("confirm_change") or self._pick(YES)
            case "which_appointment":
                what = p.service or p.appointment_type
                return (what and "service" not in p.refuse
                        and self._realistic("which_appointment", what=what.removeprefix("a ")
                                            .removeprefix("an "))) or self._fact(
                    "service", what, ["the {}", "the {} one", "it's the {}"])
            case "intent":
                return self._intent_line() if p.intent else self._pick(UNSURE)
            case "budget":
                return self._fact("budget", p.budget, ["{}", "around {}", "about {}"], "budget")
            case "timeline":
                return self._fact("timeline", p.timeline, ["{}"], "timeline")
            case "location":
                return self._fact("area", p.area, ["{}", "in {}", "we're looking in {}"], "location")
            case "financing":
                return self._fact("financing", p.financing, ["{}"], "financing")
            case "motivation":
                return self._fact("motivation", p.motivation, ["{}"], "motivation")
            case "callback_time":
                return ((p.callback_time and self._realistic("callback_time"))
                        or p.callback_time or "tomorrow afternoon")
            case "offer_appointment" | "offer_callback":
                if not p.wants_appointment:
                    return self._objection_or(self._realistic("offer_no")
                                              or self._pick(["no thanks", "not right now, thanks"]))
                if self.behaviour == "volunteers" and p.day and awaiting == "offer_appointment":
                    return f"sure, {p.day}" + (f" at {p.time}" if p.time else "")
                return self._objection_or(self._realistic("offer_yes") or self._pick(YES))
            case "anything_else" | None:
                if self.questions:
                    return self.questions.pop(0)
                if p.wants_person and not self._asked_person:
                    self._asked_person = True
                    return "can I talk to a person?"
                self.done = True
                return self._realistic("anything_else") or self._pick(BYE)
        return self._realistic("unsure") or self._pick(UNSURE)

    @staticmethod
    def _said_time(value: str | None) -> str | None:
        """How the agent says a persona's time ("2 pm" → "2 PM", "9:30 am" → "9:30 AM")."""
        match = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?\s*", value or "", re.I)
        if not match:
            return None
        hour, minute, half = match.groups()
        return f"{int(hour)}{':' + minute if minute and minute != '00' else ''} {half.upper()}M"

    def _objection_or(self, text: str) -> str:
        if self.persona.objection and not self._objected:
            self._objected = True
            return self.persona.objection
        return text


class LLMCaller(SimulatedCaller):
    """A language model plays the persona; the rules answer whenever the model cannot."""

    def __init__(self, scenario: EvalScenario, client: Any, seed: int = 0,
                 *, spoken: bool = False, answers: str = "tidy") -> None:
        super().__init__(scenario, seed, spoken=spoken, answers=answers)
        self.client = client
        self.history: list[dict[str, str]] = []

    def _system(self) -> str:
        facts = self.persona.model_dump(exclude_defaults=True)
        return ("You are a person phoning a business. Stay in character and reply with one "
                "short spoken sentence, no lists or markdown. Answer what you are asked using "
                f"only these facts: {facts}. Your manner: {self.behaviour}. When everything "
                "you called about is done, say goodbye.")

    async def respond_async(self, reply: str, state: dict[str, Any]) -> str | None:
        rule = self.respond(reply, state)  # keeps turn counting and the give-up rule
        if rule is None:
            return None
        self.history += [{"role": "user", "content": reply}]
        try:
            completion = await self.client.complete(
                [{"role": "system", "content": self._system()}, *self.history[-8:]])
            text = completion.text
        except Exception as exc:  # the model's failure costs its phrasing, never the run
            log.warning("caller model failed (%s); using the rules", exc)
            text = rule
        text = (text or rule).strip()
        self.history.append({"role": "assistant", "content": text})
        return text
