"""Durable delivery of what the bot sends on its own initiative: ports, backoff and the outbox worker."""
