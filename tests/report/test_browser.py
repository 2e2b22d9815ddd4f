"""Headless Chromium opens every report and the index from disk with the network off, at 1366 × 900:
no console errors, no visible code, nothing wider than the screen (a wide table scrolls inside its
own box), numbers right-aligned and text left-aligned in static and interactive tables, the
injected search term shown as text, tables that sort on click, and a print layout without the
tables' controls that prints every row.

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


WIDTH = 1366

#: Elements that end past the right edge of the screen (or start before its left edge), except
#: inside a box that scrolls or clips and itself fits on the screen.
_OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const clips = (el) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || (r.right <= edge && r.left >= -1)) continue;
    let box = el.parentElement, boxed = false;
    for (; box && box !== document.body; box = box.parentElement) {
      if (clips(box) && box.getBoundingClientRect().right <= edge) { boxed = true; break; }
    }
    if (!boxed) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return out.slice(0, 10);
}"""

#: Per table (static: pandas Styler, interactive: DataTables), the cells of columns whose every
#: non-empty cell on screen is a number, and of columns of words (no number); with their computed
#: alignment. Mixed columns (a KPI's value: "65,402", "4 of 4") are not judged.
_ALIGNMENT = r"""() => {
  const number = /^[\u2264\u2265<>]?\s?[-+\u2212]?[$\u00a3\u20ac\u00a5\u20b9]?\d[\d,]*(\.\d+)?\s?(%|\u2605|days|hours)?$/;
  const out = {static: {numbers: 0, text: 0, wrong: []}, interactive: {numbers: 0, text: 0, wrong: []}};
  for (const table of document.querySelectorAll(".jp-OutputArea-output table")) {
    const kind = table.classList.contains("dataTable") ? "interactive" : /^T_/.test(table.id) ? "static" : null;
    if (!kind || !table.tBodies.length || table.getBoundingClientRect().height === 0) continue;
    const columns = new Map();
    for (const row of table.tBodies[0].rows) {
      for (const cell of row.cells) {
        const text = cell.innerText.trim();
        if (!text) continue;
        if (!columns.has(cell.cellIndex)) columns.set(cell.cellIndex, []);
        columns.get(cell.cellIndex).push([cell, text]);
      }
    }
    for (const cells of columns.values()) {
      const numeric = cells.every(([, text]) => number.test(text));
      const words = !cells.some(([, text]) => number.test(text)) && cells.some(([, text]) => /[A-Za-z]/.test(text));
      if (!numeric && !words) continue;
      for (const [cell, text] of cells) {
        const align = getComputedStyle(cell).textAlign;
        const ok = numeric ? ["right", "end"].includes(align) : ["left", "start"].includes(align);
        out[kind][numeric ? "numbers" : "text"] += 1;
        if (!ok) out[kind].wrong.push(`${table.id || "table"}: ${text.slice(0, 40)} (${align})`);
      }
    }
  }
  return out;
}"""


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


def test_nothing_is_wider_than_a_1366_pixel_screen(browser, batch):
    for path in _pages(batch):
        context, page, *_ = _open(browser, path)
        try:
            assert page.evaluate("window.innerWidth") == WIDTH
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path.name
            assert page.evaluate(_OVERFLOWING) == [], path.name
        finally:
            context.close()


def test_numbers_are_right_aligned_and_text_left_aligned(browser, batch):
    seen = {"static": 0, "interactive": 0}
    for path in _pages(batch):
        if path.name == "index.html":
            continue
        context, page, *_ = _open(browser, path)
        try:
            found = page.evaluate(_ALIGNMENT)
            for kind in seen:
                assert found[kind]["wrong"] == [], (path.name, kind, found[kind]["wrong"][:5])
                seen[kind] += found[kind]["numbers"]
                assert found[kind]["text"] > 0, (path.name, kind)
        finally:
            context.close()
    assert seen["static"] > 0 and seen["interactive"] > 0, seen


def test_the_index_cards_fit_and_show_their_lights(browser, batch):
    context, page, _, errors, _ = _open(browser, batch["dir"] / "index.html")
    try:
        lights = page.locator("article.card header .light").all_inner_texts()
        assert len(lights) == 4 and "failed" in lights
        light = page.locator("article.card.status-failed header .light").first
        colour = light.evaluate("e => getComputedStyle(e).color")
        assert colour == "rgb(207, 34, 46)"  # red
        assert not page.locator("details.record table").first.is_visible()  # the run record starts collapsed
        page.locator("details.record summary").click()
        assert page.locator("details.record table").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
        assert errors == []
    finally:
        context.close()


def test_print_layout_hides_table_controls_and_prints_every_row(browser, batch):
    context, page, _, errors, _ = _open(browser, batch["dir"] / "00_data_health__us.html")
    try:
        table = page.locator("table.dataTable").first
        on_screen = table.locator("tbody tr").count()
        page.emulate_media(media="print")
        assert page.locator(".dt-search:visible, .dt-paging:visible, .dt-length:visible").count() == 0
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        total = int(page.locator(".dt-info").first.inner_text().split(" of ")[1].split()[0].replace(",", ""))
        assert table.locator("tbody tr").count() == total > on_screen
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert table.locator("tbody tr").count() == on_screen
        pdf = page.pdf(format="A4")
        assert pdf[:4] == b"%PDF" and errors == []
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


def test_the_analyses_render_offline_fit_the_screen_and_align_their_numbers(browser, analyses_batch):
    results = analyses_batch["results"]
    failed = {name: r.error for name, r in results.items() if r.status != "ok"}
    assert not failed, failed
    shots = analyses_batch["dir"] / "screenshots"
    shots.mkdir(exist_ok=True)
    for path in _pages(analyses_batch):
        context, page, blocked, errors, dialogs = _open(browser, path)
        try:
            page.screenshot(path=str(shots / f"{path.stem}.png"), full_page=False)
            assert (errors, blocked, dialogs) == ([], [], []), path.name
            assert page.locator(".jp-InputArea-editor:visible, .jp-InputPrompt:visible").count() == 0
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path.name
            assert page.evaluate(_OVERFLOWING) == [], path.name
            if path.name != "index.html":
                found = page.evaluate(_ALIGNMENT)
                for kind in ("static", "interactive"):
                    assert found[kind]["wrong"] == [], (path.name, kind, found[kind]["wrong"][:5])
                assert page.locator("nav.sellerops-toc a").count() >= 5
        finally:
            context.close()
