"""The safety net: signals of harm recognised in every message, before any protocol answer."""
