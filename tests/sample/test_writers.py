"""The writers only format: no randomness, deterministic workbooks typed like Amazon's downloads."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
import zipfile

import numpy as np
import openpyxl
import pytest

from sellerops.sample import writers
from sellerops.sample.simulate import simulate
from sellerops.sample.writers import ads, bulk, business, inventory, keywords, orders, own, payments, text
from sellerops.sample.writers.xlsx import CREATED, CREATOR, ZIP_DATE, write_xlsx

FAMILIES = (ads, bulk, business, inventory, keywords, orders, own, payments, text)


@pytest.fixture(scope="module")
def short_sim():
    return simulate(end=dt.date(2025, 1, 31))


def test_writers_draw_no_random_numbers(short_sim, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a writer drew random numbers")

    for name in ("default_rng", "Generator", "RandomState", "PCG64", "SeedSequence"):
        monkeypatch.setattr(np.random, name, refuse)
    legacy = np.random.get_state()[1].copy()
    files = writers.write_all(short_sim, tmp_path)
    assert (np.random.get_state()[1] == legacy).all()  # nor from numpy's global generator
    assert "us/payments/2025Jan1-2025Jan31CustomTransaction.csv" in files
    for module in FAMILIES:
        source = inspect.getsource(module)
        assert not re.search(r"np\.random|\brng\b|default_rng|^\s*(import|from) random", source, re.M), module.__name__


def test_writing_twice_gives_the_same_bytes(short_sim, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    writers.write_all(short_sim, a)
    writers.write_all(short_sim, b)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files and all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def _workbook(tmp_path):
    path = tmp_path / "x.xlsx"
    write_xlsx(
        path,
        "Sponsored Product Search Term R",
        ["Date", "Campaign Name", "Clicks", "Spend", "Total Advertising Cost of Sales (ACOS) ", "ROAS"],
        [
            ("date", np.array(["2026-10-01", "2026-10-02"], dtype="datetime64[ns]")),
            ("text", ["SP - Bath Mat - Exact", 'Brand <& "quoted">']),
            ("int", [3, 0]),
            ("money:USD", [2.85, 0.0]),
            ("rate", [0.0437, np.nan]),
            ("roas", [22.9, 0.0]),
        ],
    )
    return path


def test_workbook_cells_are_typed_like_amazons(tmp_path):
    ws = openpyxl.load_workbook(_workbook(tmp_path)).worksheets[0]
    assert ws.title == "Sponsored Product Search Term R"
    date, name, clicks, spend, acos, roas = (ws.cell(2, j) for j in range(1, 7))
    assert date.is_date and date.value == dt.datetime(2026, 10, 1) and date.number_format == "mmm dd, yyyy"
    assert name.value == "SP - Bath Mat - Exact" and ws.cell(3, 2).value == 'Brand <& "quoted">'
    assert clicks.value == 3 and isinstance(clicks.value, int)
    assert spend.value == 2.85 and spend.number_format == "[$$]#,##0.00;\\([$$]#,##0.00\\)"
    assert acos.value == pytest.approx(0.0437) and acos.number_format == "0.0000%"
    assert ws.cell(3, 5).value is None  # ACOS empty when sales are 0
    assert roas.number_format == "0.00"


def test_workbook_bytes_do_not_depend_on_the_clock(tmp_path, monkeypatch):
    first = _workbook(tmp_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {ZIP_DATE}
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert (props.creator, props.created, props.modified) == (CREATOR, CREATED, CREATED)
    import time

    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # zip members would be stamped with "now"
    (tmp_path / "later").mkdir()
    assert _workbook(tmp_path / "later").read_bytes() == first
