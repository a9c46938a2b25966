"""Use cases the UI and the CLI call. They take and return plain read models, never ORM rows."""
