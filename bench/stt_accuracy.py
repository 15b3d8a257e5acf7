"""STT accuracy and latency on real telephone speech: Debian's Asterisk prompts.

Needs the Debian packages ``asterisk-core-sounds-en-wav`` (8 kHz recordings of a human voice)
and ``asterisk-core-sounds-en`` (their transcripts). Each setting transcribes the same
utterances one at a time; WER is computed on normalised text (lower case, no punctuation,
numbers as digits on both sides). Writes ``bench/results/stt_accuracy.json``. Usage:

    .venv/bin/python bench/stt_accuracy.py [--limit 150]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import platform
import re
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from text_to_num import alpha2digit  # noqa: E402

from frontdesk.audio.pcm import read_wav  # noqa: E402
from frontdesk.config import STTSettings  # noqa: E402
from frontdesk.speech.stt import FasterWhisperSTT, resolve_model_dir  # noqa: E402

SOUNDS = Path("/usr/share/asterisk/sounds/en_US_f_Allison")
TRANSCRIPTS = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
SETTINGS = {
    "tiny.en int8 beam1 2 threads": STTSettings(model="tiny.en", workers=1, cpu_threads=2),
    "tiny.en int8 beam1 1 thread": STTSettings(model="tiny.en", workers=1, cpu_threads=1),
    "base int8 beam1 2 threads": STTSettings(model="base", workers=1, cpu_threads=2),
}


def load_prompts(limit: int) -> list[tuple[Path, str]]:
    prompts = []
    for line in gzip.open(TRANSCRIPTS, "rt", encoding="utf-8", errors="replace"):
        if line.startswith(";") or ":" not in line:
            continue
        name, text = line.split(":", 1)
        text = text.strip()
        path = SOUNDS / f"{name.strip()}.wav"
        if text and not text.startswith("[") and path.exists():
            prompts.append((path, text))
    return prompts[:limit]


def normalise(text: str) -> list[str]:
    text = alpha2digit(text.lower().replace("-", " "), "en", threshold=0)
    return re.sub(r"[^a-z0-9' ]+", " ", text).split()


def word_errors(ref: list[str], hyp: list[str]) -> int:
    """Word-level Levenshtein distance (substitutions + deletions + insertions)."""
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i]
        for j, h in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (r != h)))
        previous = current
    return previous[-1]


async def measure(name: str, settings: STTSettings, prompts: list[tuple[Path, str]],
                  data_dir: Path) -> dict[str, object]:
    engine = FasterWhisperSTT(settings, resolve_model_dir(settings, data_dir))
    await engine.warm_up()
    errors = words = 0
    latencies: list[float] = []
    try:
        for path, text in prompts:
            result = await engine.transcribe(read_wav(path))
            ref, hyp = normalise(text), normalise(result.text)
            errors += word_errors(ref, hyp)
            words += len(ref)
            latencies.append(result.stt_ms)
    finally:
        engine.close()
    latencies.sort()
    summary = {"utterances": len(prompts), "wer_percent": round(100 * errors / words, 1),
               "median_ms": round(statistics.median(latencies)),
               "p90_ms": round(latencies[int(0.9 * (len(latencies) - 1))])}
    print(name, summary, flush=True)
    return summary


async def main(limit: int) -> None:
    if not TRANSCRIPTS.exists():
        sys.exit("install Debian's asterisk-core-sounds-en-wav and asterisk-core-sounds-en first")
    prompts = load_prompts(limit)
    data_dir = Path(os.environ.get("FRONTDESK_DATA_DIR", tempfile.mkdtemp()))
    results = {name: await measure(name, settings, prompts, data_dir)
               for name, settings in SETTINGS.items()}
    out = ROOT / "bench" / "results" / "stt_accuracy.json"
    out.write_text(json.dumps({
        "benchmark": "stt_accuracy",
        "what": "Debian asterisk-core-sounds-en (en_US_f_Allison, real 8 kHz speech), first "
                f"{len(prompts)} prompts with text transcripts, one at a time",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": results,
    }, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=150)
    asyncio.run(main(parser.parse_args().limit))
