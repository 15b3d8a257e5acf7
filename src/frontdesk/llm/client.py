"""One OpenAI-compatible chat client: Ollama's ``/v1``, vLLM, llama.cpp server, LM Studio, OpenAI.

``POST {base_url}/chat/completions`` with ``stream: true``; the reply arrives as server-sent
events (``data: {json}`` lines, ``data: [DONE]`` at the end) carrying content deltas and
tool-call fragments. Separate limits on connecting and on the first token; every failure is a
:class:`LLMError` with a category, never a hang.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from frontdesk.config import LLMSettings

log = logging.getLogger(__name__)


class LLMError(Exception):
    """``category``: connect, timeout, http, rate_limited, protocol."""

    def __init__(self, category: str, message: str) -> None:
        super().__init__(f"{category}: {message}")
        self.category = category


@dataclass(slots=True)
class ToolCall:
    name: str
    arguments: str
    """Raw JSON text as the model produced it (validate before use)."""


@dataclass(slots=True)
class Delta:
    """One streamed piece: content text, or a tool call completed at the end."""

    text: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)


@dataclass(slots=True)
class Completion:
    text: str
    tool_calls: list[ToolCall]
    first_token_ms: float
    total_ms: float


class ChatClient:
    """Shared by every conversation of the process (one pooled HTTP client)."""

    def __init__(self, settings: LLMSettings, http: httpx.AsyncClient | None = None) -> None:
        self._settings = settings
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self._http = http or httpx.AsyncClient(
            base_url=settings.base_url.rstrip("/"), headers=headers,
            timeout=httpx.Timeout(settings.total_timeout_s, connect=settings.connect_timeout_s))

    @property
    def model(self) -> str:
        return self._settings.model

    async def stream(self, messages: list[dict[str, Any]], *,
                     tools: list[dict[str, Any]] | None = None,
                     max_tokens: int | None = None) -> AsyncIterator[Delta]:
        """Yield content as it arrives; tool calls are yielded once complete, at the end."""
        body: dict[str, Any] = {
            "model": self._settings.model, "messages": messages, "stream": True,
            "temperature": self._settings.temperature,
            "max_tokens": max_tokens or self._settings.max_tokens}
        if tools:
            body["tools"] = tools
            body["tool_choice"] = "auto"
        try:
            async with self._http.stream("POST", "/chat/completions", json=body) as response:
                if response.status_code == 429:
                    raise LLMError("rate_limited", "the model server is busy (429)")
                if response.status_code >= 400:
                    detail = (await response.aread())[:200].decode("utf-8", "replace")
                    raise LLMError("http", f"HTTP {response.status_code}: {detail}")
                calls: dict[int, dict[str, str]] = {}
                async for data in _sse_data(response):
                    if data == "[DONE]":
                        break
                    chunk = _parse_chunk(data)
                    for choice in chunk.get("choices") or []:
                        delta = choice.get("delta") or {}
                        text = delta.get("content")
                        if isinstance(text, str) and text:
                            yield Delta(text=text)
                        for call in delta.get("tool_calls") or []:
                            _merge_tool_call(calls, call)
                if calls:
                    yield Delta(tool_calls=[ToolCall(c["name"], c["arguments"])
                                            for _, c in sorted(calls.items())])
        except httpx.ConnectError as exc:
            raise LLMError("connect", f"cannot reach {self._settings.base_url}: {exc}") from exc
        except httpx.TimeoutException as exc:
            raise LLMError("timeout", f"no answer in time: {exc!r}") from exc
        except httpx.HTTPError as exc:
            raise LLMError("protocol", f"{type(exc).__name__}: {exc}") from exc

    async def complete(self, messages: list[dict[str, Any]], *,
                       tools: list[dict[str, Any]] | None = None,
                       first_token_s: float | None = None,
                       max_tokens: int | None = None) -> Completion:
        """The whole reply; :class:`LLMError` ``timeout`` if nothing arrives within
        ``first_token_s`` (the default from settings)."""
        started = time.perf_counter()
        limit = first_token_s if first_token_s is not None else self._settings.first_token_timeout_s
        parts: list[str] = []
        calls: list[ToolCall] = []
        first_ms: float | None = None
        iterator = self.stream(messages, tools=tools, max_tokens=max_tokens).__aiter__()
        try:
            try:
                first = await asyncio.wait_for(iterator.__anext__(), limit)
            except StopAsyncIteration:
                first = None
            except TimeoutError as exc:
                raise LLMError("timeout", f"no first token within {limit:.2f} s") from exc
            except asyncio.CancelledError as exc:
                if type(exc) is asyncio.CancelledError:
                    raise
                # pipecat swaps asyncio.wait_for for wait_for2, which raises its own subclass when
                # the first token lands just as an outer deadline cancels this call; said as a
                # plain CancelledError, asyncio.timeout knows it for its own and ends in a timeout
                raise asyncio.CancelledError(*exc.args) from exc
            if first is not None:
                first_ms = (time.perf_counter() - started) * 1000
                parts.append(first.text)
                calls.extend(first.tool_calls)
                async for delta in iterator:
                    parts.append(delta.text)
                    calls.extend(delta.tool_calls)
        finally:
            await iterator.aclose()
        total_ms = (time.perf_counter() - started) * 1000
        return Completion("".join(parts), calls, first_ms or total_ms, total_ms)

    async def ollama_has_model(self) -> bool | None:
        """Ollama's native ``/api/tags``: is the model pulled? None if this is not Ollama."""
        root = self._settings.base_url.rstrip("/").removesuffix("/v1")
        try:
            response = await self._http.get(f"{root}/api/tags")
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            names = {m.get("name") or m.get("model") for m in response.json().get("models", [])}
        except (ValueError, AttributeError):
            return None
        model = self._settings.model
        return model in names or f"{model}:latest" in names

    async def close(self) -> None:
        await self._http.aclose()


async def _sse_data(response: httpx.Response) -> AsyncIterator[str]:
    """The ``data:`` payloads of a server-sent event stream (multi-line data joined)."""
    lines: list[str] = []
    async for line in response.aiter_lines():
        if not line:
            if lines:
                yield "\n".join(lines)
                lines = []
            continue
        if line.startswith("data:"):
            lines.append(line[5:].lstrip())
    if lines:
        yield "\n".join(lines)


def _parse_chunk(data: str) -> dict[str, Any]:
    try:
        chunk = json.loads(data)
    except ValueError as exc:
        raise LLMError("protocol", f"malformed stream chunk: {data[:80]!r}") from exc
    if not isinstance(chunk, dict):
        raise LLMError("protocol", f"stream chunk is not an object: {data[:80]!r}")
    if "error" in chunk:
        raise LLMError("http", f"model server error: {str(chunk['error'])[:200]}")
    return chunk


def _merge_tool_call(calls: dict[int, dict[str, str]], fragment: dict[str, Any]) -> None:
    """Tool calls stream in pieces: the name first, the JSON arguments in fragments."""
    index = int(fragment.get("index", 0))
    call = calls.setdefault(index, {"name": "", "arguments": ""})
    function = fragment.get("function") or {}
    if function.get("name"):
        call["name"] = function["name"]
    if isinstance(function.get("arguments"), str):
        call["arguments"] += function["arguments"]
