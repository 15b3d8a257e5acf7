"""The words callers are likely to use with one business, for the speech recogniser.

Whisper reads the text before an utterance as what was said before it. Given the business's
name, its services, the cars on its lot or the places it serves, and the days of the week, it
hears "brake inspection" rather than "break infection" and "Pflugerville" rather than a guess.
Measured on callers in voices unlike the test voice (bench/stt_accuracy.py, espeak-ng through
µ-law): word error rate 30.5% → 25.6%; on the Asterisk phone prompts 2.6% → 2.1%.
"""

from __future__ import annotations

from frontdesk.knowledge.profile import BusinessProfile

MAX_TERMS = 24
"""Enough for the services and the lot or the areas; a longer prompt costs decoding time and
leaves less room for the agent's last line."""
WEEKDAYS = "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday."


def spoken_vocabulary(profile: BusinessProfile) -> str:
    """One line: ``"<business>: <terms>. <weekdays>"``, each term once, in profile order."""
    terms: list[str] = []
    candidates = [
        *(s.name for s in profile.services),
        *(a.label for a in profile.appointment_types if not a.needs_service),
        *(v.make for v in profile.inventory), *(v.model for v in profile.inventory),
        *profile.service_areas,
    ]
    seen: set[str] = set()
    for term in candidates:
        term = term.strip()
        if term and term.casefold() not in seen and len(terms) < MAX_TERMS:
            seen.add(term.casefold())
            terms.append(term)
    listed = f": {', '.join(terms)}." if terms else "."
    return f"{profile.name}{listed} {WEEKDAYS}"
