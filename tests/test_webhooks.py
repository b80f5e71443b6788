"""Webhooks to a real receiver on 127.0.0.1 that verifies Standard Webhooks signatures."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.conftest import Tmgr
from tests.deskservers import free_port, webhook_receiver
from tests.test_desk import approve_all, team, translate_all  # noqa: F401
from tests.test_notifications import reject

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def add(tmgr: Tmgr, url: str, event: str, secret: str = SECRET) -> int:
    out = tmgr("webhook", "add", url, "--event", event, "--secret", secret).output
    return int(out.split()[1].rstrip(":"))


def test_document_approved_is_signed_and_sent_once(tmgr: Tmgr, team: str,  # noqa: F811
                                                   db_url: str) -> None:
    translate_all(db_url, team, "be", "ann")
    with webhook_receiver(SECRET) as receiver:
        add(tmgr, receiver.url, "document.approved")
        approve_all(db_url, team, "be", "rita", upto=3)
        tmgr("notify", "run")
        assert receiver.received == []  # not fully approved yet
        approve_all(db_url, team, "be", "rita")
        tmgr("notify", "run")
        (got,) = receiver.wait_for(1)
    event = got["json"]
    assert event["type"] == "document.approved"
    assert event["data"]["document"] == team and event["data"]["lang"] == "be"
    assert event["timestamp"].endswith("Z")
    assert got["headers"]["webhook-id"].startswith("msg_")
    assert got["path"] == "/hooks/tmgr"
    log = json.loads(tmgr("webhook", "log", "--json").output)
    assert [(d["event"], d["state"], d["status"]) for d in log] == \
        [("document.approved", "delivered", 204)]


def test_a_generated_secret_is_printed_once_and_used(tmgr: Tmgr, team: str,  # noqa: F811
                                                    db_url: str) -> None:
    translate_all(db_url, team, "be", "ann", upto=1)
    out = tmgr("webhook", "add", "http://127.0.0.1:9/x", "--event", "segment.rejected").output
    secret = out.split("secret (shown once, give it to the receiver): ")[1].strip()
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    assert secret not in tmgr("webhook", "list").output
    with webhook_receiver(secret) as receiver:
        tmgr("webhook", "remove", "1")
        add(tmgr, receiver.url, "segment.rejected", secret)
        segment_id = reject(db_url, team, 0, "rita", "Wrong term.")
        tmgr("notify", "run")
        (got,) = receiver.wait_for(1)
    data = got["json"]["data"]
    assert got["json"]["type"] == "segment.rejected"
    assert (data["document"], data["lang"], data["segment"], data["comment"], data["by"]) \
        == (team, "be", segment_id, "Wrong term.", "rita")


def test_a_receiver_with_another_secret_refuses_and_nothing_counts_as_delivered(
        tmgr: Tmgr, team: str, db_url: str) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann", upto=1)
    with webhook_receiver("whsec_" + base64.b64encode(b"x" * 32).decode()) as receiver:
        add(tmgr, receiver.url, "segment.rejected")
        reject(db_url, team, 0, "rita", "No.")
        tmgr("notify", "run")
        assert receiver.requests == 1 and receiver.received == []
    (delivery,) = json.loads(tmgr("webhook", "log", "--json").output)
    assert (delivery["state"], delivery["status"]) == ("queued", 401)


def test_failures_are_retried_with_the_same_id(tmgr: Tmgr, team: str,  # noqa: F811
                                               db_url: str) -> None:
    translate_all(db_url, team, "be", "ann", upto=1)
    with webhook_receiver(SECRET) as receiver:
        receiver.script.extend([500, 503])
        add(tmgr, receiver.url, "segment.rejected")
        # the reject is a service call: its delivery waits for the next run
        reject(db_url, team, 0, "rita", "Again.")
        first = tmgr("notify", "run")
        assert "HTTP 500" in first.stderr and "retried" in first.stderr
        (delivery,) = json.loads(tmgr("webhook", "log", "--json").output)
        assert (delivery["state"], delivery["attempts"], delivery["error"]) == \
            ("queued", 1, "HTTP 500")
        tmgr("notify", "run")
        tmgr("notify", "run")
        (got,) = receiver.wait_for(1)
        assert receiver.requests == 3
    assert got["headers"]["webhook-id"] == delivery["message_id"]
    (delivery,) = json.loads(tmgr("webhook", "log", "--json").output)
    assert (delivery["state"], delivery["attempts"]) == ("delivered", 3)


def test_unreachable_endpoint_one_line_and_the_export_stands(
        tmgr: Tmgr, team: str, db_url: str, tmp_path: Path) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann")
    approve_all(db_url, team, "be", "rita")
    add(tmgr, f"http://127.0.0.1:{free_port()}/hook", "document.exported")
    out = tmp_path / "out"
    result = tmgr("export", team, "--lang", "be", "--format", "txt", "--out", str(out))
    assert (out / "be" / f"{team}.txt").is_file()
    warnings = [line for line in result.stderr.splitlines() if line]
    assert len(warnings) == 1 and "connection refused" in warnings[0]
    (delivery,) = json.loads(tmgr("webhook", "log", "--json").output)
    assert json.loads(tmgr("status", team, "--lang", "be", "--json").output)[0]["stage"] == \
        "published"
    assert delivery["event"] == "document.exported" and delivery["state"] == "queued"


def test_exported_event_only_for_final_texts(tmgr: Tmgr, team: str, db_url: str,  # noqa: F811
                                             tmp_path: Path) -> None:
    with webhook_receiver(SECRET) as receiver:
        add(tmgr, receiver.url, "document.exported")
        tmgr("export", team, "--lang", "be", "--format", "txt,po", "--allow-partial",
             "--out", str(tmp_path))
        assert receiver.requests == 0  # a draft is not a publication
        translate_all(db_url, team, "be", "ann")
        approve_all(db_url, team, "be", "rita")
        tmgr("export", team, "--lang", "be", "--format", "txt,html", "--out", str(tmp_path))
        (got,) = receiver.wait_for(1)
    assert got["json"]["data"]["formats"] == ["html", "txt"]


@pytest.mark.parametrize(("args", "message"), [
    (("ftp://example.org/x", "--event", "document.approved"), "not a webhook address"),
    (("http://127.0.0.1/x", "--event", "document.approved", "--secret", "whsec_!!"),
     "not base64"),
    (("http://u:p@127.0.0.1/x", "--event", "document.approved"), "no credentials"),
])
def test_bad_webhooks_are_refused(tmgr: Tmgr, env: dict, args: tuple, message: str) -> None:
    result = tmgr("webhook", "add", *args, ok=False)
    assert result.exit_code == 1 and message in result.stderr
    assert json.loads(tmgr("webhook", "list", "--json").output) == []


def test_unknown_event_is_a_usage_error(tmgr: Tmgr, env: dict) -> None:
    result = tmgr("webhook", "add", "http://127.0.0.1/x", "--event", "doc.gone", ok=False)
    assert result.exit_code == 2 and "doc.gone" in result.output


def test_removed_webhooks_get_nothing(tmgr: Tmgr, team: str, db_url: str) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann", upto=1)
    with webhook_receiver(SECRET) as receiver:
        hook = add(tmgr, receiver.url, "segment.rejected")
        assert "removed webhook" in tmgr("webhook", "remove", str(hook)).output
        reject(db_url, team, 0, "rita", "No.")
        tmgr("notify", "run")
        assert receiver.requests == 0
    assert tmgr("webhook", "remove", str(hook), ok=False).exit_code == 1
