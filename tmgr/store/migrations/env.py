"""Alembic's environment: runs migrations on the connection tmgr hands over.

``tmgr db upgrade`` (and ``tmgr init``) pass an open connection in
``config.attributes["connection"]``; the ``alembic`` command line (developers:
``alembic check``, ``alembic revision --autogenerate``) connects to
TMGR_DATABASE_URL, or to ``sqlalchemy.url`` when it is set.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from tmgr.config import load_settings
from tmgr.store.db import make_engine
from tmgr.store.models import Base
from tmgr.store.search import is_search_table

config = context.config
target_metadata = Base.metadata


def _include(obj: object, name: str | None, kind: str, reflected: bool,
             compare_to: object) -> bool:
    """Everything but the full-text index (i25b_1), which the models do not describe."""
    if name is None:
        return True
    if kind == "table":
        return not is_search_table(name)
    return not (kind == "index" and name.startswith("ix_search_"))


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True, include_object=_include)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or load_settings().database_url
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("tmgr migrations run online only: use `tmgr db upgrade`")
run_migrations_online()
