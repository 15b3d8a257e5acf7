"""``frontdesk`` command line: serve, worker, chat, talk, db upgrade, seed, users, eval, nlu,
loadtest.

Settings come from the environment (``FRONTDESK_*``) and flags; they are built once here and
passed down.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from frontdesk import __version__
from frontdesk.config import Settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    return Settings(**overrides)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from frontdesk.app import create_app

    host = args.host or settings.server.host
    port = args.port or settings.server.port
    print(f"Frontdesk on http://{host}:{port}  (database: {settings.resolved_database_url})",
          flush=True)
    # log_config=None: uvicorn's lines go through the process's one pipeline (frontdesk.logs).
    settings = settings.model_copy(update={"server": settings.server.model_copy(
        update={"host": host, "port": port})})
    app = create_app(settings, announce=lambda text: print(text, flush=True))
    uvicorn.run(app, host=host, port=port, log_config=None,
                log_level=settings.log_level.lower())
    return 0


async def _worker(args: argparse.Namespace, settings: Settings) -> int:
    """Run due jobs (reminders, alerts, webhooks, callback calls) until stopped, without HTTP:
    beside servers that set ``FRONTDESK_JOBS__ENABLED=false``, or as more workers on
    PostgreSQL."""
    from frontdesk.app import open_runtime

    settings = settings.model_copy(update={
        "voice_enabled": False, "jobs": settings.jobs.model_copy(update={"enabled": True})})
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Ctrl-C, or a service manager's TERM, stops it cleanly, even when it was started with
        # SIGINT ignored (under nohup or from a background shell, which Python then leaves ignored)
        with contextlib.suppress(NotImplementedError):  # no signal handlers on this platform
            loop.add_signal_handler(sig, stop.set)
    async with open_runtime(settings) as runtime:
        print(f"Frontdesk worker: running jobs ({runtime.jobs.engine_name} engine, database: "
              f"{settings.resolved_database_url}); Ctrl-C to stop", flush=True)
        await stop.wait()
    return 0


async def _chat(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.app import open_runtime

    async with open_runtime(settings) as runtime:
        outcome = await runtime.conversations.create(
            args.profile, direction=args.direction, channel="text",
            caller_phone=args.phone, caller_name=None)
        conversation_id = outcome.state.conversation_id
        print(f"[session {conversation_id}] type your messages; Ctrl-D or 'quit' to hang up.\n")
        print(f"agent> {outcome.reply}")
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, _read_line)
            if line is None or line.strip().lower() in {"quit", "exit"}:
                state = await runtime.conversations.end(conversation_id)
                print(f"\n[ended: {state.outcome}] {state.summary}")
                return 0
            if not line.strip():
                continue
            outcome = await runtime.conversations.chat(conversation_id, line)
            print(f"agent> {outcome.reply}")
            if outcome.state.ended:
                print(f"\n[ended: {outcome.state.outcome}] {outcome.state.summary}")
                return 0


def _read_line() -> str | None:
    try:
        return input("you> ")
    except EOFError:
        return None


def _configure_logging(command: str, settings: Settings) -> None:
    """One pipeline for every line (ours, uvicorn's, Pipecat's) at FRONTDESK_LOG_LEVEL. The
    commands that talk to a person on the terminal (all but serve) stay at warnings unless the
    level was set explicitly, so their own output is not buried."""
    from frontdesk.logs import configure_logging

    explicit = "log_level" in settings.model_fields_set
    level = settings.log_level if explicit or command == "serve" else "WARNING"
    configure_logging(level, fmt=settings.log_format,
                      personal_data=settings.log_personal_data)


async def _talk(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.app import open_runtime
    from frontdesk.audio.pcm import read_wav
    from frontdesk.voice.talk import report, talk

    turns = [read_wav(path) for path in args.wav]
    voiced = settings.model_copy(update={"voice_enabled": True})
    async with open_runtime(voiced, load_voice=True) as runtime:
        result = await talk(runtime.voice(), args.profile, turns, phone=args.phone,
                            speed=args.speed)
    return report(result, args.out)


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.storage.migrate import upgrade

    upgrade(settings.resolved_database_url, args.revision)
    print(f"database at {args.revision}: {settings.resolved_database_url}")
    return 0


async def _seed(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.knowledge.profile import load_profiles
    from frontdesk.storage.database import create_engine, session_factory
    from frontdesk.storage.migrate import upgrade
    from frontdesk.storage.seed import seed_profiles

    await asyncio.to_thread(upgrade, settings.resolved_database_url)
    engine = create_engine(settings.resolved_database_url)
    try:
        count = await seed_profiles(session_factory(engine),
                                    load_profiles(settings.profiles_dir).values())
    finally:
        await engine.dispose()
    print(f"seeded {count} business profiles")
    return 0


async def _users_create(args: argparse.Namespace, settings: Settings) -> int:
    """A user from the terminal; the password is prompted for (or read from stdin when piped),
    never taken as an argument (it would stay in the shell history and the process list)."""
    import getpass

    from frontdesk.auth import Accounts
    from frontdesk.auth.passwords import WeakPasswordError
    from frontdesk.storage.accounts import AccountStore, UserExistsError
    from frontdesk.storage.database import create_engine, session_factory
    from frontdesk.storage.migrate import upgrade

    if sys.stdin.isatty():
        password = getpass.getpass("password: ")
        if getpass.getpass("again: ") != password:
            print("frontdesk: the passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\n")
    await asyncio.to_thread(upgrade, settings.resolved_database_url)
    engine = create_engine(settings.resolved_database_url)
    try:
        accounts = Accounts(AccountStore(session_factory(engine)), settings.auth)
        role = "owner" if args.owner else "staff"
        try:
            user = await accounts.create_user(args.email, password, role)
        except UserExistsError:
            print("frontdesk: an account with this email exists", file=sys.stderr)
            return 2
        except (WeakPasswordError, ValueError) as exc:
            print(f"frontdesk: {exc}", file=sys.stderr)
            return 2
    finally:
        await engine.dispose()
    print(f"created {user.role} {user.email}; sign in at /login")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.evals.cli import main_eval

    return main_eval(args, settings)


def _loadtest(args: argparse.Namespace, settings: Settings) -> int:
    from frontdesk.evals.loadtest import main_loadtest

    return main_loadtest(args, settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"frontdesk {__version__}",
                        help="print the version and exit")
    parser.add_argument("--data-dir", help="data directory (FRONTDESK_DATA_DIR)")
    parser.add_argument("--database-url", help="SQLAlchemy async URL (FRONTDESK_DATABASE_URL)")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP server (migrates and seeds when fresh)")
    serve.add_argument("--host", help="address to listen on (FRONTDESK_SERVER__HOST, "
                                       "default 127.0.0.1)")
    serve.add_argument("--port", type=int,
                       help="port to listen on (FRONTDESK_SERVER__PORT, default 8000)")

    sub.add_parser("worker", help="run due jobs (reminders, alerts, webhooks, callbacks) "
                                  "without serving HTTP")

    chat = sub.add_parser("chat", help="talk to the agent in the terminal")
    chat.add_argument("--profile", default="dealership",
                      help="the business answering (a profile key; default %(default)s)")
    chat.add_argument("--direction", choices=["inbound", "outbound"], default="inbound",
                      help="who placed the call: the caller (inbound) or the business")
    chat.add_argument("--phone", help="caller phone number (E.164), e.g. +15125550123")

    talk = sub.add_parser("talk", help="a whole voice call from WAV files (real VAD/STT/TTS)")
    talk.add_argument("--profile", default="dealership",
                      help="the business answering (a profile key; default %(default)s)")
    talk.add_argument("--wav", type=Path, action="append", required=True,
                      help="one caller turn; repeat for each turn, in order")
    talk.add_argument("--out", type=Path, help="write the whole call (both sides) to this WAV")
    talk.add_argument("--phone", action="store_true",
                      help="send the caller through an 8 kHz µ-law phone line")
    talk.add_argument("--speed", type=float, default=1.0,
                      help="pace of the call; 1 is real time (latencies are only real at 1)")

    db = sub.add_parser("db", help="database commands")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply migrations")
    up.add_argument("revision", nargs="?", default="head",
                    help="the Alembic revision to reach (default: the latest, head)")

    sub.add_parser("seed", help="load the demo business profiles into the database")

    users = sub.add_parser("users", help="back-office accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser("create", help="create a user; the password is prompted for "
                                                 "(or read from stdin)")
    create.add_argument("--email", required=True, help="the user's email (their login)")
    create.add_argument("--owner", action="store_true",
                        help="an owner (everything: API keys, users); default: staff")

    from frontdesk.evals.cli import add_eval_parser, add_loadtest_parser
    from frontdesk.evals.nlu import add_nlu_parser

    add_eval_parser(sub)
    add_loadtest_parser(sub)
    add_nlu_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)  # built once, passed down
        _configure_logging(args.command, settings)
        if args.command == "serve":
            return _serve(args, settings)
        if args.command == "worker":
            return asyncio.run(_worker(args, settings))
        if args.command == "chat":
            return asyncio.run(_chat(args, settings))
        if args.command == "talk":
            return asyncio.run(_talk(args, settings))
        if args.command == "db":
            return _db_upgrade(args, settings)
        if args.command == "seed":
            return asyncio.run(_seed(args, settings))
        if args.command == "users":
            return asyncio.run(_users_create(args, settings))
        if args.command == "eval":
            return _eval(args, settings)
        if args.command == "loadtest":
            return _loadtest(args, settings)
        if args.command == "nlu":
            from frontdesk.evals.nlu import main_nlu

            return main_nlu(args)
    except KeyboardInterrupt:
        return 130
    except ValueError as exc:  # bad settings or profile files: say what, not a traceback
        print(f"frontdesk: {exc}", file=sys.stderr)
        return 2
    return 1


if __name__ == "__main__":
    sys.exit(main())
