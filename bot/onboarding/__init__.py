"""A new school in an afternoon: a rules file drafted from a protocol's text (`python -m bot school new`),
the shared catalogue of situations it proposes from, and the generated list of concepts (docs/concepts.md).

Tools for the person onboarding a school; the bot itself never loads anything from here.
"""
