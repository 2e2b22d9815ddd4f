"""Header variants of ``amazon-report-formats.md`` for encodings and containers (raw.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import pytest

from .crafted import RETURNS, K, assert_nothing_bad, read_clean, ts, write_csv, write_tsv

# --------------------------------------------------------------------------- encodings

PM = ["sku", "asin", "title", "unit_cost", "lead_time_days"]
PM_ROWS = [["YM-6", "B0CHILD001", "Tapis de yoga écologique – bleu", "7.25", "45"]]


def test_cp1252_file(tmp_path):
    path = write_csv(tmp_path / "product_master.csv", PM, PM_ROWS, encoding="cp1252")
    assert "é".encode("cp1252") in path.read_bytes() and b"\x96" in path.read_bytes()  # really CP1252
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert f.loc[0, "title"] == "Tapis de yoga écologique – bleu"
    assert dq.encoding == "cp1252"
    assert_nothing_bad(dq)


def test_cp932_japanese_returns(tmp_path):
    rows = [
        [
            "2026-09-03T10:15:00+09:00",
            "503-1234567-1234567",
            "YM-JP",
            "B0CHILD009",
            "X00JPJPJP1",
            "ヨガマット 厚手 10mm ブルー",
            "1",
            "NRT5",
            "SELLABLE",
            "UNWANTED_ITEM",
            "返品済み",
            "LPNJP0001",
            "サイズが違う",
        ]
    ]
    path = write_tsv(tmp_path / "returns_jp.txt", RETURNS, rows, encoding="cp932")
    f, dq = read_clean(path)
    assert dq.kind == K("fba_returns")
    assert_nothing_bad(dq)
    assert f.loc[0, "product_name"] == "ヨガマット 厚手 10mm ブルー"
    assert f.loc[0, "customer_comments"] == "サイズが違う"
    assert f.loc[0, "return_date"] == ts("2026-09-03 01:15:00")
    assert dq.encoding == "cp932"


@pytest.mark.parametrize("bom", [False, True])
def test_utf8_with_and_without_bom(tmp_path, bom):
    path = write_csv(tmp_path / "product_master.csv", PM, PM_ROWS, bom=bom)
    f, dq = read_clean(path)
    assert dq.kind == K("product_master")
    assert_nothing_bad(dq)
    assert f.loc[0, "sku"] == "YM-6"  # first column matched although the BOM precedes it
    assert f.loc[0, "title"] == "Tapis de yoga écologique – bleu"
    assert dq.encoding == ("utf-8-sig" if bom else "utf-8")
