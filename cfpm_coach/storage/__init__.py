"""The local store: SQLModel tables, engine and pragmas, migrations, repositories. The only SQL."""
