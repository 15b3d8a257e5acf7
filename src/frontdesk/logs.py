"""One logging pipeline for the whole process: Frontdesk's lines, uvicorn's and Pipecat's.

- Every line goes through the standard library's ``logging``; Pipecat logs with loguru, whose
  lines are handed to ``logging`` under their module's name. ``FRONTDESK_LOG_LEVEL`` applies to
  all of them.
- A line is one JSON object (``FRONTDESK_LOG_FORMAT=json``, the default when stderr is not a
  terminal) or a readable line for a person at a terminal (``text``). Both print every field
  passed in ``extra``.
- The conversation a line belongs to is bound by :func:`conversation` (a context variable):
  every line emitted inside a call or a request about one conversation carries its
  ``conversation_id``, Pipecat's included, without anyone passing it along.
- Personal data — phone numbers, emails, names, keypad digits, transcripts — goes only into
  the fields of :func:`personal` and reads ``[redacted]`` unless ``FRONTDESK_LOG_PERSONAL_DATA``
  is on. As a safety net for lines we do not write (libraries, exception texts), phone numbers
  and emails in a message or field are redacted too, and the debug lines of libraries that echo
  payloads (WebSocket frames, SQL parameters) are left out.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import IO, Any, Literal

PERSONAL = "personal"
"""The ``extra`` key holding a line's personal data (see :func:`personal`)."""
REDACTED = "[redacted]"

_conversation_id: ContextVar[str | None] = ContextVar("conversation_id", default=None)

# Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName",
    "color_message",  # uvicorn's ANSI-coloured copy of the message
}
_WIRE_LOGGERS = ("websockets", "uvicorn.error", "uvicorn.protocols", "aiosqlite", "asyncpg",
                 "httpcore", "hpack")
"""Libraries whose debug lines echo what passes through them: WebSocket frames (caller audio,
keypad digits), SQL parameters (transcripts, names), request bodies."""
_PHONE = re.compile(r"\+\d{10,15}\b|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def personal(**fields: Any) -> dict[str, Any]:
    """``extra`` for personal data: ``log.info("keypad pressed", extra=personal(key="5"))``.

    Combine with other fields as ``extra={"call_sid": sid, **personal(to=number)}``.
    """
    return {PERSONAL: fields}


@contextlib.contextmanager
def conversation(conversation_id: str | None) -> Iterator[None]:
    """Tag every line logged inside the block (and in tasks started from it) with this id."""
    token = _conversation_id.set(conversation_id)
    try:
        yield
    finally:
        _conversation_id.reset(token)


def bind_conversation(conversation_id: str | None) -> None:
    """Tag the rest of the current task's lines (a request handler: the task ends with it)."""
    _conversation_id.set(conversation_id)


def current_conversation() -> str | None:
    return _conversation_id.get()


def scrub(text: str) -> str:
    """Phone numbers and emails in free text, redacted."""
    return _EMAIL.sub(REDACTED, _PHONE.sub(REDACTED, text))


class _Fields(logging.Filter):
    """Adds the bound conversation id and redacts personal data, before any formatter runs."""

    def __init__(self, personal_data: bool) -> None:
        super().__init__()
        self.personal_data = personal_data

    def filter(self, record: logging.LogRecord) -> bool:
        if (not self.personal_data and record.levelno <= logging.DEBUG
                and record.name.startswith(_WIRE_LOGGERS)):
            return False  # payload traces: only with personal data allowed in the log
        if getattr(record, "conversation_id", None) is None:
            record.conversation_id = _conversation_id.get()
        if not self.personal_data:
            data = getattr(record, PERSONAL, None)
            if isinstance(data, dict):
                setattr(record, PERSONAL, dict.fromkeys(data, REDACTED))
            record.msg = scrub(record.getMessage())
            record.args = None
            for key, value in _fields(record).items():
                if isinstance(value, str) and key != PERSONAL:
                    setattr(record, key, scrub(value))
            if record.exc_info and not record.exc_text:
                record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items()
            if k not in _STANDARD and k != "conversation_id" and v is not None}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, conversation_id, then the fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "conversation_id", None):
            line["conversation_id"] = record.conversation_id
        line.update(_fields(record))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``12:00:00.123 INFO  frontdesk.voice.control  message  conversation_id=… key=value``."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S.%f")[:-3]
        parts = [f"{when} {record.levelname:<7} {record.name}  {record.getMessage()}"]
        if getattr(record, "conversation_id", None):
            parts.append(f"conversation_id={record.conversation_id}")
        parts += [f"{k}={v}" for k, v in _fields(record).items()]
        text = "  ".join(parts)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        return f"{text}\n{record.exc_text}" if record.exc_text else text


def _from_loguru(message: Any) -> None:
    """A loguru sink: the line goes on through ``logging`` under its module's name."""
    record = message.record
    level = record["level"].no
    logger = logging.getLogger(record["name"] or "loguru")
    if not logger.isEnabledFor(level):
        return
    exc = record["exception"]
    log_record = logger.makeRecord(
        logger.name, level, record["file"].path, record["line"], record["message"], None,
        (exc.type, exc.value, exc.traceback) if exc else None, record["function"])
    logger.handle(log_record)


def configure_logging(level: str = "INFO", *, fmt: Literal["auto", "json", "text"] = "auto",
                      personal_data: bool = False, stream: IO[str] | None = None) -> None:
    """Send every line of the process (ours, uvicorn's, Pipecat's) through one handler.

    Call it once, at the entry point, before Pipecat is imported (its import logs a banner).
    """
    stream = stream or sys.stderr
    if fmt == "auto":
        fmt = "text" if getattr(stream, "isatty", lambda: False)() else "json"
    handler = logging.StreamHandler(stream)
    handler.addFilter(_Fields(personal_data))
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "fastapi"):
        named = logging.getLogger(name)
        named.handlers.clear()
        named.propagate = True
        named.setLevel(logging.NOTSET)

    from loguru import logger as loguru_logger

    loguru_logger.remove()
    loguru_logger.add(_from_loguru, level=logging.getLevelName(root.level), format="{message}")
