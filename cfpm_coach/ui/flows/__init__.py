"""Use cases as the window runs them: ask, run on the database worker, show the result."""
