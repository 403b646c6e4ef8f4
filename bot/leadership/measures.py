"""The measures a leader can record when closing a case: the school's own sanctions, found in the
sanction sections (ids starting with S) of its protocol, with the articles that name them.

A school without such a section gets the measures the issue names (gesprek met ouders, waarschuwing,
schorsing, aangifte, melding vertrouwensinspecteur). "Geen maatregel", "gesprek met de betrokkenen" and
"iets anders" are always offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.protocol.model import RulesFile
from bot.texts import t

# (code, words in an article that name it), in the order offered.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gesprek_ouders", ("gesprek met ouders",)),
    ("waarschuwing", ("waarschuwing",)),
    ("berisping", ("berisping",)),
    ("devices_innemen", ("innemen van devices",)),
    ("content_verwijderen", ("content (bijvoorbeeld", "content te verwijderen")),
    ("schorsing", ("schorsing",)),
    ("verwijdering", ("verwijdering van school",)),
    ("ontslag", ("ontslag",)),
    ("juridische_stappen", ("juridische stappen",)),
    ("aangifte", ("aangifte",)),
    ("vertrouwensinspecteur", ("vertrouwensinspect",)),
)
DEFAULT = ("gesprek_ouders", "waarschuwing", "schorsing", "aangifte", "vertrouwensinspecteur")
ALWAYS_FIRST = ("geen", "gesprek")
ALWAYS_LAST = ("anders",)


@dataclass(frozen=True)
class Measure:
    code: str
    articles: tuple[str, ...]  # full article ids, e.g. "de-breul:S.5"

    @property
    def label(self) -> str:
        name = t(f"case.measure.{self.code}")
        if not self.articles:
            return name
        short = ", ".join(article.split(":", 1)[1] for article in self.articles)
        return t("case.measure.with_articles", measure=name, articles=short)


def school_measures(rules: RulesFile) -> tuple[Measure, ...]:
    slug = rules.school.slug
    found: dict[str, list[str]] = {}
    for section in rules.sections:
        if not section.id.startswith("S"):
            continue
        for article in section.articles:
            text = article.text.lower()
            for code, words in KEYWORDS:
                if any(word in text for word in words):
                    found.setdefault(code, []).append(f"{slug}:{article.id}")
    derived = [Measure(code, tuple(found[code])) for code, _ in KEYWORDS if code in found]
    if not derived:
        derived = [Measure(code, ()) for code in DEFAULT]
    return (
        *(Measure(code, ()) for code in ALWAYS_FIRST),
        *derived,
        *(Measure(code, ()) for code in ALWAYS_LAST),
    )
