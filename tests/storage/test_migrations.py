"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from frontdesk.storage.database import create_engine
from frontdesk.storage.migrate import downgrade, upgrade
from frontdesk.storage.models import Base

pytestmark = pytest.mark.integration


async def _differences(url: str) -> list:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata))
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_the_models(database_url):
    await asyncio.to_thread(upgrade, database_url)
    assert await _differences(database_url) == []


async def test_the_latest_migrations_go_down_and_up_again(database_url):
    await asyncio.to_thread(upgrade, database_url)
    for revision in ("0005", "0004", "0003"):  # one at a time: each downgrade runs
        await asyncio.to_thread(downgrade, database_url, revision)
    await asyncio.to_thread(upgrade, database_url)
    assert await _differences(database_url) == []
