"""A new school in an afternoon: a rules file drafted from a protocol's text (`python -m bot school new`),
proposing situations from the shared catalogue (`bot.protocol.catalogue`), and the generated list of
concepts and catalogue entries (docs/concepts.md).

Tools for the person onboarding a school; the bot itself never loads anything from here.
"""
