"""`python -m bot school new`, `python -m bot rules concepts` and `python -m bot rules list`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, get_args

from bot.onboarding.concepts_doc import concepts_markdown
from bot.onboarding.draft import draft
from bot.protocol.loader import LEXICON_FILE, compile_lexicon, load_catalogue, load_lexicon, school_slugs
from bot.protocol.model import SchoolKind

EXIT_USAGE = 2
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CONCEPTS_FILE = Path(__file__).resolve().parents[2] / "docs" / "concepts.md"


def add_school_commands(commands: Any) -> None:
    """`school new` on `python -m bot`'s subparsers."""
    school = commands.add_parser("school", help="onboard a new school")
    actions = school.add_subparsers(required=True, metavar="ACTION")
    new = actions.add_parser("new", help="draft rules/<slug>.yaml from the protocol's plain text")
    new.add_argument("slug", help="the school's slug: lower case and hyphens, e.g. het-baken")
    new.add_argument("--from", dest="source", type=Path, required=True, help="the protocol as plain text")
    new.add_argument("--name", help="the school's name, e.g. 'Het Baken' (else TODO)")
    new.add_argument("--kind", choices=get_args(SchoolKind), help="vo | po | po-kc (else TODO)")
    new.add_argument("--out", type=Path, help="where to write the draft (default: rules/<slug>.yaml)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(handler=_school_new)


def add_rules_commands(actions: Any) -> None:
    """`rules concepts` and `rules list` on the `rules` command's subparsers."""
    concepts = actions.add_parser("concepts", help="write docs/concepts.md: shared concepts and catalogue")
    concepts.add_argument("--out", type=Path, default=CONCEPTS_FILE)
    concepts.set_defaults(handler=_rules_concepts)
    listing = actions.add_parser("list", help="the schools in rules/, one slug a line")
    listing.set_defaults(handler=lambda args: print("\n".join(school_slugs(args.rules))) or 0)


def _school_new(args: argparse.Namespace) -> int:
    slug: str = args.slug
    if not _SLUG.fullmatch(slug):
        print(
            f"ongeldige slug {slug!r}: kleine letters, cijfers en streepjes, bv. het-baken", file=sys.stderr
        )
        return EXIT_USAGE
    out: Path = args.out or args.rules / f"{slug}.yaml"
    if out.exists() and not args.force:
        print(
            f"{out} bestaat al; kies een andere slug of gebruik --force om te overschrijven", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        text = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"kan {args.source} niet lezen als UTF-8-tekst: {exc}", file=sys.stderr)
        return EXIT_USAGE
    matcher = compile_lexicon(load_lexicon(args.rules / LEXICON_FILE))
    result = draft(
        text, slug, load_catalogue(args.rules, matcher), matcher, args.source.name, args.name, args.kind
    )
    out.write_text(result.text, encoding="utf-8")
    print(f"Concept geschreven: {out}")
    print(f"  {result.sections} secties, {result.articles} artikelen")
    print(f"  {result.slips} vermoedelijke scanfouten (# OCR?)")
    print(f"  {result.proposals} situaties voorgesteld uit de catalogus (# REVIEW)")
    print(f"  {result.todos} TODO's om in te vullen")
    print("Volgende stap: vul de TODO's in, bekijk elke # REVIEW en controleer met")
    print(f"  python -m bot rules check {out}")
    print("Handleiding: docs/nieuwe-school.md")
    return 0


def _rules_concepts(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(concepts_markdown(args.rules), encoding="utf-8")
    print(f"geschreven: {out}")
    return 0
