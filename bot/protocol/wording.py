"""How an answer is worded: the frame around what the rules file says, in Dutch and English."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.protocol.answer import Quote, Suggestion
from bot.protocol.model import Contact

Lang = str  # "nl" | "en"

_FRAMES: dict[str, dict[str, str]] = {
    "nl": {
        "cite": "Zo staat het in artikel {id} ({section}):",
        "unknown": "Dat staat niet in het socialemediaprotocol van {school}, dus ik ga er niet naar gissen.",
        "ask": "Vraag het aan {contacts}.",
        "maybe": "Bedoel je misschien: {options}?",
        "maybe_item": "{topic} (artikel {id})",
        "report_where": "Melden kan bij {contacts}.",
        "report_uncovered": (
            "Wat naar dat dit gebeurt. Het protocol van {school} zegt niet precies waar je dit meldt, "
            "maar je hoeft het niet alleen op te lossen."
        ),
        "report_here": "Je kunt het ook hier melden met Meld iets: dat duurt minder dan een minuut.",
        "report_covered": (
            "Wat naar dat dit gebeurt. Je hoeft het niet alleen op te lossen: meld het, "
            "zoals het protocol vraagt."
        ),
        "or": " of ",
        "and": " en ",
        "also": "Je tweede vraag:",
        "for_staff": "Voor medewerkers zegt het protocol:",
        "must": "Ja, dat moet:",
        "need_not": "Nee, dat hoeft niet:",
    },
    "en": {
        "cite": "This is what article {id} ({section}) says:",
        "unknown": "The social media protocol of {school} does not cover this, so I won't guess.",
        "ask": "Please ask {contacts}.",
        "maybe": "Did you mean: {options}?",
        "maybe_item": "{topic} (article {id})",
        "report_where": "You can report it to {contacts}.",
        "report_uncovered": (
            "I'm sorry this is happening. The protocol of {school} does not say where to report it, "
            "but you don't have to deal with it alone."
        ),
        "report_here": "You can also report it here with Meld iets (Report): it takes less than a minute.",
        "report_covered": (
            "I'm sorry this is happening. You don't have to deal with it alone: report it, "
            "as the protocol asks."
        ),
        "or": " or ",
        "and": " and ",
        "also": "Your second question:",
        "for_staff": "For staff, the protocol says:",
        "must": "Yes, you must:",
        "need_not": "No, you don't have to:",
    },
}


def frame(lang: Lang, key: str, **values: str) -> str:
    return _FRAMES.get(lang, _FRAMES["nl"])[key].format(**values)


_YES_NO = re.compile(r"^(ja|nee|yes|no)\s*[,:;.!]\s*", re.IGNORECASE)
# First words of a headline that go lower case after "Ja, dat moet:"; any other (LinkedIn, Facebook, De Marel)
# keeps its capital.
_PLAIN_START = frozenset(
    "je jij jouw de het een dat die dit deze met als alleen zolang er in op voor niet geen ook zo "  # noqa: SIM905
    "you your the a an only as that this it there on with not no".split()
)


def as_obligation(headline: str, verdict: str, lang: Lang) -> str:
    """A situation's headline answering "moet ik …?" instead of "mag ik …?": its own "Ja,"/"Nee," gives way
    to "Ja, dat moet:" / "Nee, dat hoeft niet:" (`verdict`: the obligation's, yes or no)."""
    rest = _YES_NO.sub("", headline, count=1)
    first = rest.split(" ", 1)[0]
    if first.lower() in _PLAIN_START:
        rest = first.lower() + rest[len(first) :]
    return f"{frame(lang, 'must' if verdict == 'yes' else 'need_not')} {rest}"


def contact_phrase(contact: Contact) -> str:
    """`de functionaris gegevensbescherming (privacyvragen@de-breul.nl)`."""
    details = [d for d in (contact.email, contact.phone) if d]
    if contact.hours and contact.phone:
        details[-1] += f", {contact.hours}"
    return f"{contact.name} ({', '.join(details)})" if details else contact.name


def join(items: Sequence[str], lang: Lang, last: str = "or") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + frame(lang, last) + items[-1]


def cited(quote: Quote, lang: Lang) -> str:
    local_id = quote.article_id.split(":", 1)[1]
    return f'{frame(lang, "cite", id=local_id, section=quote.section_title)}\n"{quote.quoted}"'


def maybe(suggestions: Sequence[Suggestion], lang: Lang) -> str:
    options = [
        frame(lang, "maybe_item", topic=s.topic, id=s.article_id.split(":", 1)[1]) for s in suggestions
    ]
    return frame(lang, "maybe", options=join(options, lang))


def paragraphs(*parts: str | None) -> str:
    return "\n\n".join(part for part in parts if part)
