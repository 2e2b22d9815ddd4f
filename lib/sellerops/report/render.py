"""Executed notebook -> the HTML a manager opens: no code, a contents list, works offline.

Rendering is nbconvert's template system: the ``sellerops`` template (``templates/sellerops/``)
extends ``lab``. Its ``conf.json`` runs three preprocessors on the notebook before rendering:
cells tagged ``remove-cell`` / ``remove-output`` lose what the tag says; :class:`DropStrayReprs`
drops outputs that are only the text repr of a plotting object (``<Figure size …>``, ``Text(…)``);
:class:`CollectContents` lists the notebook's ``##`` sections, with the anchors nbconvert gives
their headings, for the contents list the template puts under the title. The exporter excludes
every input and prompt. The template loads nothing from a CDN (no require.js, MathJax, mermaid or
widget scripts: reports have none of them), adds the report stylesheet (``static/sellerops.css``:
1366-pixel layout and print) and a small print script (interactive tables print every row).
Figures are inline SVG; interactive tables carry their own code (the itables offline bundle,
shown once by the notebook's setup cell), so a page works with the network off.

Examples
--------
>>> [(h.level, h.anchor, h.text) for h in list_headings("# Data health\\n\\n## Which files were found?")]
[(1, 'Data-health', 'Data health'), (2, 'Which-files-were-found?', 'Which files were found?')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import nbformat
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.filters.strings import html2text
from nbconvert.preprocessors import Preprocessor

#: Folder holding the nbconvert template ``sellerops`` (and the index page's template).
TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "sellerops"

#: The text repr of a plotting object, shown when a cell's last expression returns one.
_STRAY = re.compile(
    r"^(<Figure size .*>|<matplotlib\..*>|\[?<matplotlib\..*>\]?|Text\(.*\)|<Axes.*>|\[<.*Axes.*>\])$", re.S
)


@dataclass(frozen=True)
class Heading:
    """A Markdown heading: its level, the ``id`` nbconvert gives it in the page, and its text."""

    level: int
    anchor: str
    text: str


class _HeadingRecorder(IPythonRenderer):
    """nbconvert's Markdown renderer, recording each heading with the anchor it renders."""

    def __init__(self) -> None:
        super().__init__(escape=False)
        self.headings: list[Heading] = []

    def heading(self, text: str, level: int, **attrs) -> str:
        rendered = super().heading(text, level, **attrs)
        try:
            element = ElementTree.fromstring(rendered)
        except ElementTree.ParseError:  # nbconvert leaves such a heading without an id: no link to it
            return rendered
        anchor = element.get("id")
        for link in element.findall("a"):
            if link.get("class") == "anchor-link":
                element.remove(link)
        if anchor:
            self.headings.append(Heading(level, anchor, " ".join(html2text(element).split())))
        return rendered


def list_headings(markdown: str) -> list[Heading]:
    """The headings of a Markdown text, parsed and anchored exactly as nbconvert renders them."""
    recorder = _HeadingRecorder()
    MarkdownWithMath(renderer=recorder).render(markdown)
    return recorder.headings


def read_notebook_title(notebook: str | Path) -> str:
    """The notebook's title: its first ``#`` heading up to a colon (``Data health: what …`` -> ``Data health``).

    Falls back to the file name without its number (``00_data_health`` -> ``Data health``).
    """
    path = Path(notebook)
    try:
        nb = nbformat.read(str(path), as_version=4)
    except (OSError, ValueError):
        nb = None
    for cell in nb.cells if nb is not None else []:
        if cell.cell_type == "markdown":
            for heading in list_headings(cell.source):
                if heading.level == 1:
                    return heading.text.split(":")[0].strip()
    words = path.stem.lstrip("0123456789_- ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else path.stem


class DropStrayReprs(Preprocessor):
    """Remove outputs that are only the text repr of a plotting object (``<Figure size 864x432 with 1 Axes>``)."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if not _is_stray(o)]
        return cell, resources


def _is_stray(output) -> bool:
    data = output.get("data", {})
    return (
        output.get("output_type") in ("execute_result", "display_data")
        and set(data) == {"text/plain"}
        and bool(_STRAY.match(str(data["text/plain"]).strip()))
    )


class CollectContents(Preprocessor):
    """List the ``##`` sections for the template's contents list, placed after the title cell.

    Puts ``resources["sellerops_contents"] = {"sections": [{"anchor", "text"}, …], "after_title": bool}``
    and marks the first Markdown cell with a ``#`` heading (``sellerops_contents_here`` in its
    metadata, for this rendering only); without a title the list opens the page.
    """

    def preprocess(self, nb, resources):
        sections, title_cell = [], None
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            headings = list_headings(cell.source)
            if title_cell is None and any(h.level == 1 for h in headings):
                title_cell = cell
            sections += [{"anchor": h.anchor, "text": h.text} for h in headings if h.level == 2]
        if title_cell is not None:
            title_cell.metadata["sellerops_contents_here"] = True
        resources["sellerops_contents"] = {"sections": sections, "after_title": title_cell is not None}
        return nb, resources


def make_exporter():
    """nbconvert's HTML exporter on the ``sellerops`` template, outputs only."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def render_html(notebook_path: str | Path, html_path: str | Path, title: str) -> Path:
    """Render an executed notebook to a self-contained HTML report without code.

    ``title`` is the page's ``<title>`` (the browser tab and the name Print to PDF suggests).
    """
    nb = nbformat.read(str(notebook_path), as_version=4)
    page, _ = make_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    out = Path(html_path)
    out.write_text(page, encoding="utf-8")
    return out
