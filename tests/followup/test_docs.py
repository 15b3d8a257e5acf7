"""The signature check in docs/follow-through.md runs, and agrees with ``verify``."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import pytest

from frontdesk.followup.webhooks import WebhookSender, sign, verify

DOC = Path(__file__).parents[2] / "docs" / "follow-through.md"
SECRET = "whsec_doc"


@pytest.fixture(scope="module")
def documented():
    """The doc's ``verify_frontdesk_signature``, executed from its Python block."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    [snippet] = [b for b in blocks if "def verify_frontdesk_signature" in b]
    namespace: dict = {}
    exec(compile(snippet, str(DOC), "exec"), namespace)
    return namespace["verify_frontdesk_signature"]


def _cases() -> list[tuple[str, bytes]]:
    body, now = b'{"id":"dlv_1","event":"appointment.booked","data":{"n":"\xc3\xa9"}}', int(time.time())
    good = sign(SECRET, now, body)
    other = sign("another", now, body)
    return [
        (good, body), (good, body + b" "), (good, body.replace(b"1", b"2")),
        (sign(SECRET, now - 301, body), body), (sign(SECRET, now + 301, body), body),
        (sign(SECRET, now - 200, body), body), (f"{other},{good.split(',')[1]}", body),
        (other, body), (good.replace("t=", "t=0"), body), (f"{good},t={now}", body),
        (good.split(",")[1], body), (good.split(",")[0], body), ("garbage", body), ("", body),
        (f"t={now},v1=é", body), (f"t=x{now},{good.split(',')[1]}", body),
    ]


def test_the_documented_check_is_the_same_as_verify(documented) -> None:
    results = [(documented(SECRET, header, body), verify(SECRET, header, body))
               for header, body in _cases()]
    assert [ours for ours, _ in results] == [theirs for _, theirs in results]
    assert results[0] == (True, True) and results[1] == (False, False)


async def test_the_documented_check_accepts_what_the_sender_sends(documented) -> None:
    captured: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        captured.append(request)
        return httpx.Response(200)

    async with httpx.AsyncClient(transport=httpx.MockTransport(receive)) as client:
        await WebhookSender(client=client).post("https://crm.example/hooks", SECRET,
                                                "appointment.booked", {"name": "Zoë"})
    [request] = captured
    assert documented(SECRET, request.headers["Frontdesk-Signature"], request.content)
