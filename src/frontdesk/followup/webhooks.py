"""Signed outgoing webhooks: an event POSTed as JSON to a URL the business chose.

Every request carries ``Frontdesk-Signature: t=<unix seconds>,v1=<hex>``, where ``<hex>`` is
HMAC-SHA256 with the endpoint's secret over ``f"{t}."`` followed by the exact body bytes. A
receiver recomputes it (:func:`verify`, or the snippet in docs/follow-through.md), compares in
constant time and refuses old timestamps, so a captured request cannot be replayed later.
``Frontdesk-Delivery`` is the same on every retry of one delivery: receivers deduplicate on it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx

from frontdesk.followup.errors import DeliveryError, retryable_http_status

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "Frontdesk-Signature"
EVENT_HEADER = "Frontdesk-Event"
DELIVERY_HEADER = "Frontdesk-Delivery"
DEFAULT_TOLERANCE_S = 300


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Frontdesk-Signature`` header value for ``body`` sent at ``timestamp``.

    Args:
        secret: the endpoint's shared secret.
        timestamp: Unix seconds.
        body: the exact bytes sent.

    Returns:
        ``t=<timestamp>,v1=<hex HMAC-SHA256 of f"{timestamp}." + body>``.

    Raises:
        ValueError: an empty secret, a negative or non-integer timestamp, a body not bytes.
    """
    if not isinstance(secret, str) or not secret:
        raise ValueError("a webhook secret must be a non-empty string")
    if not isinstance(timestamp, int) or isinstance(timestamp, bool) or timestamp < 0:
        raise ValueError(f"timestamp must be Unix seconds (a non-negative int), got {timestamp!r}")
    if not isinstance(body, bytes | bytearray):
        raise ValueError(f"body must be bytes, got {type(body).__name__}")
    return f"t={timestamp},v1={_digest(secret, timestamp, bytes(body))}"


def verify(secret: str, header: str | None, body: bytes, *, tolerance_s: int = DEFAULT_TOLERANCE_S,
           now: float | None = None) -> bool:
    """Whether ``header`` is a valid, fresh signature of ``body`` with ``secret``.

    Several ``v1=`` entries are allowed (a sender rotating secrets signs with both); one match
    is enough. Compared in constant time.

    Args:
        secret: the endpoint's shared secret.
        header: the ``Frontdesk-Signature`` value received (None or malformed: False).
        body: the raw request body, before any JSON parsing.
        tolerance_s: how far the timestamp may be from ``now``, either way.
        now: Unix seconds to compare with (the current time when None).

    Raises:
        ValueError: an empty secret or a negative tolerance (a configuration mistake, not a
            bad request).
    """
    if not isinstance(secret, str) or not secret:
        raise ValueError("a webhook secret must be a non-empty string")
    if tolerance_s < 0:
        raise ValueError(f"tolerance_s must be >= 0, got {tolerance_s}")
    if not header or not isinstance(body, bytes | bytearray):
        return False
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            return False
        if key == "t":
            if timestamp is not None or not value.isascii() or not value.isdigit():
                return False
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        return False
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_s:
        return False
    expected = _digest(secret, timestamp, bytes(body))
    # Every candidate is compared (no early exit), each in constant time.
    matches = [hmac.compare_digest(expected.encode(), c.encode("ascii", "replace")) for c in candidates]
    return any(matches)


def _target(url: object) -> httpx.URL:
    """The receiver's URL, or a non-retryable DeliveryError saying what is wrong with it."""
    try:
        target = httpx.URL(url) if isinstance(url, str) else None
    except httpx.InvalidURL as exc:
        raise DeliveryError(f"a webhook URL is invalid ({exc}): {url!r}", retryable=False) from exc
    if target is None or target.scheme not in ("https", "http") or not target.host:
        raise DeliveryError(f"a webhook URL must be http(s)://host/..., got {url!r}", retryable=False)
    return target


