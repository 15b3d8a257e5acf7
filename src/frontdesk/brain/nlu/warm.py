"""The understanding's first-use costs, paid at start instead of in a caller's first turn.

The first message a process reads compiles hundreds of regular expressions (ours and
dateparser's, whose locale data also loads then): about 0.2 s on the 2-core machine, inside
the first caller's reply wait. :func:`warm_up` reads a few everyday messages once per process,
for each business, so that cost is gone before the first call.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from frontdesk.brain.nlu.understand import understand
from frontdesk.knowledge.profile import BusinessProfile

LINES: tuple[tuple[str, str | None], ...] = (
    ("hi, I need an oil change next tuesday at 9:30 am, or friday afternoon", None),
    ("my name's Pat Lee, 512-555-0142, pat.lee@example.com", "name"),
    ("we want to buy in Round Rock for about 400k in three months, we're pre-approved", None),
    ("can we do the 3rd instead, after work? not before ten", "date"),
    ("a quarter mil, maybe up to three fifty", "budget"),
    ("no, wait, make it Thursday the 10th at half past two", "confirm_booking"),
    ("yes please", "confirm_booking"),
    ("who is this? can I talk to a real person", None),
)

_warmed = False


def warm_up(profiles: Iterable[BusinessProfile]) -> None:
    """Read :data:`LINES` for each business, once per process."""
    global _warmed
    if _warmed:
        return
    today = date.today()
    for profile in profiles:
        for text, awaiting in LINES:
            understand(text, profile, today, awaiting, None, None)
    _warmed = True
