"""Incident reports: the domain model, its state machine and the messages it sends (no botbuilder)."""
