"""STT accuracy, latency and CPU on telephone speech: Debian's Asterisk prompts and synthetic
callers unlike the test voice.

Two sets:

- ``phone_prompts``: the Debian packages ``asterisk-core-sounds-en-wav`` (8 kHz recordings of
  a human voice) and ``asterisk-core-sounds-en`` (their transcripts);
- ``espeak_callers``: caller sentences of both demo businesses spoken by espeak-ng in several
  voices, speeds and pitches, sent through 8 kHz µ-law as a phone line would (never heard by
  the tests, which use Piper's voice).

Each setting transcribes the same utterances one at a time; WER is computed on normalised text
(lower case, no punctuation, numbers as digits on both sides); CPU is the process's CPU time
per utterance (all of CTranslate2's threads). Writes ``bench/results/stt_accuracy.json``. Run it
on a quiet machine. Usage:

    .venv/bin/python bench/stt_accuracy.py [--limit 60] [--only SETTING]
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
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from text_to_num import alpha2digit  # noqa: E402

from frontdesk.audio.pcm import Audio, read_wav, ulaw_decode, ulaw_encode  # noqa: E402
from frontdesk.config import STTSettings  # noqa: E402
from frontdesk.knowledge.profile import load_profiles  # noqa: E402
from frontdesk.knowledge.vocabulary import spoken_vocabulary  # noqa: E402
from frontdesk.speech.stt import FasterWhisperSTT, resolve_model_dir  # noqa: E402

SOUNDS = Path("/usr/share/asterisk/sounds/en_US_f_Allison")
TRANSCRIPTS = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
SETTINGS = {
    "tiny.en 1 thread, 10 s window (default)": STTSettings(model="tiny.en", workers=1,
                                                            cpu_threads=1),
    "tiny.en 1 thread, 30 s window (before)": STTSettings(model="tiny.en", workers=1,
                                                           cpu_threads=1, window_s=None),
    "tiny.en 1 thread, 6 s window": STTSettings(model="tiny.en", workers=1, cpu_threads=1,
                                                window_s=6.0),
    "base 2 threads, 10 s window": STTSettings(model="base", workers=1, cpu_threads=2),
    "base 2 threads, 30 s window": STTSettings(model="base", workers=1, cpu_threads=2,
                                               window_s=None),
}
CALLER_LINES = [  # (what the agent had just said, what the caller says)
    ("Thanks for calling Riverside Motors service. How can I help?",
     "Hi, I need to get my car in for an oil change sometime this week."),
    ("What's the year, make and model?", "It's a twenty nineteen Honda Civic, about sixty thousand miles."),
    ("What day works for you?", "Can I come in Thursday morning, like around nine?"),
    ("I have Thursday at 9 AM. Shall I book it?", "Actually make that Friday, Thursday doesn't work for me."),
    ("What's the best number to reach you?",
     "My number is five one two, five five five, zero one nine nine."),
    ("Is there anything else I can help you with?", "How much do you charge for a brake inspection?"),
    ("Thanks for calling Riverside Motors service. How can I help?",
     "I need to cancel my appointment for tomorrow."),
    ("That's Friday at 10 AM for an oil change. Is that right?", "Yes, that's right."),
    ("I found your appointment on Tuesday at 8 AM. Is that the one?", "No, the other one."),
    ("Is there anything else I can help you with?", "Can I talk to a real person please?"),
    ("Thanks for calling Lakeside Realty. Are you looking to buy or sell?",
     "We're looking to buy a three bedroom house in Austin."),
    ("What price range are you thinking about?", "Our budget is around four hundred and fifty thousand."),
    ("Have you been pre-approved for a mortgage?",
     "We're pre-approved and hoping to move in the next two months."),
    ("Would you like one of our agents to help you find a home?", "I already have an agent, thanks."),
    ("Hi, this is Alex from Lakeside Realty, following up on your inquiry.",
     "Who is this and how did you get my number?"),
    ("Would you like to hear about homes in your area?", "Please don't call this number again."),
    ("When is a good time for an agent to call you back?", "Try me Thursday evening after work."),
    ("May I have your name?", "My name is Maria Gonzalez."),
    ("Is there anything else I can help you with?", "Is the service department open on Saturday?"),
    ("Our service department is open Monday to Friday 7:30 AM to 6 PM.", "Sorry, what was that?"),
]
REAL_ESTATE_LINES = range(10, 18)
"""The caller lines spoken to the brokerage (the others to the dealership)."""
ESPEAK_VOICES = [  # (voice, words per minute, pitch 0-99)
    ("en-us", 150, 50), ("en-us+m3", 185, 35), ("en-us+f2", 170, 70), ("en-gb", 210, 50),
]


def load_prompts(limit: int) -> list[tuple[Path, str]]:
    prompts = []
    with gzip.open(TRANSCRIPTS, "rt", encoding="utf-8", errors="replace") as lines:
        text_lines = list(lines)
    for line in text_lines:
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
    text = re.sub(r"(?<=\d)[,.](?=\d)", "", text)  # 60,000 -> 60000
    text = re.sub(r"\d", r" \g<0> ", text)  # digit by digit: "512" and "5 1 2" are the same number
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


def espeak_callers(directory: Path) -> list[tuple[Audio, str, str, str]]:
    """Each caller line in each espeak voice, through 8 kHz µ-law and back, with what the agent
    had said and the vocabulary of the business called."""
    profiles = load_profiles()
    vocabulary = {key: spoken_vocabulary(p) for key, p in profiles.items()}
    lines = []
    for voice, wpm, pitch in ESPEAK_VOICES:
        for n, (heard, text) in enumerate(CALLER_LINES):
            business = vocabulary["real_estate" if n in REAL_ESTATE_LINES else "dealership"]
            path = directory / f"{voice}-{n}.wav"
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-p", str(pitch), "-w",
                            str(path), text], check=True)
            phone = read_wav(path).to_rate(8000)
            lines.append((Audio(ulaw_decode(ulaw_encode(phone.pcm)), 8000), text, heard, business))
    return lines


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(engine: FasterWhisperSTT, utterances: list[tuple[Audio, str, str | None, str]],
                  context: str = "vocabulary") -> dict[str, object]:
    """``context``: what each utterance is heard after. ``vocabulary``: the business's words and
    the agent's last line, as on a call (the phone prompts have no agent line); ``agent``: the
    line alone (before the vocabulary); ``none``."""
    errors = words = 0
    latencies: list[float] = []
    cpu: list[float] = []
    retried, plain = engine.windows_retried, engine.redecoded_without_context
    for audio, text, heard, business in utterances:
        before = {"vocabulary": " ".join(filter(None, (business, heard))), "agent": heard,
                  "none": None}[context]
        cpu_before = time.process_time()
        result = await engine.transcribe(audio, context=before or None)
        cpu.append((time.process_time() - cpu_before) * 1000)
        ref, hyp = normalise(text), normalise(result.text)
        errors += word_errors(ref, hyp)
        words += len(ref)
        latencies.append(result.stt_ms)
    return {"utterances": len(utterances), "wer_percent": round(100 * errors / words, 1),
            "median_ms": round(statistics.median(latencies)),
            "p95_ms": round(_percentile(latencies, 0.95)),
            "cpu_ms_median": round(statistics.median(cpu)),
            "cpu_ms_mean": round(statistics.mean(cpu)),
            "decoded_again_over_30_s": engine.windows_retried - retried,
            "decoded_again_without_context": engine.redecoded_without_context - plain}


async def main(limit: int, only: str | None) -> None:
    if not TRANSCRIPTS.exists():
        sys.exit("install Debian's asterisk-core-sounds-en-wav and asterisk-core-sounds-en first")
    data_dir = Path(os.environ.get("FRONTDESK_DATA_DIR", tempfile.mkdtemp()))
    dealership = spoken_vocabulary(load_profiles()["dealership"])
    prompts = load_prompts(limit)
    sets = {"phone_prompts": [(read_wav(path), text, None, "") for path, text in prompts],
            "espeak_callers": espeak_callers(Path(tempfile.mkdtemp()))}
    out = ROOT / "bench" / "results" / "stt_accuracy.json"
    # --only re-measures some settings and keeps the others' last results.
    results: dict[str, dict[str, object]] = (
        json.loads(out.read_text())["results"] if only and out.exists() else {})
    for name, settings in SETTINGS.items():
        if only and only not in name:
            continue
        engine = FasterWhisperSTT(settings, resolve_model_dir(settings, data_dir))
        try:
            await engine.warm_up()
            results[name] = {set_name: await measure(engine, utterances)
                             for set_name, utterances in sets.items()}
            if engine.windowed:
                results[name]["phone_prompts_with_dealership_vocabulary"] = await measure(
                    engine, [(a, t, None, dealership) for a, t, _, _ in sets["phone_prompts"]])
                results[name]["espeak_callers_agent_line_only"] = await measure(
                    engine, sets["espeak_callers"], context="agent")
                results[name]["espeak_callers_without_context"] = await measure(
                    engine, sets["espeak_callers"], context="none")
        finally:
            engine.close()
        print(name, results[name], flush=True)
    out.write_text(json.dumps({
        "benchmark": "stt_accuracy",
        "what": {"phone_prompts": "Debian asterisk-core-sounds-en (en_US_f_Allison, real 8 kHz "
                                  f"speech), first {len(sets['phone_prompts'])} prompts with text "
                                  "transcripts",
                 "espeak_callers": f"{len(CALLER_LINES)} caller lines x {len(ESPEAK_VOICES)} "
                                   "espeak-ng voices (voice, wpm, pitch: "
                                   f"{ESPEAK_VOICES}) through 8 kHz mu-law",
                 "how": "one utterance at a time; espeak_callers are heard after the called "
                        "business's vocabulary and the agent's line, as on a call (see "
                        "frontdesk.knowledge.vocabulary); phone_prompts after nothing, and "
                        "again after the dealership's vocabulary; median/p95 wall ms, CPU ms "
                        "per utterance"},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "machine": platform.machine()},
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "results": results,
    }, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--only", help="re-measure only the settings whose name holds this")
    args = parser.parse_args()
    asyncio.run(main(args.limit, args.only))
