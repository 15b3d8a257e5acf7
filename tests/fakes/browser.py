"""Headless Debian Chromium for browser-call tests, its microphone a WAV file."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
    "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
]


async def launch_chromium(playwright, microphone_wav: Path):
    """A fresh browser (Playwright gives it its own user-data dir) that hears ``microphone_wav``
    once, then silence, whenever a page asks for the microphone."""
    return await playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=[*CHROMIUM_FLAGS, f"--use-file-for-fake-audio-capture={microphone_wav}%noloop"])
