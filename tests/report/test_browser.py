"""Headless Chromium opens every report and the index from disk with the network off: no console
errors, no visible code, the injected search term shown as text, tables that sort on click.

Skipped with the reason shown where Chromium is absent (``apt-get install chromium``); in CI
(``CI`` set) a missing Chromium is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

from .conftest import INJECTED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must have Chromium for the browser test: .ci/run installs it with apt-get")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def _open(browser, path):
    context = browser.new_context(offline=True, viewport={"width": 1366, "height": 900})
    blocked, errors, dialogs = [], [], []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith("file:")
            else (blocked.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    if path.name != "index.html":  # interactive tables are built by script after load
        page.wait_for_function("document.querySelectorAll('table[id^=t]:not(.dataTable)').length === 0", timeout=15_000)
    return context, page, blocked, errors, dialogs


def _pages(batch):
    return sorted(batch["dir"].glob("*.html"))


def test_every_page_renders_offline_without_errors_or_code(browser, batch):
    shots = batch["dir"] / "screenshots"  # beside the reports, in the test's own temporary folder
    shots.mkdir(exist_ok=True)
    pages = _pages(batch)
    assert len(pages) == 4  # three reports and the index
    for path in pages:
        context, page, blocked, errors, dialogs = _open(browser, path)
        try:
            page.screenshot(path=str(shots / f"{path.stem}.png"), full_page=False)
            assert errors == [], (path.name, errors)
            assert blocked == [], (path.name, blocked)
            assert dialogs == [], (path.name, dialogs)
            assert page.locator(".jp-InputArea-editor:visible, .jp-InputPrompt:visible").count() == 0
            text = page.inner_text("body")
            assert "import " not in text and "notebook.setup(" not in text, path.name
            if path.name != "index.html":
                assert page.locator("nav.sellerops-toc a").count() >= 3
                assert page.locator('img[src^="data:image/svg+xml"]').count() >= 1  # figures, inline
        finally:
            context.close()


def test_injected_search_term_shows_as_text(browser, batch):
    context, page, _, errors, dialogs = _open(browser, batch["dir"] / "00_data_health__hostile.html")
    try:
        page.fill("input[type=search] >> nth=0", "onerror")  # the files table's search box
        page.wait_for_function("document.body.innerText.includes('onerror=alert')", timeout=5_000)
        assert INJECTED in page.inner_text("body")
        assert page.locator('img[src="x"]').count() == 0
        assert dialogs == [] and errors == []
    finally:
        context.close()


def test_tables_sort_on_click(browser, batch):
    context, page, *_ = _open(browser, batch["dir"] / "00_data_health__us.html")
    try:
        table = page.locator("table.dataTable").first
        header = table.locator("thead th").nth(1)  # "kind"

        def column():
            return [c.strip() for c in table.locator("tbody tr td:nth-child(2)").all_inner_texts()]

        before = column()
        header.click()
        page.wait_for_function(
            "h => h.getAttribute('aria-sort') === 'ascending'", arg=header.element_handle(), timeout=5_000
        )
        first = column()
        header.click()
        page.wait_for_function(
            "h => h.getAttribute('aria-sort') === 'descending'", arg=header.element_handle(), timeout=5_000
        )
        second = column()
        assert first == sorted(first) and second == sorted(second, reverse=True)
        assert first != second and (before != first or before != second)
        page.screenshot(path=str(batch["dir"] / "sorted_table.png"))
    finally:
        context.close()
