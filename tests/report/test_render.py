"""HTML rendering through the ``sellerops`` nbconvert template: outputs only, a contents list whose
links reach their sections, stray plot reprs dropped on the notebook, nothing from a CDN."""

from __future__ import annotations

import re

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sellerops.report.render import list_headings, read_notebook_title, render_html


def _notebook():
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Keyword opportunity: which terms to go after\n\nThree lines of purpose."),
        new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        new_code_cell(
            "import sellerops",
            metadata={"tags": ["remove-input"]},
            outputs=[new_output("stream", name="stdout", text="setup done\n")],
        ),
        new_markdown_cell("## Which terms convert?\n\nMoney like $1,234 and $5 is not math: $x$."),
        new_code_cell(
            "plt.plot(x)",
            outputs=[
                new_output("execute_result", data={"text/plain": "[<matplotlib.lines.Line2D at 0x7f00>]"}),
                new_output("display_data", data={"text/plain": "<Figure size 864x432 with 1 Axes>"}),
                new_output("execute_result", data={"text/plain": "Text(0.5, 1.0, 'ACoS')"}),
                new_output("execute_result", data={"text/plain": "42 terms kept"}),
            ],
        ),
        new_markdown_cell("## Where does the `money` go, & why?\n\n```mermaid\ngraph TD; A-->B\n```"),
        new_code_cell("secret_code_here()", metadata={"tags": ["remove-cell"]}, outputs=[]),
        new_markdown_cell("### A detail, not in the contents\n\n## Actions"),
    ]
    return nb


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    nbformat.write(_notebook(), str(folder / "nb.ipynb"))
    out = render_html(folder / "nb.ipynb", folder / "nb.html", "Keyword opportunity · us")
    return out.read_text(encoding="utf-8")


def test_the_contents_list_links_every_section_to_its_heading(page):
    soup = BeautifulSoup(page, "html.parser")
    nav = soup.select("nav.sellerops-toc")
    assert len(nav) == 1
    links = [(a["href"], a.get_text()) for a in nav[0].select("a")]
    assert [text for _, text in links] == ["Which terms convert?", "Where does the money go, & why?", "Actions"]
    for href, _ in links:
        assert href.startswith("#") and soup.find(id=href[1:]) is not None, href
    # under the title, before the first output
    body = page[page.index("<body") :]
    assert body.index("<h1") < body.index('class="sellerops-toc"') < body.index("setup done")


def test_no_code_no_prompts_and_tagged_cells_removed(page):
    body = page[page.index("<body") :]
    assert "import sellerops" not in body and "x = 1" not in body and "secret_code_here" not in body
    assert "jp-InputArea-editor" not in body and "jp-InputPrompt" not in body and "Out[" not in body
    assert "setup done" in body  # a remove-input cell keeps its output


def test_stray_plot_reprs_are_dropped_and_real_text_kept(page):
    assert "Figure size" not in page and "matplotlib.lines" not in page and "Text(0.5" not in page
    assert "42 terms kept" in page


def test_nothing_is_loaded_from_the_network(page):
    assert not re.search(r'<script[^>]+src="https?://', page)
    assert not re.search(r"import\s*\(?\s*[\"']https?://", page)
    lowered = page.lower()
    assert "mathjax" not in lowered and "require.min.js" not in lowered and "mermaid.esm" not in lowered
    assert "<title>Keyword opportunity · us</title>" in page


def test_the_report_stylesheet_and_print_rules_are_inline(page):
    assert "@media print" in page and "overflow-x: auto" in page
    assert "beforeprint" in page  # interactive tables print every row


def test_headings_are_anchored_as_nbconvert_anchors_them():
    headings = list_headings("# T\n\n## A `b` & <i>c</i>\n\ntext\n\n### d")
    assert [(h.level, h.text) for h in headings] == [(1, "T"), (2, "A b & c"), (3, "d")]
    assert headings[1].anchor == "A-b-&-c"


def test_a_notebook_title_is_its_first_heading_up_to_a_colon(tmp_path):
    nbformat.write(_notebook(), str(tmp_path / "01_keywords.ipynb"))
    assert read_notebook_title(tmp_path / "01_keywords.ipynb") == "Keyword opportunity"
    assert read_notebook_title(tmp_path / "00_data_health.ipynb") == "Data health"  # no such file: its name
