"""Load business profiles (YAML) into the database, and read them back for the brain.

Seeding is idempotent: rows are matched by key and updated. Once seeded, the database is the
source of truth — services, inventory and FAQ edited in their tables are what the agent says.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from frontdesk.knowledge.profile import BusinessProfile, FaqEntry, Service, Vehicle, with_words_of
from frontdesk.storage.models import Business, FaqItem, InventoryItem, ServiceType


async def seed_profiles(sessions: async_sessionmaker, profiles: Iterable[BusinessProfile]) -> int:
    """Insert or update each profile with its services, inventory and FAQ; returns the count."""
    count = 0
    async with sessions() as db, db.begin():
        for profile in profiles:
            await upsert_profile(db, profile)
            count += 1
    return count


async def upsert_profile(db: AsyncSession, profile: BusinessProfile) -> None:
    """The profile into ``businesses`` and its services, inventory and FAQ tables (bookings
    find a service by its row); rows no longer in the profile stay for the records."""
    business = await db.scalar(select(Business).where(Business.key == profile.key))
    data = profile.model_dump(mode="json", exclude={"services", "inventory", "faq"})
    if business is None:
        business = Business(key=profile.key)
        db.add(business)
    business.name, business.kind = profile.name, profile.kind
    business.timezone, business.address, business.phone = (profile.timezone, profile.address,
                                                             profile.phone)
    business.profile = data
    await db.flush()
    existing_services = {s.key: s for s in await db.scalars(
        select(ServiceType).where(ServiceType.business_id == business.id))}
    for svc in profile.services:
        row = existing_services.get(svc.key) or ServiceType(business_id=business.id, key=svc.key)
        row.name, row.duration_min = svc.name, svc.duration_min
        row.price_min, row.price_max = svc.price_min, svc.price_max
        db.add(row)
    existing_faq = {f.key: f for f in await db.scalars(
        select(FaqItem).where(FaqItem.business_id == business.id))}
    for entry in profile.faq:
        row = existing_faq.get(entry.key) or FaqItem(business_id=business.id, key=entry.key)
        row.category, row.question, row.answer = entry.category, entry.question, entry.answer
        row.keywords = list(entry.keywords)
        db.add(row)
    existing_cars = {c.stock_number: c for c in await db.scalars(
        select(InventoryItem).where(InventoryItem.business_id == business.id))}
    for car in profile.inventory:
        row = existing_cars.get(car.stock_number) or InventoryItem(
            business_id=business.id, stock_number=car.stock_number)
        row.make, row.model, row.year, row.color = car.make, car.model, car.year, car.color
        row.price, row.is_new, row.is_available = car.price, car.is_new, car.is_available
        db.add(row)


async def load_profiles_from_db(sessions: async_sessionmaker,
                                yaml_profiles: dict[str, BusinessProfile]
                                ) -> dict[str, BusinessProfile]:
    """Profiles as stored: the profile JSON with the tables' services, inventory and FAQ, in
    the words of the YAML profile (:func:`with_words_of`)."""
    profiles: dict[str, BusinessProfile] = {}
    async with sessions() as db:
        for business in await db.scalars(select(Business)):
            services = await db.scalars(select(ServiceType).where(
                ServiceType.business_id == business.id).order_by(ServiceType.id))
            faq = await db.scalars(select(FaqItem).where(
                FaqItem.business_id == business.id).order_by(FaqItem.id))
            cars = await db.scalars(select(InventoryItem).where(
                InventoryItem.business_id == business.id).order_by(InventoryItem.id))
            base = yaml_profiles.get(business.key)
            # the table has no body style: it comes from the profile ("the SUV one")
            bodies = {c.stock_number: c.body for c in base.inventory} if base else {}
            stored = BusinessProfile.model_validate({
                **business.profile,
                "services": [Service(key=s.key, name=s.name, duration_min=s.duration_min,
                                     price_min=s.price_min, price_max=s.price_max)
                             for s in services],
                "faq": [FaqEntry(key=f.key, category=f.category, question=f.question,
                                 answer=f.answer, keywords=list(f.keywords)) for f in faq],
                "inventory": [Vehicle(stock_number=c.stock_number, year=c.year, make=c.make,
                                      model=c.model, color=c.color, price=c.price,
                                      is_new=c.is_new, is_available=c.is_available,
                                      body=bodies.get(c.stock_number, ""))
                              for c in cars],
            })
            profiles[business.key] = with_words_of(stored, base) if base else stored
    return profiles
