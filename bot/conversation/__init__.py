"""Turn logic: one module per kind of incoming thing, on our own models (no botbuilder here)."""
