"""Profile versions in the database: numbered per business, never two with one number."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.storage.database import create_engine, session_factory
from frontdesk.storage.migrate import upgrade
from frontdesk.storage.profiles import ProfileStore, StaleVersionError
from frontdesk.storage.seed import seed_profiles

pytestmark = pytest.mark.integration


async def test_versions_follow_each_other_and_a_stale_save_is_refused(database_url,
                                                                     profiles) -> None:
    await asyncio.to_thread(upgrade, database_url)
    engine = create_engine(database_url)
    try:
        sessions = session_factory(engine)
        await seed_profiles(sessions, profiles.values())
        store = ProfileStore(sessions)
        base = profiles["dealership"]
        zoe = base.model_copy(update={"agent_name": "Zoe"})
        saved = await store.save(zoe, after=None, author="a@example.com", changes=["x"],
                                 baseline=(base, "file"))
        assert saved.number == 2 and saved.profile.agent_name == "Zoe"
        assert [v.number for v in await store.history("dealership")] == [2, 1]
        assert (await store.get("dealership", 1)).author == "file"
        with pytest.raises(StaleVersionError):  # a second editor who started from the file
            await store.save(base, after=None, author="b@example.com", changes=["y"])
        racing = [store.save(base.model_copy(update={"agent_name": n}), after=2, author=n,
                             changes=[n]) for n in ("Max", "Kim")]
        results = await asyncio.gather(*racing, return_exceptions=True)
        assert sorted(type(r).__name__ for r in results) == ["StaleVersionError", "StoredProfile"]
        assert await store.latest_numbers() == {"dealership": 3}
    finally:
        await engine.dispose()
