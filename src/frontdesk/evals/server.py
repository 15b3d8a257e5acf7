"""Run an ASGI app on a real loopback port inside the caller's event loop (uvicorn).

Used by ``frontdesk eval --audio`` and ``frontdesk loadtest --spawn`` (an in-process server) and
by the test suite.
"""

from __future__ import annotations

import asyncio
import socket

import uvicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, port: int | None = None) -> None:
        self.port = port or free_port()
        self.app = app
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                     log_level="warning", lifespan="on",
                                                     ws_ping_interval=None))
        self._task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def __aenter__(self) -> LiveServer:
        # _serve: without serve()'s SIGINT capture, which belongs to the host program
        self._task = asyncio.create_task(self._server._serve())
        for _ in range(600):
            if self._server.started:
                return self
            if self._task.done():
                self._task.result()
            await asyncio.sleep(0.05)
        raise TimeoutError("server did not start")

    async def __aexit__(self, *exc) -> None:
        self._server.should_exit = True
        assert self._task is not None
        await asyncio.wait_for(self._task, 30)
