"""A local server speaking ElevenLabs' streaming TTS protocol, with switchable faults.

``POST /v1/text-to-speech/{voice_id}/stream?output_format=pcm_22050`` with ``xi-api-key``
returns chunked raw 16-bit PCM. ``mode`` selects: ok, error500, rate_limited, slow, drop.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import numpy as np
import uvicorn
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, StreamingResponse

API_KEY = "test-key"


class FakeElevenLabs:
    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict] = []
        self.app = FastAPI()
        self.app.post("/v1/text-to-speech/{voice_id}/stream")(self._stream)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port,
                                                     log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)

    async def _stream(self, voice_id: str, request: Request, output_format: str = "mp3_44100",
                      xi_api_key: str | None = Header(default=None)):
        body = await request.json()
        self.requests.append({"voice_id": voice_id, "format": output_format, **body})
        if xi_api_key != API_KEY:
            return JSONResponse({"detail": {"status": "invalid_api_key"}}, status_code=401)
        if self.mode == "error500":
            return JSONResponse({"detail": "internal"}, status_code=500)
        if self.mode == "rate_limited":
            return JSONResponse({"detail": "too_many_concurrent_requests"}, status_code=429)
        rate = int(output_format.split("_")[1])
        seconds = 0.05 * max(1, len(body["text"].split()))
        tone = np.sin(2 * np.pi * 440 * np.arange(int(rate * seconds)) / rate) * 0.3
        pcm = (tone * 32767).astype("<i2").tobytes()
        mode = self.mode

        async def chunks():
            if mode == "slow":
                await asyncio.sleep(5)
            for i in range(0, len(pcm), 4096):
                yield pcm[i: i + 4096]
                await asyncio.sleep(0)

        return StreamingResponse(chunks(), media_type="audio/pcm")