class WebhookSender:
    """POSTs signed events; one per process (its connections are pooled), :meth:`close` it."""

    def __init__(self, *, timeout_s: float = 10.0, client: httpx.AsyncClient | None = None,
                 user_agent: str = "Frontdesk-Webhooks/1") -> None:
        """Args:
            timeout_s: the most one delivery may take, connecting included.
            client: an HTTP client to use instead of the sender's own (not closed here).
            user_agent: the ``User-Agent`` header.
        """
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        self._owned = client is None
        # Redirects are not followed: a signed event goes only where it was addressed.
        self._client = client or httpx.AsyncClient(timeout=timeout_s, follow_redirects=False)
        self._timeout_s = timeout_s
        self._user_agent = user_agent

    async def post(self, url: str, secret: str, event: str, payload: dict[str, Any], *,
                   delivery_id: str | None = None, created_at: datetime | None = None) -> int:
        """Send one event.

        The body is ``{"id", "event", "created_at", "data"}``; the headers
        ``Frontdesk-Signature``, ``Frontdesk-Event`` and ``Frontdesk-Delivery`` (the id).

        Args:
            url: the receiver, ``https://`` (or ``http://`` on a trusted network).
            secret: the receiver's shared secret.
            event: the event's name, e.g. ``appointment.booked``.
            payload: the event's data; must be JSON-serialisable.
            delivery_id: keep it across retries of one delivery (the job's id) so the receiver
                can drop duplicates; a new ``dlv_…`` id when None.
            created_at: when the event happened (now when None).

        Returns:
            The receiver's 2xx status.

        Raises:
            DeliveryError: not delivered; ``retryable`` for timeouts, connection errors, 408,
                425, 429 and 5xx; not for 410 Gone, other 4xx, redirects or bad input.
        """
        target = _target(url)
        if not isinstance(event, str) or not event:
            raise DeliveryError("a webhook needs an event name", retryable=False)
        if not isinstance(payload, dict):
            raise DeliveryError(f"a webhook payload must be a dict, got {type(payload).__name__}",
                                retryable=False)
        if not isinstance(secret, str) or not secret:
            raise DeliveryError("a webhook needs its endpoint's secret", retryable=False)
        delivery_id = delivery_id or f"dlv_{uuid.uuid4().hex}"
        created = (created_at or datetime.now(UTC)).astimezone(UTC)
        envelope = {"id": delivery_id, "event": event,
                    "created_at": created.isoformat().replace("+00:00", "Z"), "data": payload}
        try:
            body = json.dumps(envelope, separators=(",", ":"), ensure_ascii=False,
                              allow_nan=False).encode()
        except (TypeError, ValueError) as exc:
            raise DeliveryError(f"the webhook payload is not JSON: {exc}", retryable=False) from exc
        headers = {"Content-Type": "application/json", "User-Agent": self._user_agent,
                   SIGNATURE_HEADER: sign(secret, int(time.time()), body),
                   EVENT_HEADER: event, DELIVERY_HEADER: delivery_id}
        where = {"event": event, "delivery_id": delivery_id, "host": target.host}
        try:
            response = await self._client.post(target, content=body, headers=headers,
                                               timeout=self._timeout_s)
        except httpx.TimeoutException as exc:
            raise DeliveryError(f"the webhook receiver did not answer within {self._timeout_s} s",
                                retryable=True) from exc
        except httpx.TransportError as exc:
            raise DeliveryError(f"the webhook receiver is unreachable: {type(exc).__name__}: {exc}",
                                retryable=True) from exc
        status = response.status_code
        if 200 <= status < 300:
            log.info("webhook delivered", extra={**where, "status": status})
            return status
        log.warning("webhook refused", extra={**where, "status": status})
        if status == 410:
            detail = "the webhook receiver is gone (410): stop sending to it"
        elif 300 <= status < 400:
            detail = (f"the webhook receiver redirected ({status}) to "
                      f"{response.headers.get('location', '?')}; redirects are not followed")
        else:
            detail = f"the webhook receiver answered {status}: {response.text[:200]}"
        raise DeliveryError(detail, retryable=retryable_http_status(status), status_code=status)

    async def close(self) -> None:
        if self._owned:
            await self._client.aclose()

    async def __aenter__(self) -> WebhookSender:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
