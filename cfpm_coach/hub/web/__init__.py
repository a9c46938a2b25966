"""The hub's web dashboard: server-rendered pages for the central team, signed in by account."""
