"""What the bot says first when someone may be in trouble: care, who helps now, then the report form.

The help lines are settings (`HELPLINE_*`, deployment/README.md) with the Dutch national services as
defaults; the sentences live in bot/texts with every other text.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.protocol.model import Role
from bot.safety.model import Tier
from bot.texts import Lang, t


class HelpLines(BaseModel):
    """Services named in the care text. Numbers as dialled (`tel:` links are made from them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    emergency: str = "112"
    police: str = "0900-8844"
    suicide_prevention: str = "113"
    suicide_prevention_free: str = "0800-0113"
    suicide_prevention_site: str = "113.nl"
    child_line: str = "0800-0432"
    child_line_site: str = "kindertelefoon.nl"
    online_abuse_site: str = "helpwanted.nl"


def care_lines(tier: Tier, role: Role, lang: Lang, lines: HelpLines) -> tuple[str, ...]:
    """The care text for a tier, one paragraph a line: first what matters most right now."""
    values = lines.model_dump()
    child = role == "leerling"
    # A parent or member of staff is mostly telling of someone else (a child, a colleague): what to do is
    # said to the adult who helps, not to the one it happens to ("Laat niets meer sturen …").
    adult = "" if child else ".adult"
    keys: list[str]
    match tier:
        case Tier.ACUTE:
            keys = ["care.acute.first", "care.emergency", "care.acute.113"]
            keys.append("care.child_line" if child else "care.acute.adult")
            keys.append(f"care.acute.tell{adult}")
        case Tier.DANGER:
            keys = [f"care.danger.first{adult}", "care.emergency", "care.danger.police", "care.danger.keep"]
            if child:
                keys.append("care.child_line")
        case Tier.SEXUAL:
            keys = [
                f"care.sexual.first{adult}",
                f"care.sexual.do{adult}",
                "care.sexual.help",
                "care.sexual.police",
            ]
            if child:
                keys.append("care.child_line")
        case _:
            return ()
    return tuple(t(key, lang, **values) for key in keys)


def dial(number: str) -> str:
    """A `tel:` link for a number as written ("0800-0113" → "tel:08000113")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")
