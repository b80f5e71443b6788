"""Alembic migrations: every schema change of tmgr since 0.1.0, in order."""
