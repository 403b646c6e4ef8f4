"""Who is asking: the stored profile, with the school settled and the role from Graph when possible."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.conversation.models import CardReply, TurnResult
from bot.conversation.services import Services
from bot.protocol.model import Role
from bot.storage import Profile
from bot.texts import Lang
from cards.role import role_card, school_card

log = logging.getLogger(__name__)


async def load_profile(
    services: Services, user_key: str, tenant_id: str, aad_object_id: str | None
) -> Profile:
    """The stored profile, or a new one; a single-school tenant's school and a Graph role filled in."""
    profile = await services.store.profiles.get_profile(user_key)
    if profile is None or profile.tenant_id != tenant_id:
        profile = Profile(user_key=user_key, tenant_id=tenant_id, updated_at=datetime.now(UTC))
    changed = False
    schools = services.tenant_schools(tenant_id)
    if profile.school not in schools and len(schools) == 1:
        profile = profile.model_copy(update={"school": schools[0]})
        changed = True
    if profile.role is None and services.roles is not None and aad_object_id:
        role = await _graph_role(services, tenant_id, aad_object_id)
        if role is not None:
            profile = profile.model_copy(update={"role": role, "role_source": "graph"})
            changed = True
    if changed:
        await save_profile(services, profile)
    return profile


async def save_profile(services: Services, profile: Profile, **changes: object) -> Profile:
    updated = profile.model_copy(update={**changes, "updated_at": datetime.now(UTC)})
    await services.store.profiles.save_profile(updated)
    return updated


def missing_setup(services: Services, profile: Profile, lang: Lang) -> TurnResult | None:
    """The card to send when school or role is still unknown, else None."""
    schools = services.tenant_schools(profile.tenant_id)
    if profile.school not in schools:
        if not schools:
            from bot.texts import t

            return TurnResult.say(t("reply.unknown_school", lang))
        choices = [services.rules.school(slug).school for slug in schools]
        return TurnResult(replies=(CardReply(card=school_card(choices, lang)),))
    if profile.role is None:
        return TurnResult(replies=(CardReply(card=role_card(lang)),))
    return None


async def _graph_role(services: Services, tenant_id: str, aad_object_id: str) -> Role | None:
    if services.roles is None:
        return None
    try:
        return await services.roles.role_of(tenant_id, aad_object_id)
    except Exception as error:  # Graph is a convenience: fall back to asking
        log.warning("graph role lookup failed: %s", type(error).__name__)
        return None
