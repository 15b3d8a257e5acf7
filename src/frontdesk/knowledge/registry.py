"""The business profiles in force: what the brain reads, replaced whole when a new version lands.

The registry is a read-only mapping for its readers (the brain, the roster, the follow-through)
and holds, per business, the number of the stored version it shows (None: the YAML seed). Only
the process's profile sync (:mod:`frontdesk.conversations.profiles`) writes to it, by swapping
one business's profile for a newer one; a reader that took a profile keeps that object intact,
so a turn already running finishes with the facts it started with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from frontdesk.knowledge.profile import BusinessProfile, with_words_of


class ProfileRegistry(Mapping[str, BusinessProfile]):
    """Business key → the profile the agent answers from now."""

    def __init__(self, profiles: Mapping[str, BusinessProfile],
                 words: Mapping[str, BusinessProfile] | None = None) -> None:
        """``words``: the YAML profiles, whose phrasings a stored version takes on
        (:func:`~frontdesk.knowledge.profile.with_words_of`)."""
        self._profiles = dict(profiles)
        self._versions: dict[str, int] = {}
        self._words = dict(words or {})

    def __getitem__(self, key: str) -> BusinessProfile:
        return self._profiles[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._profiles)

    def __len__(self) -> int:
        return len(self._profiles)

    def version(self, key: str) -> int | None:
        """The stored version number in force for ``key`` (None: the YAML profile)."""
        return self._versions.get(key)

    def apply(self, profile: BusinessProfile, version: int) -> bool:
        """Put ``profile`` (stored as ``version``) in force, unless a later version already
        is; returns whether it changed anything."""
        current = self._versions.get(profile.key)
        if current is not None and current >= version:
            return False
        base = self._words.get(profile.key)
        self._profiles[profile.key] = with_words_of(profile, base) if base else profile
        self._versions[profile.key] = version
        return True
