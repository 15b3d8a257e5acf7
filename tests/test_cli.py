"""The ``frontdesk`` command line, run as a user would."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(args, tmp_path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(tmp_path)}
    env.pop("FRONTDESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "frontdesk.cli", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


def test_db_upgrade_seed_and_chat(tmp_path) -> None:
    assert _run(["db", "upgrade"], tmp_path).returncode == 0
    seeded = _run(["seed"], tmp_path)
    assert seeded.returncode == 0 and "seeded 2" in seeded.stdout
    chat = _run(["chat", "--profile", "real_estate"], tmp_path,
                stdin="what areas do you serve?\nno thanks\n")
    assert chat.returncode == 0, chat.stderr
    assert "Lakeside Realty" in chat.stdout
    assert "Austin, Round Rock, Cedar Park, Georgetown and Pflugerville" in chat.stdout
    assert "[ended:" in chat.stdout
    assert (tmp_path / "frontdesk.db").exists()


def test_unknown_profile_is_a_clear_error(tmp_path) -> None:
    result = _run(["chat", "--profile", "bakery"], tmp_path, stdin="")
    assert result.returncode != 0
    assert "bakery" in result.stderr


def test_talk_runs_a_whole_call_from_wav_files(tmp_path) -> None:
    """``frontdesk talk`` with caller turns in WAV files: real VAD/STT/TTS, call written out."""
    import asyncio

    from frontdesk.audio.pcm import Audio, write_wav
    from frontdesk.config import TTSSettings
    from frontdesk.speech.tts import PiperTTS, first_audio_ms

    async def make_wavs() -> list[str]:
        piper = PiperTTS(TTSSettings(piper_noise_scale=0.0, piper_noise_w_scale=0.0))
        args = []
        for n, line in enumerate(["What are your hours on Saturday?", "Thank you, goodbye."]):
            _, chunks = await first_audio_ms(piper, line)
            wav = tmp_path / f"turn{n}.wav"
            write_wav(wav, Audio(b"".join(c.pcm for c in chunks), chunks[0].sample_rate_hz))
            args += ["--wav", str(wav)]
        piper.close()
        return args

    turns = asyncio.run(make_wavs())
    out = tmp_path / "call.wav"
    result = _run(["talk", "--profile", "dealership", *turns, "--out", str(out),
                   "--speed", "3"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Thanks for calling Riverside Motors" in result.stdout
    assert "8 AM to 2 PM" in result.stdout, result.stdout
    assert "total" in result.stdout and "ms]" in result.stdout
    assert out.stat().st_size > 100_000


def test_version_and_help_on_every_option() -> None:
    import argparse

    from frontdesk import __version__
    from frontdesk.cli import build_parser

    version = subprocess.run([sys.executable, "-m", "frontdesk.cli", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"frontdesk {__version__}"

    def undocumented(parser: argparse.ArgumentParser, path: str) -> list[str]:
        missing = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    missing += undocumented(sub, f"{path} {name}")
            elif not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
        return missing

    assert undocumented(build_parser(), "frontdesk") == []


def test_the_log_is_json_lines_at_the_configured_level(tmp_path) -> None:
    import json

    env = {**os.environ, "FRONTDESK_DATA_DIR": str(tmp_path), "FRONTDESK_LOG_LEVEL": "info",
           "FRONTDESK_LOG_FORMAT": "json"}
    env.pop("FRONTDESK_DATABASE_URL", None)
    chat = subprocess.run([sys.executable, "-m", "frontdesk.cli", "chat", "--phone",
                           "+15125550142"], input="do you have a shuttle?\nquit\n",
                          capture_output=True, text=True, env=env, timeout=120)
    assert chat.returncode == 0, chat.stderr
    lines = [json.loads(line) for line in chat.stderr.splitlines()]
    turns = [line for line in lines if line["message"] == "conversation turn"]
    assert turns and turns[0]["conversation_id"].startswith("sess_")
    assert {line["level"] for line in lines} <= {"info", "warning", "error", "critical"}
    assert "5125550142" not in chat.stderr
    quiet = _run(["chat"], tmp_path, stdin="quit\n")  # no level set: warnings only
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_the_worker_runs_due_jobs_without_a_server(tmp_path) -> None:
    """``frontdesk worker`` picks up a job written while nothing was running, then stops on
    Ctrl-C."""
    import json
    import signal
    import sqlite3
    import time
    from datetime import UTC, datetime

    assert _run(["db", "upgrade"], tmp_path).returncode == 0
    db = sqlite3.connect(tmp_path / "frontdesk.db")
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    payload = json.dumps({"appointment_id": 999, "slot": "2026-12-01T09:00", "channel": "sms",
                          "hours_before": 24})
    db.execute("INSERT INTO jobs (id, kind, payload, run_at, status, attempts, max_attempts, "
               "created_at, updated_at) VALUES ('job_cli', 'reminder', ?, ?, 'scheduled', 0, 5, "
               "?, ?)", (payload, now, now, now))
    db.commit()
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(tmp_path)}
    env.pop("FRONTDESK_DATABASE_URL", None)
    worker = subprocess.Popen([sys.executable, "-m", "frontdesk.cli", "worker"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        status = "scheduled"
        for _ in range(600):
            status = db.execute("SELECT status FROM jobs WHERE id = 'job_cli'").fetchone()[0]
            if status == "done":
                break
            time.sleep(0.1)
        assert status == "done"
        detail = db.execute("SELECT status, detail FROM deliveries WHERE job_id = 'job_cli'").fetchone()
        assert detail == ("skipped", "the appointment changed")  # it no longer exists
    finally:
        worker.send_signal(signal.SIGINT)
        out, err = worker.communicate(timeout=60)
    assert worker.returncode in (0, 130), err
    assert "running jobs (local engine" in out


def test_users_create_reads_the_password_from_stdin(tmp_path) -> None:
    created = _run(["users", "create", "--owner", "--email", "Boss@Example.com"], tmp_path,
                   stdin="a long enough password\n")
    assert created.returncode == 0, created.stderr
    assert "created owner boss@example.com" in created.stdout
    assert "a long enough password" not in created.stdout + created.stderr
    again = _run(["users", "create", "--email", "boss@example.com"], tmp_path,
                 stdin="another long password\n")
    assert again.returncode == 2 and "exists" in again.stderr
    weak = _run(["users", "create", "--email", "sam@example.com"], tmp_path, stdin="short\n")
    assert weak.returncode == 2 and "at least" in weak.stderr
