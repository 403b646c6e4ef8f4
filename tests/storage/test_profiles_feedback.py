"""Contract: profiles and feedback behave the same on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from bot.storage import Feedback, Profile, Store

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def feedback(sources: list[str], useful: bool, school: str = "de-breul") -> Feedback:
    return Feedback(
        school=school,
        role="leerling",
        question="Mag ik een foto van mijn klas op Instagram zetten?",
        sources=sources,
        verdict="no",
        useful=useful,
        at=NOW,
    )


async def test_unknown_profile_is_none(store: Store) -> None:
    assert await store.profiles.get_profile("nobody") is None


async def test_profile_round_trip(store: Store) -> None:
    profile = Profile(
        user_key="aad-1",
        tenant_id="t-1",
        school="de-breul",
        role="leerling",
        role_source="asked",
        updated_at=NOW,
    )
    await store.profiles.save_profile(profile)
    assert await store.profiles.get_profile("aad-1") == profile


async def test_profile_with_only_required_fields(store: Store) -> None:
    profile = Profile(user_key="aad-2", tenant_id="t-1", updated_at=NOW)
    await store.profiles.save_profile(profile)
    assert await store.profiles.get_profile("aad-2") == profile


async def test_save_profile_replaces_every_field(store: Store) -> None:
    await store.profiles.save_profile(
        Profile(user_key="aad-1", tenant_id="t-1", school="de-breul", role="ouder", updated_at=NOW)
    )
    later = Profile(
        user_key="aad-1",
        tenant_id="t-1",
        school=None,
        role="medewerker",
        role_source="graph",
        updated_at=NOW + timedelta(days=1),
    )
    await store.profiles.save_profile(later)
    assert await store.profiles.get_profile("aad-1") == later


async def test_profile_datetimes_come_back_in_utc(store: Store) -> None:
    amsterdam = timezone(timedelta(hours=1))
    await store.profiles.save_profile(
        Profile(user_key="aad-3", tenant_id="t-1", updated_at=datetime(2026, 3, 2, 10, 30, tzinfo=amsterdam))
    )
    stored = await store.profiles.get_profile("aad-3")
    assert stored is not None
    assert stored.updated_at == NOW
    assert stored.updated_at.utcoffset() == timedelta(0)


async def test_returned_profile_is_a_copy(store: Store) -> None:
    await store.profiles.save_profile(Profile(user_key="aad-1", tenant_id="t-1", updated_at=NOW))
    first = await store.profiles.get_profile("aad-1")
    assert first is not None
    first.role = "leerling"
    again = await store.profiles.get_profile("aad-1")
    assert again is not None and again.role is None


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValidationError):
        Profile(user_key="aad-1", tenant_id="t-1", updated_at=datetime(2026, 3, 2, 9, 30))  # noqa: DTZ001


async def test_feedback_counts_per_article(store: Store) -> None:
    await store.feedback.add_feedback(feedback(["de-breul:A.8", "de-breul:B.2"], useful=True))
    await store.feedback.add_feedback(feedback(["de-breul:A.8"], useful=False))
    await store.feedback.add_feedback(feedback(["de-breul:A.8"], useful=True))
    assert await store.feedback.feedback_counts("de-breul") == [
        ("de-breul:A.8", 2, 1),
        ("de-breul:B.2", 1, 0),
    ]


async def test_feedback_counts_only_that_school(store: Store) -> None:
    await store.feedback.add_feedback(feedback(["de-breul:A.8"], useful=True))
    await store.feedback.add_feedback(feedback(["het-baken:C.1"], useful=False, school="het-baken"))
    assert await store.feedback.feedback_counts("het-baken") == [("het-baken:C.1", 0, 1)]
    assert await store.feedback.feedback_counts("nowhere") == []


async def test_feedback_without_sources_counts_nothing(store: Store) -> None:
    await store.feedback.add_feedback(feedback([], useful=False))
    assert await store.feedback.feedback_counts("de-breul") == []


async def test_ping_answers(store: Store) -> None:
    assert await store.ping() is True


async def test_a_changed_vote_moves_between_useful_and_not(store: Store) -> None:
    vote = await store.feedback.add_feedback(feedback(["de-breul:A.8", "de-breul:B.2"], useful=True))
    other = await store.feedback.add_feedback(feedback(["de-breul:A.8"], useful=True))
    await store.feedback.change_feedback(vote, useful=False)
    assert vote != other
    assert await store.feedback.feedback_counts("de-breul") == [
        ("de-breul:A.8", 1, 1),
        ("de-breul:B.2", 0, 1),
    ]
