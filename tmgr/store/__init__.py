"""The store: everything that keeps tmgr's data in a database.

The engine and sessions (``db``), the ORM models (``models``), the schema's state and
Alembic's one home (``schema``, ``schema_head``, ``migrations/``), the tables and their
trigger-kept summaries (``tables``, ``summaries``), the full-text index (``search``),
backups, restores and copies between databases (``backup``, ``restore``, ``copy``), and
the quick status read straight from SQLite with the desk's rules (``quickstatus``,
``deskrules``). A new schema change goes here: the model in ``models`` and a migration
in ``migrations/versions/``.
"""
