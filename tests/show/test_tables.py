"""Tables (show/tables.py): escaped, human labels, numbers right-aligned, status lights coloured."""

from __future__ import annotations

import re

import pandas as pd

from sellerops.core.results import KPI
from sellerops.show.results import format_kpis
from sellerops.show.tables import INTERACTIVE_ROWS, format_table

INJECTED = "<img src=x onerror=alert(1)>"


def test_seller_text_is_escaped_in_static_and_interactive_tables():
    frame = pd.DataFrame({"search_term": [INJECTED], "clicks": [3]})
    static = format_table(frame, interactive=False)._repr_html_()
    assert INJECTED not in static and "&lt;img src=x onerror=alert(1)&gt;" in static
    long = pd.concat([frame] * (INTERACTIVE_ROWS + 1), ignore_index=True)
    interactive = format_table(long)._repr_html_()
    assert INJECTED not in interactive


def test_labels_and_thousands_and_alignment():
    frame = pd.DataFrame({"file": ["a.csv"], "rows_used": [65402]})
    html = format_table(frame, interactive=False)._repr_html_()
    assert ">rows used<" in html and "65,402" in html
    # the numeric column is right-aligned, the text column left-aligned (one CSS rule per column)
    styles = dict(re.findall(r"#T_\w+ td\.(col\d) \{\s*text-align: (\w+)", html))
    assert styles == {"col0": "left", "col1": "right"}


def test_interactive_tables_right_align_numbers():
    frame = pd.DataFrame({"term": [f"t{i}" for i in range(20)], "clicks": range(20)})
    html = format_table(frame)._repr_html_()
    assert '"className": "dt-right", "targets": [1]' in html or "dt-right" in html


def test_an_empty_table_says_so():
    assert format_table(pd.DataFrame({"a": []}), empty="No row was rejected.").data == "No row was rejected."


def test_kpi_lights_are_coloured_by_status():
    kpis = [KPI("a", "ACoS", 0.30, "fraction", benchmark=0.22, direction="max", watch=0.28)]
    html = format_kpis(kpis)._repr_html_()
    assert "● bad" in html and "color: #cf222e" in html and "≤ 22.0%" in html


def test_output_is_deterministic():
    frame = pd.DataFrame({"a": [1, 2]})
    assert format_table(frame, interactive=False)._repr_html_() == format_table(frame, interactive=False)._repr_html_()


def test_numeric_headers_are_right_aligned_like_their_numbers():
    html = format_table(pd.DataFrame({"file": ["a.csv"], "rows_used": [65402]}), interactive=False)._repr_html_()
    assert re.search(r"th\.col_heading\.col1 \{\s*text-align: right", html)
    assert not re.search(r"th\.col_heading\.col0 \{\s*text-align: right", html)


def test_interactive_tables_show_thousands_separators():
    frame = pd.DataFrame(
        {"term": [f"t{i}" for i in range(20)], "clicks": [10_002 + i for i in range(20)], "spend": [1234.5] * 20}
    )
    html = format_table(frame)._repr_html_()
    assert "10,002" in html and "1,234.50" in html and "10002" not in html


def test_columns_of_formatted_numbers_align_right_like_numbers():
    frame = pd.DataFrame({"sku": ["BN-KIT-01", "BN-BAT-02"], "share": ["9.1%", "100.0%"], "cost": ["$1,234.50", ""]})
    html = format_table(frame, interactive=False)._repr_html_()
    styles = dict(re.findall(r"#T_\w+ td\.(col\d) \{\s*text-align: (\w+)", html))
    assert styles == {"col0": "left", "col1": "right", "col2": "right"}
