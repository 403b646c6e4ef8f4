"""`rules/<slug>.yaml` drafted from a protocol's text: details to fill in (TODO), the articles split with
their ids (suspected scan slips commented), and the catalogue's situations the articles appear to cover,
each marked `# REVIEW`. The bot refuses the file while a TODO is left (`bot.protocol.problems.todos`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import yaml

from bot.onboarding.ocr import slips
from bot.onboarding.proposals import DraftedArticle, Proposal, article_roles, propose
from bot.onboarding.splitting import SplitProtocol, split
from bot.protocol.catalogue import Catalogue
from bot.protocol.lexicon import ConceptMatcher
from bot.protocol.model import ROLES, Match, Role, SchoolKind, Translation
from bot.protocol.problems import REVIEW, TODO
from bot.protocol.text import fold

# Whom protocols name, as the word in the text, the contact's key and how a sentence names it.
_CONTACTS = (
    ("leidinggevende", "leidinggevende", "je leidinggevende"),
    ("directie", "directie", "de directie"),
    ("directeur", "directie", "de directie"),
    ("schoolleiding", "schoolleiding", "de schoolleiding"),
    ("teamleider", "teamleider", "de teamleider"),
    ("mentor", "mentor", "de mentor"),
    ("leerkracht", "leerkracht", "de leerkracht"),
    ("vertrouwenspersoon", "vertrouwenspersoon", "de vertrouwenspersoon"),
    ("intern begeleider", "ib", "de intern begeleider"),
    ("functionaris gegevensbescherming", "fg", "de functionaris gegevensbescherming"),
)
# Whom to ask first, per role, of the contacts the text names.
_FIRST_CONTACT: dict[Role, tuple[str, ...]] = {
    "medewerker": ("leidinggevende", "directie", "schoolleiding"),
    "leerling": ("mentor", "leerkracht", "teamleider", "directie", "schoolleiding"),
    "ouder": ("mentor", "leerkracht", "teamleider", "directie", "schoolleiding"),
}
_CHANNELS = (
    ("teams", "Microsoft Teams"),
    ("magister", "Magister"),
    ("somtoday", "Somtoday"),
    ("parro", "Parro"),
    ("social schools", "Social Schools"),
    ("klasbord", "Klasbord"),
    ("outlook", "Outlook"),
)
_INSPECTOR = "{key: vertrouwensinspecteur, name: de Landelijke Vertrouwensinspecteur, phone: 0900-1113111}"
_POLICE = '{key: politie, name: de politie, phone: "112 bij spoed, anders 0900-8844"}'
_ROUTES = (("ask", "whom to ask when the protocol is silent"), ("report_to", "whom a report goes to"))
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True, slots=True)
class Draft:
    text: str  # the YAML file
    sections: int
    articles: int
    proposals: int
    slips: int
    todos: int


def draft(
    text: str,
    slug: str,
    catalogue: Catalogue,
    matcher: ConceptMatcher,
    source: str,
    name: str | None = None,
    kind: SchoolKind | None = None,
) -> Draft:
    """The draft of a school's rules file from its protocol's plain text."""
    protocol = split(text)
    articles = [DraftedArticle(f"{s.id}.{a.label}", a.text) for s in protocol.sections for a in s.articles]
    proposals = propose(articles, catalogue, matcher)
    lines = [
        *_head(slug, name, source, protocol),
        *_school(slug, name, kind, protocol, text),
        *_sections(protocol),
        *_situations(proposals),
    ]
    body = "\n".join(lines) + "\n"
    todo_count = sum(1 for line in lines if not line.lstrip().startswith("#") and TODO in line)
    return Draft(
        text=body,
        sections=len(protocol.sections),
        articles=len(articles),
        proposals=len(proposals),
        slips=sum(1 for line in lines if line.lstrip().startswith("# OCR?")),
        todos=todo_count,
    )


def _head(slug: str, name: str | None, source: str, protocol: SplitProtocol) -> list[str]:
    today = datetime.now(UTC).date().isoformat()
    lines = [
        f"# {name or slug}: drafted by `python -m bot school new {slug}` from {source} on {today}.",
        "# Not ready: the bot refuses this file while a TODO is left. Step by step (docs/nieuwe-school.md):",
        "#   1. fill in every TODO;",
        "#   2. compare each article with the protocol: `# OCR?` marks a suspected scan slip (correct the",
        "#      text, nothing else), and the notes below list text that was not placed as an article;",
        "#   3. review every proposal marked REVIEW: keep, change or delete it, then delete the mark;",
        f"#   4. python -m bot rules check rules/{slug}.yaml",
        "# Format: rules/README.md. Concepts and catalogue: docs/concepts.md.",
    ]
    if protocol.notes:
        lines.append("#\n# Notes from splitting the text:")
        lines += [f"#   - {note}" for note in protocol.notes]
    return [*lines, ""]


def _school(
    slug: str, name: str | None, kind: SchoolKind | None, protocol: SplitProtocol, text: str
) -> list[str]:
    folded = fold(text)
    contacts = {key: phrase for word, key, phrase in _CONTACTS if re.search(rf"\b{word}", folded)}
    lines = [
        "school:",
        f"  slug: {slug}",
        f"  name: {_q(name) if name else TODO + '   # the name as people say it'}",
        f"  kind: {kind or TODO + '   # vo | po | po-kc (primary school with childcare)'}",
        f"  protocol_title: {_q(protocol.title)}   {REVIEW}: the line of the text that says protocol",
        "  contacts:                        # the people the protocol names",
    ]
    if contacts:
        emails = _EMAIL.findall(text)
        for key, phrase in contacts.items():
            email = f", email: {emails[0]}" if key == "fg" and emails else ""
            lines.append(f"    - {{key: {key}, name: {phrase}{email}}}   {REVIEW}: named in the text")
    else:
        lines.append(f"    - {{key: {TODO}, name: {TODO}}}   # e.g. {{key: directie, name: de directie}}")
    external = [e for word, e in (("vertrouwensinspect", _INSPECTOR), ("politie", _POLICE)) if word in folded]
    if external:
        lines.append("  external:")
        lines += [f"    - {e}" for e in external]
    channels = [label for word, label in _CHANNELS if re.search(rf"\b{word}\b", folded)]
    shown = f"[{', '.join(channels)}]   {REVIEW}: named in the text;" if channels else f"[{TODO}]   #"
    lines.append(f"  channels: {shown} the school's own channels: Teams, Parro, Magister, …")
    for field, purpose in (
        ("ask", "whom to ask when the protocol is silent"),
        ("report_to", "whom a report goes to"),
    ):
        lines.append(f"  {field}:   # {purpose}")
        for role in ROLES:
            keys = [k for k in _FIRST_CONTACT[role] if k in contacts][:2]
            value = f"[{', '.join(keys)}]   {REVIEW}" if keys else f"[{TODO}]"
            lines.append(f"    {role}: {value}")
    reporting = _reporting_article(protocol)
    if reporting:
        roles = ", ".join(f"{role}: {_q(reporting)}" for role in ROLES)
        lines.append(f"  report_article: {{{roles}}}   {REVIEW}: the first article that speaks of reporting")
    else:
        lines.append(
            "  # report_article: {leerling: …, ouder: …, medewerker: …}   # the article on how to report, "
            "per role; none speaks of reporting: leave it out if the protocol says nothing about it"
        )
    return [*lines, ""]


def _reporting_article(protocol: SplitProtocol) -> str | None:
    """The id of the first article that speaks of reporting ("melden", "meldt", "gemeld"), to propose as the
    school's article on how to report; a report's answer cites it, and cites none without one."""
    for section in protocol.sections:
        for article in section.articles:
            if re.search(r"\b(?:melden|meldt|meld|gemeld|melding)\b", fold(article.text)):
                return f"{section.id}.{article.label}"
    return None


def _sections(protocol: SplitProtocol) -> Iterator[str]:
    yield "sections:"
    for section in protocol.sections:
        yield f"  - id: {_q(section.id)}"
        yield f"    title: {_q(section.title)}"
        yield f"    summary: {TODO}   # one Dutch sentence: what this section is about (shown by `protocol`)"
        for note in section.notes:
            yield f"    # {note}"
        yield "    articles:"
        for article in section.articles:
            yield f"      - id: {_q(f'{section.id}.{article.label}')}"
            yield f"        roles: [{', '.join(article_roles(section.title, article.text))}]"
            for slip in slips(article.text):
                yield f"        # {slip.comment()}"
            yield f"        text: {_q(article.text)}"
    yield ""


def _situations(proposals: list[Proposal]) -> Iterator[str]:
    yield "situations:                        # most specific first: a tie goes to the one higher up"
    if not proposals:
        yield f"  - id: {TODO}   # no catalogue situation fits the articles: write one (rules/README.md)"
        yield f"    topic: {TODO}"
        yield f"    match: {{all: [{TODO}]}}"
        yield f"    verdict: {TODO}"
        yield f"    sources: [{TODO}]"
        yield f"    answer: {TODO}"
    for proposal in proposals:
        yield from _situation(proposal)


def _situation(proposal: Proposal) -> Iterator[str]:
    entry, wording = proposal.entry, proposal.wording
    found = "; ".join(f"{s.article} ({', '.join(s.concepts)})" for s in proposal.sources)
    how = (
        f'read from {proposal.sources[0].article}: "{proposal.read_from}"'
        if proposal.read_from
        else "default"
    )
    generic = ", generic wording" if proposal.generic else ""
    yield f"  {REVIEW} catalogue {entry.id}, found in {found}; verdict {how}{generic}"
    if not proposal.generic:
        # The catalogue's own wording for this verdict: the situation refers to it and writes only what is
        # the school's (rules/README.md, "from:"); write a field to override the catalogue's.
        yield f"  - from: {entry.id}"
        yield f"    verdict: {_q(proposal.verdict)}"
        yield f"    sources: [{', '.join(_q(s.article) for s in proposal.sources)}]"
        if proposal.quote:
            yield f"    quote: {_q(proposal.quote)}"
        return
    yield f"  - id: {entry.id}"
    if entry.intent != "question":
        yield f"    intent: {entry.intent}"
    yield f"    topic: {_q(entry.topic)}"
    if list(entry.roles) != list(ROLES):
        yield f"    roles: [{', '.join(entry.roles)}]"
    yield f"    match: {_match(entry.match)}"
    yield f"    verdict: {_q(proposal.verdict)}"
    yield f"    sources: [{', '.join(_q(s.article) for s in proposal.sources)}]"
    if proposal.quote:
        yield f"    quote: {_q(proposal.quote)}"
    yield f"    answer: {_q(wording.answer)}"
    if wording.advice:
        yield f"    advice: {_q(wording.advice)}"
    yield from _english(wording.en, entry.topic_en)
    if wording.violations and proposal.verdict in ("yes", "yes_if"):
        yield "    violations:"
        for violation in wording.violations:
            yield f"      - when: {violation.when}"
            if violation.verdict != "no":
                yield f"        verdict: {violation.verdict}"
            yield f"        answer: {_q(violation.answer)}"
            if violation.en:
                yield f"        en: {{answer: {_quoted(violation.en.answer)}}}"


def _english(en: Translation, topic: str) -> Iterator[str]:
    yield "    en:"
    yield f"      answer: {_q(en.answer)}"
    if en.advice:
        yield f"      advice: {_q(en.advice)}"
    yield f"      topic: {_q(topic)}"


def _match(match: Match) -> str:
    parts = [f"all: [{', '.join(match.all)}]"]
    if match.any:
        parts.append(f"any: [{', '.join(match.any)}]")
    if match.none:
        parts.append(f"none: [{', '.join(match.none)}]")
    return "{" + ", ".join(parts) + "}"


_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`")


def _q(value: str) -> str:
    """A YAML scalar for a string: plain when it reads back the same, else double-quoted."""
    plain = (
        value == value.strip()
        and not value.startswith(_UNSAFE_START)
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
    )
    if plain:
        try:
            plain = yaml.safe_load(value) == value
        except yaml.YAMLError:
            plain = False
    return value if plain else _quoted(value)


def _quoted(value: str) -> str:
    """Double-quoted, as a value inside `{…}` must be when it may hold a comma."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
