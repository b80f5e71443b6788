"""Migration i27a_1 on a real tmgr 0.1.0 database: imported memory units keep who
approved them (TMX ``changeid``); the 0.1.0 units stay as they were."""

from __future__ import annotations

from sqlalchemy import select, text

from tests.test_migrations import _snapshot, legacy_url, revision_before  # noqa: F401  (fixture)
from tmgr.exchange.export import export_memory
from tmgr.formats import FORMATS
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import TMUnit
from tmgr.tm.memory import add_tm_units


def _tmx(pairs: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="x" '
            f'adminlang="en" srclang="en" datatype="plaintext"/><body>{pairs}</body></tmx>'
            ).encode()


def test_i27a_1_keeps_010_units_and_stores_who_approved_new_ones(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    database.upgrade()
    schema.downgrade(database.engine, revision_before("i27a_1"))
    before = _snapshot(database, {"tm_units"})["tm_units"]
    assert before, "the 0.1.0 fixture has memory units"
    database.upgrade()
    after = _snapshot(database, {"tm_units"})["tm_units"]
    assert [{k: v for k, v in row.items() if k != "changed_by"} for row in after] == before
    assert {row["changed_by"] for row in after} == {None}
    memory = FORMATS["tmx"].load(_tmx(  # type: ignore[union-attr]
        '<tu><tuv xml:lang="en"><seg>Brest is in the west.</seg></tuv>'
        '<tuv xml:lang="be" changedate="2025-03-04T05:06:07Z" changeid="alesia">'
        "<seg>Брэст на захадзе.</seg></tuv></tu>"), "omegat.tmx")
    with database.transaction() as session:
        assert add_tm_units(session, memory.pairs) == 1
    with database.transaction(readonly=True) as session:
        unit = session.scalars(select(TMUnit).where(TMUnit.lang == "be")
                               .order_by(TMUnit.id.desc())).first()
        assert unit is not None and unit.changed_by == "alesia"
        exported = export_memory(session, ["be", "ru"]).decode()
    assert 'changedate="20250304T050607Z" changeid="alesia"' in exported
    if database.engine.dialect.name == "sqlite":  # no table rebuild: the triggers stay
        with database.engine.connect() as connection:
            triggers = connection.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'tm_units'")).all()
        assert triggers
    database.dispose()
