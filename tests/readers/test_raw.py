"""Header variants of ``amazon-report-formats.md`` for encodings and containers (raw.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

import csv
import io

import pytest

from sellerops.readers import read_report

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


def test_a_file_whose_head_is_utf8_and_whose_tail_is_cp1252(tmp_path):
    """Only the head is decoded up front; a CP1252 byte far below it still sends the file to CP1252."""
    from .crafted import ST_D

    rows = [
        ["Sep 01, 2026", "Sep 30, 2026", "", "USD", "Camp A", "AG", "", "", "kw", "EXACT", f"term {i:06d} padding text"]
        + ["10", "1", "", "", "$1.00", "$0.00"]
        + [""] * 9
        for i in range(40_000)
    ]
    path = tmp_path / "st.csv"
    buf = io.StringIO()
    csv.writer(buf).writerows([ST_D] + rows)
    data = buf.getvalue().encode("utf-8")
    assert len(data) > 4 * 200_000 * 1.5
    last = io.StringIO()
    csv.writer(last).writerow(rows[0][:10] + ["caf\xe9 mat"] + rows[0][11:])
    path.write_bytes(data + last.getvalue().encode("cp1252"))
    frame, dq = read_report(path)
    assert dq.encoding == "cp1252" and dq.rows_used == 40_001
    assert frame["search_term"].iloc[-1] == "café mat"


def test_a_quoted_value_spanning_lines_is_read_whole(tmp_path):
    header = RETURNS
    lines = [",".join(header)]
    lines.append(
        '2026-09-01T10:00:00+00:00,111-1,SKU-1,B01,X01,"Mat, 24"" wide",1,LEX2,SELLABLE,DEFECTIVE,,,"line one\nline two"'
    )
    lines.append("2026-09-02T10:00:00+00:00,111-2,SKU-2,B02,X02,Rug,2,LEX2,SELLABLE,DEFECTIVE,,,")
    path = tmp_path / "returns.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, dq = read_report(path)
    assert dq.rows_used == 2 and dq.rows_rejected == 0
    assert frame["customer_comments"].iloc[0] == "line one\nline two"
    assert frame["product_name"].iloc[0] == 'Mat, 24" wide'


def test_a_workbook_whose_report_is_not_on_the_first_sheet(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Read me"
    wb.active.append(["This workbook was exported by a tool"])
    ws = wb.create_sheet("Data")
    ws.append(PM)
    ws.append(PM_ROWS[0])
    wb.save(tmp_path / "pm.xlsx")
    frame, dq = read_report(tmp_path / "pm.xlsx")
    assert dq.kind == "product_master" and frame["sku"].tolist() == ["YM-6"]
