"""Follow-through delivery channels: how a reminder or a notification leaves Frontdesk.

Text messages through Twilio (:mod:`.sms`), email with calendar invitations over SMTP
(:mod:`.email`), signed webhooks (:mod:`.webhooks`), and the keywords of inbound texts
(:mod:`.inbound`: STOP, START, HELP). Each channel raises :class:`.errors.DeliveryError`,
which says whether trying again later can help; what to send and when is decided by the job
handlers above, not here.
"""

from frontdesk.followup.errors import DeliveryError

__all__ = ["DeliveryError"]
