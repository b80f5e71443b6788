"""Every page passes axe-core (from npm, installed into a cache folder by this test's
setup; nothing third-party is kept in the repository) with no serious or critical
violations."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, LiveServer
from tmgr.documents.ingest import load_document

pytestmark = pytest.mark.browser
AXE_VERSION = "4"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe.min.js, installed once with npm into the user's cache folder."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tmgr-tests"
    script = cache / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is missing: axe-core cannot be installed")
        done = subprocess.run([npm, "install", "--prefix", str(cache / "axe"), "--no-save",
                               "--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}"],
                              capture_output=True, text=True, timeout=300, check=False)
        if done.returncode != 0 or not script.exists():
            pytest.skip(f"npm could not install axe-core: {done.stderr.strip()[-300:]}")
    return script


def serious_violations(page: Page, script: Path) -> list[str]:
    page.add_script_tag(path=str(script))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target}`);
    }""")
    return list(found)


def _pages(server: LiveServer) -> list[str]:
    with server.database.transaction() as session:
        first = load_document(session, server.slug).segments[0].id
    doc = f"doc/{server.slug}/be"
    return ["", f"documents/{server.slug}", doc, f"{doc}/read", f"{doc}/segment/{first}",
            "notifications", "account", "words", "concordance?q=Minsk", "replace",
            "no-such-page"]


def _signed_in(browser, server: LiveServer, name: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB",
                                  bypass_csp=True)  # axe-core goes in as an inline script
    page = context.new_page()
    page.goto(server.url + "login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(server.url)
    return context, page


def test_the_managers_pages_have_no_serious_violations(browser, live_server,  # type: ignore[no-untyped-def]
                                                       axe_script) -> None:
    from tmgr.people.users import create_user

    with live_server.database.transaction() as session:
        create_user(session, "boss", role="admin", languages=["be"], password=PASSWORD,
                    configured=("be", "ru"))
    context, page = _signed_in(browser, live_server, "boss")
    report: dict[str, list[str]] = {}
    for path in ("dashboard", "reports/mt", "admin/users", "admin/outbox", "export"):
        page.goto(live_server.url + path)
        found = serious_violations(page, axe_script)
        print(f"\naxe-core on /{path}: {len(found)} serious/critical {found}")
        if found:
            report[path] = found
    context.close()
    assert not report, report


def test_no_serious_or_critical_violations_on_any_page(browser, live_server,  # type: ignore[no-untyped-def]
                                                       axe_script) -> None:
    context, page = _signed_in(browser, live_server, "rev_be")
    report: dict[str, list[str]] = {}
    for path in _pages(live_server):
        page.goto(live_server.url + path)
        expect(page.locator("main, body").first).to_be_visible()
        found = serious_violations(page, axe_script)
        print(f"\naxe-core on /{path}: {len(found)} serious/critical {found}")
        if found:
            report[path] = found
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    page.locator("#article textarea").first.click()  # the editor with its side panel open
    expect(page.locator("#panel h2")).to_be_visible()
    found = serious_violations(page, axe_script)
    if found:
        report["editor with the side panel"] = found
    context.close()
    assert not report, report


#: axe-core's rules on landmarks, names and labels: a screen reader's way around the editor
LANDMARK_AND_LABEL_RULES = [
    "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique",
    "landmark-complementary-is-top-level", "landmark-main-is-top-level",
    "landmark-banner-is-top-level", "region", "label", "aria-input-field-name",
    "button-name", "link-name", "select-name", "aria-allowed-attr", "aria-valid-attr-value",
    "bypass",
]


def landmark_violations(page: Page, script: Path) -> list[str]:
    """Every violation of the landmark and label rules, whatever its impact."""
    page.add_script_tag(path=str(script))
    found = page.evaluate("""async (rules) => {
        const result = await axe.run(document, {runOnly: {type: "rule", values: rules},
                                                resultTypes: ["violations"]});
        return result.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} × `
                                          + `${v.nodes[0].target}`);
    }""", LANDMARK_AND_LABEL_RULES)
    return list(found)


def test_the_editor_has_landmarks_labels_and_says_what_an_action_did(  # type: ignore[no-untyped-def]
        browser, live_server, axe_script) -> None:
    context, page = _signed_in(browser, live_server, "rev_be")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    expect(page.get_by_role("main")).to_have_count(1)
    for name in ("Pages", "Language"):  # the site's pages, and the text's languages and views
        expect(page.get_by_role("navigation", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Segments of the text")).to_be_visible()
    first = page.get_by_role("textbox", name="Translation of segment 1", exact=True)
    expect(first).to_be_visible()
    first.click()  # the side panel opens beside the segment
    panel = page.get_by_role("complementary", name="Segment details", exact=False)
    expect(panel.locator("h2")).to_contain_text("Segment 1")
    found = landmark_violations(page, axe_script)
    print(f"\naxe-core landmark and label rules on the editor: {found}")
    assert not found, found
    live = page.get_by_role("status").and_(page.locator("#key-announce"))
    first.fill("Лукашэнка выступае за перамовы з Украінай.")
    page.keyboard.press("Control+Enter")  # save: the live region says so, with the row
    expect(live).to_have_text("1 · Saved")
    page.keyboard.press("Alt+ArrowUp")  # back to segment 1, which this reviewer wrote
    expect(first).to_be_focused()
    page.keyboard.press("Control+Shift+Enter")  # approve: refused, and said so
    expect(live).to_contain_text("1 · Not approved")
    context.close()
