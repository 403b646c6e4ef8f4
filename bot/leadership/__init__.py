"""Escalation to the school leadership's Teams channel: registration, the cards' actions, delivery."""
