"""The brain's ``LanguageAssist`` port, served by an OpenAI-compatible model.

Every use is guarded the same way (:class:`ModelGate`): a concurrency limit for the model
server, the circuit breaker (5 failures → open 60 s → half-open), and a time budget per turn
(``voice_budget_s`` on calls, ``text_budget_s`` on text). Then each use checks what came back:

- understanding — a ``caller_intent`` tool call, validated against a pydantic schema and the
  allowed intents; anything else is discarded;
- grounded answers — every number, weekday and name must be in the business's facts;
- rephrasing — every fact of the original must survive, none may be added;
- summaries — capped and cleaned; the outcome itself stays deterministic.

Answers are cached (:class:`~frontdesk.llm.cache.ResponseCache`) by model, prompt and the
facts they depend on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from frontdesk.brain.ports import IntentGuess
from frontdesk.brain.state import ConversationState
from frontdesk.config import LLMSettings
from frontdesk.knowledge.profile import BusinessProfile
from frontdesk.llm import checks
from frontdesk.llm.cache import ResponseCache, cache_key
from frontdesk.llm.client import ChatClient, LLMError
from frontdesk.llm.prompts import business_facts, estimate_tokens, history, known_slots, template
from frontdesk.logs import personal
from frontdesk.resilience import CircuitBreaker
from frontdesk.spoken import SentenceChunker, cap_words, strip_markdown

log = logging.getLogger(__name__)
T = TypeVar("T")
_VOICE = {"voice", "phone", "web"}


@dataclass
class AssistStats:
    calls: int = 0
    used: int = 0
    """Model output that passed its checks and was used."""
    rejected: int = 0
    """Output that failed validation or a fact check (the deterministic reply was kept)."""
    timeouts: int = 0
    errors: int = 0
    breaker_open: int = 0
    by_error: dict[str, int] = field(default_factory=dict)
    prompt_tokens: dict[str, int] = field(default_factory=dict)
    """Estimated tokens of the last rendered prompt per use."""


class ModelGate:
    """Concurrency limit + circuit breaker + time budget around one model request."""

    def __init__(self, max_concurrent: int, breaker: CircuitBreaker, stats: AssistStats) -> None:
        self._slots = asyncio.Semaphore(max_concurrent)
        self._breaker = breaker
        self._stats = stats

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    async def run(self, request: Callable[[], Awaitable[T]], budget_s: float) -> T | None:
        self._stats.calls += 1
        if not self._breaker.allow():
            self._stats.breaker_open += 1
            return None
        try:
            async with asyncio.timeout(budget_s):
                async with self._slots:
                    result = await request()
        except TimeoutError:
            self._stats.timeouts += 1
            self._breaker.record_failure()
            return None
        except LLMError as exc:
            self._count_error(exc.category)
            log.warning("language model failed", extra={"error": str(exc)})
            return None
        except Exception:  # a bug here must cost the model's help, never the caller's turn
            self._count_error("internal")
            log.exception("language model request failed unexpectedly")
            return None
        self._breaker.record_success()
        return result

    def _count_error(self, kind: str) -> None:
        self._stats.errors += 1
        self._stats.by_error[kind] = self._stats.by_error.get(kind, 0) + 1
        self._breaker.record_failure()


class _Slots(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = Field(default=None, max_length=80)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=120)
    date: dt.date | None = None
    time: dt.time | None = None
    service: str | None = Field(default=None, max_length=80)


class _IntentCall(BaseModel):
    model_config = ConfigDict(extra="ignore")
    intent: str
    slots: _Slots = _Slots()


def _intent_tool(intents: list[str]) -> dict[str, Any]:
    return {"type": "function", "function": {
        "name": "caller_intent",
        "description": "What the caller wants, and any details they stated.",
        "parameters": {"type": "object", "required": ["intent"], "properties": {
            "intent": {"type": "string", "enum": intents},
            "slots": {"type": "object", "properties": {
                "name": {"type": "string"}, "phone": {"type": "string"},
                "email": {"type": "string"}, "date": {"type": "string", "format": "date"},
                "time": {"type": "string", "description": "HH:MM, 24-hour"},
                "service": {"type": "string"}}}}}}}


class LLMAssist:
    def __init__(self, settings: LLMSettings, client: ChatClient, cache: ResponseCache) -> None:
        self._settings = settings
        self._client = client
        self.cache = cache
        self.stats = AssistStats()
        self.gate = ModelGate(settings.max_concurrent,
                              CircuitBreaker(failure_threshold=5, open_s=60.0), self.stats)

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> LLMAssist:
        return cls(settings, ChatClient(settings),
                   ResponseCache(settings.cache_entries, settings.cache_ttl_s, settings.redis_url))

    @property
    def client(self) -> ChatClient:
        return self._client

    def snapshot(self) -> dict[str, Any]:
        """Counters for ``GET /api/llm``."""
        return {"model": self._client.model, "breaker": self.gate.breaker.state.value,
                "cache": self.cache.stats.as_dict(), "calls": self.stats.calls,
                "used": self.stats.used, "rejected": self.stats.rejected,
                "timeouts": self.stats.timeouts, "errors": self.stats.errors,
                "errors_by_kind": dict(self.stats.by_error),
                "skipped_breaker_open": self.stats.breaker_open,
                "prompt_tokens": dict(self.stats.prompt_tokens)}

    def _budget(self, state: ConversationState) -> float:
        if state.channel in _VOICE:
            return self._settings.voice_budget_s
        return self._settings.text_budget_s

    def _history(self, state: ConversationState) -> str:
        return history(state, self._settings.context_tokens // 2)

    def _messages(self, name: str, **values: object) -> list[dict[str, str]]:
        messages = template(name).render(**values)
        self.stats.prompt_tokens[name] = sum(estimate_tokens(m["content"]) for m in messages)
        return messages

    async def _cached_text(self, purpose: str, key_payload: Any, messages: list[dict[str, str]],
                           budget_s: float) -> str | None:
        key = cache_key(self._client.model, purpose, key_payload)
        cached = await self.cache.get(key)
        if cached is not None:
            return cached

        async def ask() -> str:
            completion = await self._client.complete(messages, first_token_s=budget_s)
            chunker = SentenceChunker()
            sentences = chunker.feed(completion.text) + chunker.flush()
            return " ".join(sentences)

        text = await self.gate.run(ask, budget_s)
        if text:
            await self.cache.put(key, text)
        return text

    # --- the port ---------------------------------------------------------------------------

    async def understand(self, text: str, *, profile: BusinessProfile, state: ConversationState,
                         intents: list[str], today: dt.date) -> IntentGuess | None:
        if not self._settings.understand:
            return None
        messages = self._messages(
            "understand", agent=profile.agent_name, business=profile.name,
            intents=", ".join(intents), today=f"{today:%A} {today.isoformat()}",
            awaiting=state.awaiting or "nothing in particular", history=self._history(state),
            text=text)
        budget = self._budget(state)

        async def ask():
            return await self._client.complete(messages, tools=[_intent_tool(intents)],
                                               first_token_s=budget)

        completion = await self.gate.run(ask, budget)
        if completion is None:
            return None
        call = next((c for c in completion.tool_calls if c.name == "caller_intent"), None)
        try:
            parsed = _IntentCall.model_validate(json.loads(call.arguments)) if call else None
        except (ValueError, ValidationError):
            parsed = None
        if parsed is None or parsed.intent not in intents:
            self.stats.rejected += 1
            return None
        self.stats.used += 1
        slots = {k: (v.isoformat() if hasattr(v, "isoformat") else str(v))
                 for k, v in parsed.slots.model_dump().items() if v not in (None, "")}
        if "time" in slots:
            slots["time"] = slots["time"][:5]
        return IntentGuess(parsed.intent, slots)

    async def answer(self, question: str, *, profile: BusinessProfile,
                     state: ConversationState) -> str | None:
        if not self._settings.answer:
            return None
        facts = business_facts(profile)
        messages = self._messages("answer", agent=profile.agent_name, business=profile.name,
                                  facts=facts, history=self._history(state), question=question)
        text = await self._cached_text("answer", [profile.key, facts, question.lower().strip()],
                                       messages, self._budget(state))
        if not text:
            return None
        if "NOANSWER" in re.sub(r"[^A-Z]", "", text.upper()):  # however it was punctuated
            return None
        missing = checks.unsupported(text, f"{facts} {profile.name} {profile.agent_name}")
        if missing:
            self.stats.rejected += 1
            log.info("model answer rejected: facts not in the profile",
                     extra=personal(unsupported=sorted(missing)))
            return None
        self.stats.used += 1
        return text

    async def rephrase(self, reply: str, *, profile: BusinessProfile,
                       state: ConversationState) -> str | None:
        if not self._settings.rephrase:
            return None
        messages = self._messages("rephrase", agent=profile.agent_name, business=profile.name,
                                  reply=reply, max_words=150)
        text = await self._cached_text("rephrase", [profile.key, reply], messages,
                                       self._budget(state))
        if not text:
            return None
        if not checks.keeps_facts(reply, text, f"{profile.name} {profile.agent_name}"):
            self.stats.rejected += 1
            return None
        self.stats.used += 1
        return text

    async def summarise(self, *, profile: BusinessProfile, state: ConversationState) -> str | None:
        if not self._settings.summarise or not state.messages:
            return None
        messages = self._messages("summary", business=profile.name, outcome=state.outcome,
                                  recorded=known_slots(state) or "none",
                                  history=history(state, self._settings.context_tokens, 40))
        completion = await self.gate.run(
            lambda: self._client.complete(messages), self._settings.text_budget_s)
        if completion is None or not completion.text.strip():
            return None
        self.stats.used += 1
        return cap_words(strip_markdown(completion.text), 80)

    async def close(self) -> None:
        await self._client.close()
        await self.cache.close()
