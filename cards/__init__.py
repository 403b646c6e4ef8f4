"""Adaptive Cards (schema 1.5) as pure functions, and the models of what comes back from them."""
