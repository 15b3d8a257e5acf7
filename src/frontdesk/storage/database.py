"""Async engine and session factory for SQLite (WAL) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of a SQLite database file if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    ensure_sqlite_dir(url)
    kwargs: dict[str, Any] = {"echo": echo}
    if make_url(url).get_backend_name() == "postgresql":
        kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
    try:
        engine = create_async_engine(url, **kwargs)
    except ModuleNotFoundError as exc:  # the optional driver (asyncpg) is an extra
        raise ValueError(f"the database driver for {make_url(url).drivername} is not "
                         f"installed ({exc.name}); for PostgreSQL: pip install "
                         "'frontdesk[postgres]'") from exc
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            # SQLite has one writer. When the machine is saturated a writer holds the lock
            # across several event-loop round trips; the next one queues behind it for up to
            # the pool's own 30 s rather than failing a turn with "database is locked" at 5 s.
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def upsert_insert(db: Any, table: Any) -> Any:
    """``INSERT`` for this database's dialect, with ``on_conflict_do_nothing`` /
    ``on_conflict_do_update`` (SQLite and PostgreSQL spell them alike)."""
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
