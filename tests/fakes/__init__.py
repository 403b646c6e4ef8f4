"""Offline fakes for the Teams endpoint tests: a Bot Connector and an OpenID server on loopback,
signed test tokens, a test school's rules, a Graph stand-in."""
