"""``create_app(config)`` sets the database and every setting: no environment juggling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmgr.config import load_settings
from tmgr.errors import TmgrError
from tmgr.web import create_app


def _elsewhere(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Point the environment at a database that does not exist and other languages."""
    monkeypatch.setenv("TMGR_DATABASE_URL", f"sqlite:///{tmp_path / 'nowhere' / 'x.sqlite3'}")
    monkeypatch.setenv("TMGR_LANGUAGES", "uk")
    monkeypatch.setenv("TMGR_INSTANCE", str(tmp_path / "env-instance"))


def test_config_sets_database_languages_instance_and_tables(
        sample_doc: str, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _elsewhere(monkeypatch, tmp_path)
    with pytest.raises(TmgrError, match="no tmgr tables"):
        create_app()  # the environment's database is empty
    instance = tmp_path / "given-instance"
    app = create_app({"database_url": db_url, "languages": ["be", "ru"],
                      "instance_path": str(instance), "review": {"four_eyes": False},
                      "TESTING": True})
    settings = app.extensions["tmgr.settings"]
    assert app.extensions["tmgr.database"].url == db_url
    assert settings.languages == ("be", "ru")
    assert settings.get("review.four_eyes") is False
    assert (instance / "secret_key").is_file()
    assert app.config["TESTING"] is True
    page = app.test_client().get("/login")
    assert page.status_code == 200
    app.extensions["tmgr.database"].dispose()


def test_config_can_be_a_settings_object(
        sample_doc: str, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(overrides={"database_url": db_url,
                                        "instance_path": str(tmp_path / "inst")})
    _elsewhere(monkeypatch, tmp_path)
    app = create_app(settings)
    assert app.extensions["tmgr.settings"] is settings
    assert app.test_client().get("/login").status_code == 200
    app.extensions["tmgr.database"].dispose()


def test_a_bad_setting_in_config_is_one_clear_error(tmp_path: Path, db_url: str) -> None:
    with pytest.raises(TmgrError, match="unknown language code"):
        create_app({"database_url": db_url, "languages": ["xx-nonsense"],
                    "instance_path": str(tmp_path)})
