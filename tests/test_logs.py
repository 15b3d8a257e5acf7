"""The one logging pipeline, read from the lines it writes."""

from __future__ import annotations

import json
import logging

import pytest
from loguru import logger as loguru_logger

from frontdesk.logs import REDACTED, conversation, personal

PHONE = "+15125550142"


def _json(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


def test_json_lines_carry_the_conversation_and_redact_personal_data(emitted) -> None:
    lines = emitted("INFO")
    log = logging.getLogger("frontdesk.test")
    log.info("before any call")
    with conversation("sess_abc"):
        log.info("keypad pressed", extra={"call_sid": "CA1", **personal(key="5", to=PHONE)})
        log.debug("too detailed")
        loguru_logger.info("a Pipecat line that names " + PHONE + " and tom@example.com")
        loguru_logger.debug("a Pipecat debug line")
        logging.getLogger("uvicorn.access").info("%s - %s", "127.0.0.1:5000", "GET /health")
        try:
            raise ValueError(f"cannot call {PHONE}")
        except ValueError:
            log.exception("call failed")
    out = _json(lines())
    assert [line["message"] for line in out] == [
        "before any call", "keypad pressed",
        f"a Pipecat line that names {REDACTED} and {REDACTED}",
        "127.0.0.1:5000 - GET /health", "call failed"]
    assert "conversation_id" not in out[0]
    assert {line["conversation_id"] for line in out[1:]} == {"sess_abc"}
    assert out[1]["call_sid"] == "CA1" and out[1]["personal"] == {"key": REDACTED, "to": REDACTED}
    assert out[1]["level"] == "info" and out[1]["logger"] == "frontdesk.test"
    assert out[2]["logger"] == "tests.test_logs"  # loguru's module name, as Pipecat's would be
    assert "ValueError" in out[4]["exception"] and PHONE not in out[4]["exception"]
    assert PHONE not in "\n".join(lines())


def test_personal_data_when_the_setting_is_on(emitted) -> None:
    lines = emitted("DEBUG", personal_data=True)
    with conversation("sess_abc"):
        logging.getLogger("frontdesk.test").info("keypad pressed", extra=personal(key="5"))
        loguru_logger.debug("Pipecat at debug, " + PHONE)
    out = _json(lines())
    assert out[0]["personal"] == {"key": "5"}
    assert out[1]["message"] == f"Pipecat at debug, {PHONE}"


def test_text_lines_for_a_terminal(emitted) -> None:
    lines = emitted("WARNING", fmt="text")
    with conversation("sess_abc"):
        logging.getLogger("frontdesk.test").info("hidden at WARNING")
        logging.getLogger("frontdesk.test").warning("hang-up failed", extra={"call_sid": "CA1"})
        loguru_logger.info("hidden too")
    [line] = lines()
    assert "WARNING" in line and "frontdesk.test  hang-up failed" in line
    assert line.endswith("conversation_id=sess_abc  call_sid=CA1")


async def test_a_conversation_logs_its_id_and_never_the_callers_number(emitted, settings) -> None:
    """Every line of a conversation's work (service, brain, storage) carries its id; the
    do-not-call refusal used to put the phone number in its message."""
    from frontdesk.app import build_runtime
    from frontdesk.conversations.service import DoNotCallError
    from tests.conftest import fixed_clock

    runtime = await build_runtime(settings, clock=fixed_clock)
    try:
        lines = emitted("INFO")
        conversations = runtime.conversations
        sid = (await conversations.create("dealership", caller_phone=PHONE)).state.conversation_id
        await conversations.chat(sid, "Please stop calling me.")
        with pytest.raises(DoNotCallError) as refused:
            await conversations.create("dealership", direction="outbound", caller_phone=PHONE)
        assert PHONE not in str(refused.value)
        out = _json(lines())
    finally:
        await runtime.close()
    mine = [line for line in out if line.get("conversation_id") == sid]
    assert [line["message"] for line in mine] == ["conversation started", "conversation turn"]
    assert mine[1]["intent"] == "do_not_call" and mine[1]["ended"] is True
    assert PHONE not in json.dumps(out) and "5125550142" not in json.dumps(out)
