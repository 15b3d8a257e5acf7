"""The one error of every delivery channel, and whether a retry can help.

A job that failed with ``retryable=True`` (a timeout, a refused connection, 429, 5xx, an SMTP
4xx) is worth trying again later; ``retryable=False`` (an unsubscribed or invalid number, a
410 Gone webhook, a rejected login, a malformed message) will fail the same way every time.
"""

from __future__ import annotations


class DeliveryError(Exception):
    """A message could not be delivered.

    Attributes:
        retryable: whether the same delivery may succeed later.
        status_code: the provider's status (HTTP status, SMTP reply code), if it answered.
        detail: what went wrong, in words (no message body, no secret).
        code: the provider's own error code when it has one (Twilio's 21610, 21211, …).
    """

    def __init__(self, detail: str, *, retryable: bool, status_code: int | None = None,
                 code: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retryable = retryable
        self.status_code = status_code
        self.code = code

    def __repr__(self) -> str:
        return (f"DeliveryError({self.detail!r}, retryable={self.retryable}, "
                f"status_code={self.status_code}, code={self.code})")


def retryable_http_status(status_code: int) -> bool:
    """HTTP statuses worth retrying: request timeout, too early, too many requests, 5xx."""
    return status_code in (408, 425, 429) or status_code >= 500
