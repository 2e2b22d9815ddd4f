"""Executed notebook -> the HTML a manager opens: no code, a contents list, works offline.

nbconvert's ``lab`` template renders the outputs only (inputs and prompts excluded). Then:
stray reprs such as ``<Figure size …>`` or ``Text(…)`` are dropped, scripts that would come
from a CDN (require.js, MathJax) are removed so the page shows everything with the network off
(figures are inline SVG, interactive tables carry their own code), and a contents list of the
notebook's sections is put under the title.

Examples
--------
>>> strip_cdn_scripts('<script src="https://cdn.example/x.js"></script><p>kept</p>')
'<p>kept</p>'
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

_STRAY = re.compile(
    r"^(<Figure size .*>|<matplotlib\..*>|\[?<matplotlib\..*>\]?|Text\(.*\)|<Axes.*>|\[<.*Axes.*>\])$", re.S
)
_CDN_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', re.I)
# nbconvert's loader for Mermaid diagrams imports from a CDN; reports have no diagrams.
_MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)
_HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)<a class="anchor-link"', re.S)

CSS = """
<style>
  main { max-width: 1280px; margin: 0 auto; padding: 0 16px; }
  .jp-OutputArea-output { overflow-x: auto; }
  .jp-RenderedHTMLCommon table { font-size: 12px; }
  nav.sellerops-toc { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; margin: 8px 0 16px 0;
                      background: #f6f8fa; font-family: "DejaVu Sans", sans-serif; font-size: 14px; }
  nav.sellerops-toc ol { margin: 4px 0; }
</style>
"""


def drop_stray_reprs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove outputs that are only the text repr of a plotting object."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [
            o
            for o in cell.get("outputs", [])
            if not (
                o.get("output_type") in ("execute_result", "display_data")
                and set(o.get("data", {})) == {"text/plain"}
                and _STRAY.match(str(o["data"]["text/plain"]).strip())
            )
        ]
    return nb


def strip_cdn_scripts(page: str) -> str:
    """Remove ``<script src="http…">`` tags: a report must not need the network to show its content."""
    return _MERMAID.sub("", _CDN_SCRIPT.sub("", page))


def add_contents(page: str) -> str:
    """Insert a contents list of the section headings before the second cell (after the title)."""
    headings = [(level, anchor, re.sub(r"<[^>]+>", "", text).strip()) for level, anchor, text in _HEADING.findall(page)]
    sections = [(a, t) for level, a, t in headings if level == "2"]
    if not sections:
        return page
    # the anchors and titles come from nbconvert's page, already escaped: used as they are
    items = "".join(f'<li><a href="#{a}">{html.escape(html.unescape(t))}</a></li>' for a, t in sections)
    nav = f'<nav class="sellerops-toc"><strong>Contents</strong><ol>{items}</ol></nav>'
    cells = [m.start() for m in re.finditer(r'<div class="jp-Cell ', page)]
    at = cells[1] if len(cells) > 1 else (cells[0] if cells else page.find("<main>") + len("<main>"))
    return page[:at] + nav + page[at:]


def render_html(notebook_path: str | Path, html_path: str | Path, title: str) -> Path:
    """Render an executed notebook to a self-contained HTML report without code."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    nb = drop_stray_reprs(nbformat.read(str(notebook_path), as_version=4))
    tags = TagRemovePreprocessor(
        remove_cell_tags={"remove-cell"}, remove_input_tags={"remove-input"}, remove_all_outputs_tags={"remove-output"}
    )
    nb, _ = tags.preprocess(nb, {})
    exporter = HTMLExporter(
        template_name="lab", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    page, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    page = strip_cdn_scripts(page)
    page = page.replace("</head>", CSS + "</head>", 1)
    page = add_contents(page)
    out = Path(html_path)
    out.write_text(page, encoding="utf-8")
    return out
