"""The inbound SMS webhook: STOP/START/HELP keywords, signed as Twilio signs them, on SQLite and
PostgreSQL."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import TwilioSettings
from frontdesk.telephony.signature import sign
from tests.conftest import fixed_clock
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, TWILIO_NUMBER

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

CUSTOMER = "+15125550142"
REAL_ESTATE_NUMBER = "+15125550200"
EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response />'


class Sms:
    """Twilio's side: posts signed inbound messages to ``/twilio/sms``."""

    def __init__(self, http: httpx.AsyncClient, services) -> None:
        self.http = http
        self.opt_outs = services.sms_opt_outs

    async def text(self, body: str, *, sender: str = CUSTOMER, to: str = TWILIO_NUMBER,
                   query: str = "", signature: str | None = None) -> httpx.Response:
        params = {"MessageSid": "SM" + "1" * 32, "AccountSid": ACCOUNT_SID, "From": sender,
                  "To": to, "Body": body, "NumMedia": "0"}
        url = f"http://test/twilio/sms{query}"
        headers = {"X-Twilio-Signature": signature if signature is not None
                   else sign(AUTH_TOKEN, url, params)}
        return await self.http.post(url, data=params, headers=headers)


@pytest.fixture
async def sms(settings):
    settings = settings.model_copy(update={"twilio": TwilioSettings(
        account_sid=ACCOUNT_SID, auth_token=AUTH_TOKEN, from_number=TWILIO_NUMBER,
        api_base_url="http://127.0.0.1:9")})
    app = create_app(settings, clock=fixed_clock)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=transport, base_url="http://test") as http:
        yield Sms(http, app.state.services)


@pytest.mark.parametrize("stop", ["STOP", "stop", "  Stop \n", "STOPALL", "unsubscribe",
                                  "CANCEL", "end", "Quit"])
async def test_stop_words_opt_out_and_start_words_opt_back_in(sms, stop) -> None:
    response = await sms.text(stop)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert response.text == EMPTY
    assert await sms.opt_outs.is_opted_out("dealership", CUSTOMER)
    for start in ("START", "unstop", " yes "):
        assert (await sms.text(start)).text == EMPTY
        assert not await sms.opt_outs.is_opted_out("dealership", CUSTOMER)
        await sms.text("STOP")


async def test_the_business_is_the_one_whose_number_was_texted(sms) -> None:
    await sms.text("STOP", to=REAL_ESTATE_NUMBER)
    assert await sms.opt_outs.is_opted_out("real_estate", CUSTOMER)
    assert not await sms.opt_outs.is_opted_out("dealership", CUSTOMER)
    # ?profile= wins; an unknown number falls back to the default profile.
    await sms.text("STOP", to=REAL_ESTATE_NUMBER, query="?profile=dealership")
    assert await sms.opt_outs.is_opted_out("dealership", CUSTOMER)
    await sms.text("STOP", sender="+15125550143", to="+15125559999")
    assert await sms.opt_outs.is_opted_out("dealership", "+15125550143")


@pytest.mark.parametrize("word", ["HELP", "help", " Info "])
async def test_help_is_answered_with_the_business_name_and_phone(sms, word) -> None:
    response = await sms.text(word, to=REAL_ESTATE_NUMBER)
    assert response.status_code == 200
    assert response.text == ('<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
                             "Lakeside Realty: for help, call us at (512) 555-0200. Reply STOP "
                             "to stop texts.</Message></Response>")
    assert not await sms.opt_outs.is_opted_out("real_estate", CUSTOMER)


@pytest.mark.parametrize("body", ["please stop texting me", "STOP!", "Can I move my oil change?",
                                  "", "yes please"])
async def test_other_texts_change_nothing_and_get_no_reply(sms, body) -> None:
    response = await sms.text(body)
    assert (response.status_code, response.text) == (200, EMPTY)
    assert not await sms.opt_outs.is_opted_out("dealership", CUSTOMER)


async def test_an_unsigned_or_forged_message_is_refused(sms) -> None:
    assert (await sms.text("STOP", signature="")).status_code == 403
    assert (await sms.text("STOP", signature="bm90IGEgc2lnbmF0dXJl")).status_code == 403
    assert not await sms.opt_outs.is_opted_out("dealership", CUSTOMER)


@pytest.mark.parametrize("sender", ["", "5125550142", "Riverside", "+1 512 555 0142"])
async def test_a_sender_that_is_not_a_number_is_a_400(sms, sender) -> None:
    response = await sms.text("STOP", sender=sender)
    assert response.status_code == 400 and "E.164" in response.json()["detail"]


async def test_an_unknown_profile_is_logged_and_left_unanswered(sms) -> None:
    response = await sms.text("STOP", query="?profile=bakery")
    assert (response.status_code, response.text) == (200, EMPTY)
    assert not await sms.opt_outs.is_opted_out("dealership", CUSTOMER)


async def test_the_log_says_what_happened_without_the_number_or_the_text(sms, emitted) -> None:
    lines = emitted("INFO", fmt="json")
    await sms.text("STOP")
    await sms.text("Can I move my oil change to Friday?")
    text = "\n".join(lines())
    assert "sms opt-out recorded" in text and "inbound text message left unanswered" in text
    assert '"keyword": "opt_out"' in text and '"profile": "dealership"' in text
    assert CUSTOMER not in text and "oil change to Friday" not in text
