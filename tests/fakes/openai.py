"""A local OpenAI-compatible chat server speaking the real streaming protocol, with faults.

``POST /v1/chat/completions`` (``stream: true``) answers in server-sent events —
``data: {chat.completion.chunk}`` lines and ``data: [DONE]`` — with content deltas and
tool-call fragments, as OpenAI, Ollama's ``/v1``, vLLM and llama.cpp do. ``GET /api/tags`` is
Ollama's native model list.

It behaves like a decent small model: it reads the prompt's role from the system message,
answers FAQ-style questions from the facts it was given (``NO_ANSWER`` otherwise), classifies
unclear messages with a ``caller_intent`` tool call, rewords replies keeping their facts and
writes short summaries. ``mode`` switches in a fault for the following requests: slow,
http500, http429, malformed, bad_tool_json, hallucinate, wrong_intent.
"""

from __future__ import annotations

import asyncio
import json
import re

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

MODEL = "llama3.1:8b"
_WORDS = re.compile(r"[a-z]+")
_STOP = {"the", "a", "an", "do", "you", "your", "is", "are", "what", "how", "can", "i", "my",
         "of", "to", "for", "in", "on", "we", "our", "it", "and", "or", "does", "there", "any",
         "have", "be", "me", "about", "with"}


def _chunk(delta: dict, finish: str | None = None) -> str:
    return "data: " + json.dumps({
        "id": "chatcmpl-fake", "object": "chat.completion.chunk", "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}) + "\n\n"


def _keywords(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if w not in _STOP and len(w) > 2}


class FakeOpenAI:
    def __init__(self) -> None:
        self.mode = "ok"
        self.first_token_delay_s = 0.0
        self.token_delay_s = 0.0
        self.requests: list[dict] = []
        self.app = FastAPI()
        self.app.post("/v1/chat/completions")(self._completions)
        self.app.get("/api/tags")(self._tags)

    async def _tags(self):
        return {"models": [{"name": MODEL, "model": MODEL}]}

    async def _completions(self, request: Request):
        body = await request.json()
        self.requests.append(body)
        if self.mode == "http500":
            return JSONResponse({"error": {"message": "internal error"}}, status_code=500)
        if self.mode == "http429":
            return JSONResponse({"error": {"message": "rate limited"}}, status_code=429)
        system = body["messages"][0]["content"]
        user = body["messages"][-1]["content"]
        if body.get("tools"):
            events = self._tool_events(user, body["tools"][0]["function"]["parameters"])
        else:
            events = [_chunk({"content": piece}) for piece in self._words(self._text(system, user))]
        return StreamingResponse(self._stream(events), media_type="text/event-stream")

    async def _stream(self, events: list[str]):
        if self.mode == "slow" or self.first_token_delay_s:
            await asyncio.sleep(self.first_token_delay_s or 5.0)
        yield _chunk({"role": "assistant", "content": ""})
        for event in events:
            if self.token_delay_s:
                await asyncio.sleep(self.token_delay_s)
            yield event
        if self.mode == "malformed":
            yield "data: {\"choices\": [{\"delta\": {\"content\": \"oops\"\n\n"
        yield _chunk({}, finish="stop")
        yield "data: [DONE]\n\n"

    @staticmethod
    def _words(text: str) -> list[str]:
        return re.findall(r"\S+\s*", text)

    # --- a decent small model -----------------------------------------------------------------

    def _text(self, system: str, user: str) -> str:
        question = user.rsplit("Caller:", 1)[-1].strip()
        if "Answer the caller's question" in system:
            if self.mode == "hallucinate":
                return "Sure! An oil change is just $19.99 this week, and we open at 6 AM."
            return self._answer(system, question)
        if "Reword the reply" in system:
            if self.mode == "hallucinate":  # a "rewording" that moves the appointment
                return "Happy to help. " + re.sub(r"\d+", "9", user)
            return f"Happy to help. {user}"
        if "call notes" in system:
            return "**Caller** asked about their request; follow up as agreed."
        return "NO_ANSWER"

    @staticmethod
    def _answer(system: str, question: str) -> str:
        wanted = _keywords(question)
        best, score = None, 0
        for line in system.splitlines():
            if not line.startswith("Q: ") or " A: " not in line:
                continue
            q, a = line[3:].split(" A: ", 1)
            overlap = len(wanted & _keywords(q))
            if overlap > score:
                best, score = a, overlap
        return best if best and score >= 1 else "NO_ANSWER"

    def _tool_events(self, user: str, schema: dict) -> list[str]:
        text = user.rsplit("Caller:", 1)[-1].strip().lower()
        allowed = schema["properties"]["intent"]["enum"]
        if self.mode == "wrong_intent":
            arguments = json.dumps({"intent": "do_not_call"})
        elif self.mode == "bad_tool_json":
            arguments = '{"intent": "book", "slots": {"date": '
        else:
            intent = "faq" if text.endswith("?") else "provide_info"
            if any(w in text for w in ("person", "human", "living soul", "representative")):
                intent = "escalation"
            arguments = json.dumps({"intent": intent if intent in allowed else allowed[0],
                                    "slots": {}})
        half = len(arguments) // 2
        return [
            _chunk({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                    "function": {"name": "caller_intent", "arguments": ""}}]}),
            _chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[:half]}}]}),
            _chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[half:]}}]}),
        ]
