"""Hostile input: every bad file gets a clear ReportFormatError or a counted rejection.

Never a pandas/pyarrow traceback: the error is a :class:`ReportFormatError`
(a ``ValueError``), not chained to a library exception, and its message names
the file and the problem. Where a frame is returned the invariant
``rows_read == rows_used + rows_rejected`` holds, and no raw file is changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sellerops.readers import KINDS, ReportFormatError, read_report

from .crafted import RETURNS, ST_D

# --------------------------------------------------------------------------- helpers

PM = ["sku", "asin", "title", "unit_cost", "lead_time_days"]


def st_row(term: str, impressions="100", clicks="4", spend="$2.00", sales="$10.00"):
    return [
        "Sep 01, 2026",
        "Sep 30, 2026",
        "",
        "USD",
        "Camp A",
        "AG 1",
        "Amazon",
        "US",
        "yoga mat",
        "EXACT",
        term,
        impressions,
        clicks,
        "4.00%",
        "$0.50",
        spend,
        sales,
        "20.00%",
        "5.00",
        "1",
        "1",
        "25.00%",
        "1",
        "0",
        sales,
        "$0.00",
    ]


def write_csv(path: Path, header, rows, *, delimiter=",", bom=False) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


def write_tsv(path: Path, header, rows) -> Path:
    path.write_bytes(("\n".join("\t".join(r) for r in [header] + rows) + "\n").encode("utf-8"))
    return path


def returns_row(order_id: str):
    return [
        "2026-09-03T10:15:00+00:00",
        order_id,
        "YM-6",
        "B0CHILD001",
        "X00ABCDEF1",
        "Yoga Mat",
        "1",
        "PHX7",
        "SELLABLE",
        "UNWANTED_ITEM",
        "Unit returned to inventory",
        "LPN" + order_id[-4:],
        "",
    ]


def hashes(root: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def read_checked(source, root: Path, **kw):
    """Read; the raw files are byte-identical afterwards and the invariant holds."""
    before = hashes(root)
    frame, dq = read_report(source, **kw)
    assert hashes(root) == before, "reading changed a raw file"
    assert dq.rows_read == dq.rows_used + dq.rows_rejected
    assert dq.is_consistent()
    assert len(frame) == dq.rows_used
    return frame, dq


def expect_error(source, root: Path, *fragments: str, **kw) -> ReportFormatError:
    """Read, expecting a ReportFormatError whose message names the file and each fragment."""
    before = hashes(root)
    with pytest.raises(ReportFormatError) as info:
        read_report(source, **kw)
    assert hashes(root) == before, "reading changed a raw file"
    err = info.value
    assert isinstance(err, ValueError)
    # Not a library traceback in disguise: nothing chained from pandas/pyarrow/openpyxl.
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__
    msg = str(err)
    name = Path(str(source)).name
    assert name in msg, f"message does not name the file {name!r}: {msg}"
    for fragment in fragments:
        assert fragment.lower() in msg.lower(), f"{fragment!r} not in {msg!r}"
    for noise in ("Traceback", "ArrowInvalid", "ParserError", "pyarrow", "pandas"):
        assert noise not in msg
    return err


# --------------------------------------------------------------------------- empty and not-a-report


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\n\n  \n"],
    ids=["zero-bytes", "bom-only", "bom-crlf", "blank-lines"],
)
def test_empty_file(tmp_path, content):
    path = tmp_path / "Sponsored Products Search term report.csv"
    path.write_bytes(content)
    expect_error(path, tmp_path, "empty")


def test_empty_file_with_explicit_kind(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    expect_error(path, tmp_path, "empty", kind="fba_returns")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "tsv"])
def test_header_only_file_gives_an_empty_canonical_frame(tmp_path, fmt):
    if fmt == "csv":
        path, kind = write_csv(tmp_path / "st.csv", ST_D, []), "sp_search_term"
    elif fmt == "tsv":
        path, kind = write_tsv(tmp_path / "returns.txt", RETURNS, []), "fba_returns"
    else:
        path, kind = tmp_path / "st.xlsx", "sp_search_term"
        wb = openpyxl.Workbook()
        wb.active.append(ST_D)
        wb.save(path)
    frame, dq = read_checked(path, tmp_path)
    assert dq.kind == kind
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (0, 0, 0)
    assert len(frame) == 0
    for col in KINDS[kind].columns:  # one schema whatever the file held
        assert col.name in frame.columns
    if kind == "sp_search_term":
        assert frame["spend"].dtype == "float64" and str(frame["clicks"].dtype) == "Int64"


@pytest.mark.parametrize(
    "text",
    [
        "Dear seller,\nThank you for your order. Your payment of $12.00 was received.\nRegards,\nAmazon\n",
        "name,age,city\nBob,33,Paris\nAlice,41,Lyon\n",
        '{"reportType": "GET_SALES_AND_TRAFFIC_REPORT", "rows": []}\n',
    ],
    ids=["letter", "unrelated-csv", "json"],
)
def test_text_file_that_is_not_a_report(tmp_path, text):
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8")
    expect_error(path, tmp_path, "not")


def test_binary_garbage(tmp_path):
    path = tmp_path / "random.csv"
    path.write_bytes(bytes(range(256)) * 20)
    expect_error(path, tmp_path)


# --------------------------------------------------------------------------- wrong kind, missing columns


def test_file_of_another_kind_with_explicit_kind_names_both_kinds(tmp_path):
    header = ["(Parent) ASIN", "(Child) ASIN", "Title", "Sessions", "Units Ordered", "Ordered Product Sales"]
    path = write_csv(tmp_path / "BusinessReport-2026-09.csv", header, [["B0P", "B0C", "Mat", "1,000", "12", "$120.00"]])
    expect_error(path, tmp_path, "sp_search_term", "business_report_child_item", kind="sp_search_term")


def test_tab_file_of_another_kind_with_explicit_kind(tmp_path):
    path = write_tsv(tmp_path / "returns.txt", RETURNS, [returns_row("111-0000001-0000001")])
    expect_error(path, tmp_path, "all_orders", "fba_returns", kind="all_orders")


def test_missing_required_columns_names_them_and_the_nearest_headers(tmp_path):
    header = [{"Spend": "Spending", "Clicks": "Clicks Total"}.get(h, h) for h in ST_D]
    path = write_csv(tmp_path / "st.csv", header, [st_row("yoga mat")])
    err = expect_error(path, tmp_path, "missing", "spend", "clicks", "Spending", "Clicks Total", kind="sp_search_term")
    assert set(err.missing) == {"spend", "clicks"}
    assert "Spending" in err.nearest and "Clicks Total" in err.nearest


def test_missing_required_columns_without_kind_names_the_closest_kind(tmp_path):
    header = [h for h in ST_D if h.strip() not in ("Spend", "7 Day Total Sales")]
    rows = [[c for h, c in zip(ST_D, st_row("yoga mat")) if h.strip() not in ("Spend", "7 Day Total Sales")]]
    path = write_csv(tmp_path / "st.csv", header, rows)
    err = expect_error(path, tmp_path, "sp_search_term", "spend", "sales")
    assert set(err.missing) == {"spend", "sales"}


def test_unknown_kind_name_is_a_value_error_listing_the_kinds(tmp_path):
    path = write_csv(tmp_path / "st.csv", ST_D, [st_row("yoga mat")])
    with pytest.raises(ValueError, match="sp_search_term"):
        read_report(path, kind="search_terms")


# --------------------------------------------------------------------------- truncated files


def test_csv_truncated_in_the_middle_of_a_row(tmp_path):
    path = write_csv(tmp_path / "st.csv", ST_D, [st_row("a"), st_row("b"), st_row("c")])
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b",Amazon,") + 4])  # last row (line 4) cut after "Ama"
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (3, 2, 1)
    [(reason, examples)] = dq.examples.items()
    assert "malformed" in reason and "st.csv row 4" in examples[0]
    assert list(frame["search_term"]) == ["a", "b"]
    assert frame["spend"].sum() == pytest.approx(4.0)


def test_csv_truncated_inside_an_open_quote(tmp_path):
    rows = [st_row("a", sales="$1,000.00"), st_row("b", sales="$1,000.00"), st_row("c", sales="$1,234.50")]
    path = write_csv(tmp_path / "st.csv", ST_D, rows)
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b'"$1,234.50"') + 5])  # ends inside '"$1,2'
    assert path.read_bytes().endswith(b'"$1,2')
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (3, 2, 1)
    assert list(frame["search_term"]) == ["a", "b"]
    assert frame["sales"].sum() == pytest.approx(2000.0)
    assert any("st.csv row 4" in e for ex in dq.examples.values() for e in ex)


def test_stray_quote_in_the_middle_swallows_nothing(tmp_path):
    rows = [st_row(f"term {i}", spend="$1.00") for i in range(200)]
    path = write_csv(tmp_path / "st.csv", ST_D, rows)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("term 4", '"12 inch shelf')  # an opening quote never closed, on file row 6
    path.write_text("".join(lines), encoding="utf-8")
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (200, 199, 1)
    assert any("st.csv row 6" in e for ex in dq.examples.values() for e in ex)
    assert frame["spend"].sum() == pytest.approx(199.0)
    assert "term 199" in set(frame["search_term"])


def test_tab_file_truncated_in_the_middle_of_a_row(tmp_path):
    path = write_tsv(
        tmp_path / "returns.txt", RETURNS, [returns_row("111-0000001-0000001"), returns_row("111-0000002-0000002")]
    )
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\tPHX7\t")])  # second row cut before its 8th field
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 1, 1)
    assert list(frame["order_id"]) == ["111-0000001-0000001"]
    assert any("returns.txt row 3" in e for ex in dq.examples.values() for e in ex)


def test_truncated_xlsx(tmp_path):
    path = tmp_path / "Sponsored Products Search term report.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([h for h in ST_D])
    for i in range(50):
        ws.append(
            [
                dt.datetime(2026, 9, 1),
                dt.datetime(2026, 9, 30),
                None,
                "USD",
                "C",
                "A",
                "Amazon",
                "US",
                "t",
                "EXACT",
                f"term {i}",
                100,
                4,
                0.04,
                0.5,
                2.0,
                10.0,
                0.2,
                5.0,
                1,
                1,
                0.25,
                1,
                0,
                10.0,
                0.0,
            ]
        )
    wb.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, tmp_path, "xlsx")


@pytest.mark.parametrize("name", ["BusinessReport.xls", "BusinessReport.xlsx", "BusinessReport.csv"])
def test_old_binary_xls_signature(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + bytes(range(256)) * 4)
    expect_error(path, tmp_path, ".xls")


# --------------------------------------------------------------------------- garbage cells


def test_garbage_in_numeric_columns_rejects_those_rows_only(tmp_path):
    rows = [
        st_row("a", spend="$2.00"),  # line 2
        st_row("b", spend="#VALUE!"),  # line 3: rejected
        st_row("c", spend="$3.50"),  # line 4
        st_row("d", impressions="abc"),  # line 5: rejected
        st_row("e", spend="$1,000.25"),
    ]  # line 6
    path = write_csv(tmp_path / "st.csv", ST_D, rows)
    frame, dq = read_checked(path, tmp_path)
    assert dq.kind == "sp_search_term"
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (5, 3, 2)
    assert list(frame["search_term"]) == ["a", "c", "e"]
    assert frame["spend"].sum() == pytest.approx(2.0 + 3.5 + 1000.25)
    spend_reason = [r for r in dq.rejected if "Spend" in r]
    impressions_reason = [r for r in dq.rejected if "Impressions" in r]
    assert len(spend_reason) == 1 and dq.rejected[spend_reason[0]] == 1
    assert len(impressions_reason) == 1 and dq.rejected[impressions_reason[0]] == 1
    # each example names the row and shows the cell that could not be read
    assert dq.examples[spend_reason[0]] == ["st.csv row 3: '#VALUE!'"]
    assert dq.examples[impressions_reason[0]] == ["st.csv row 5: 'abc'"]
    assert set(dq.rejections()["rows"]) == {1}


def test_garbage_in_xlsx_numeric_cells(tmp_path):
    path = tmp_path / "st.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(ST_D)
    for term, spend in (("a", 2.0), ("b", "#VALUE!"), ("c", 3.5), ("d", "abc")):
        ws.append(
            [
                dt.datetime(2026, 9, 1),
                dt.datetime(2026, 9, 30),
                None,
                "USD",
                "C",
                "A",
                "Amazon",
                "US",
                "t",
                "EXACT",
                term,
                100,
                4,
                0.04,
                0.5,
                spend,
                10.0,
                0.2,
                5.0,
                1,
                1,
                0.25,
                1,
                0,
                10.0,
                0.0,
            ]
        )
    wb.save(path)
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (4, 2, 2)
    assert list(frame["search_term"]) == ["a", "c"]
    [(reason, examples)] = dq.examples.items()
    assert "Spend" in reason and examples == ["st.xlsx row 3: '#VALUE!'", "st.xlsx row 5: 'abc'"]


def test_unreadable_dates_are_rejected_and_counted(tmp_path):
    rows = [st_row("a"), st_row("b"), st_row("c")]
    rows[1][0] = "31/31/2026"
    path = write_csv(tmp_path / "st.csv", ST_D, rows)
    frame, dq = read_checked(path, tmp_path)
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (3, 2, 1)
    [(reason, examples)] = dq.examples.items()
    assert "date" in reason and "Start Date" in reason and examples == ["st.csv row 3: '31/31/2026'"]


# --------------------------------------------------------------------------- folders and globs


def test_folder_mixing_two_kinds_lists_them(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    write_tsv(folder / "returns.txt", RETURNS, [returns_row("111-0000001-0000001")])
    write_csv(folder / "product_master.csv", PM, [["YM-6", "B0CHILD001", "Mat", "7.25", "45"]])
    expect_error(
        folder,
        tmp_path,
        "more than one report kind",
        "fba_returns",
        "product_master",
        "returns.txt",
        "product_master.csv",
    )


def test_glob_matching_nothing(tmp_path):
    write_csv(tmp_path / "st.csv", ST_D, [st_row("a")])
    expect_error(tmp_path / "ads" / "*.xlsx", tmp_path, "no files match")


def test_empty_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    expect_error(folder, tmp_path, "holds no report files")


def test_path_that_does_not_exist(tmp_path):
    expect_error(tmp_path / "nowhere.csv", tmp_path, "no such file")


def test_list_of_sources_with_one_bad_file_names_the_bad_file(tmp_path):
    good = write_csv(tmp_path / "good.csv", ST_D, [st_row("a")])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    before = hashes(tmp_path)
    with pytest.raises(ReportFormatError, match="bad.csv") as info:
        read_report([good, bad])
    assert "empty" in str(info.value)
    assert hashes(tmp_path) == before


def test_folder_read_skips_office_lock_and_hidden_files(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    write_csv(folder / "st.csv", ST_D, [st_row("a"), st_row("b")])
    (folder / "~$st.xlsx").write_bytes(b"\x00lock")
    (folder / ".hidden.csv").write_bytes(b"junk,junk\n1,2\n")
    frame, dq = read_checked(folder, tmp_path)
    assert dq.kind == "sp_search_term" and (dq.rows_read, dq.rows_used) == (2, 2)
    assert [Path(p).name for p in dq.files] == ["st.csv"]


def test_identical_redownload_in_a_folder_is_kept_once(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    rows = [st_row("a", spend="$2.00"), st_row("b", spend="$3.00")]
    write_csv(folder / "st (1).csv", ST_D, rows)
    write_csv(folder / "st.csv", ST_D, rows)
    frame, dq = read_checked(folder, tmp_path)
    # a byte-identical copy is one report: read once, not read twice and de-duplicated
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected) == (2, 2, 0)
    assert frame["spend"].sum() == pytest.approx(5.0)
    assert "st.csv is byte-identical to st (1).csv: read once" in dq.notes


def test_mixed_attribution_windows_in_one_file(tmp_path):
    header = [h.replace("7 Day Total Orders", "14 Day Total Orders") for h in ST_D]
    path = write_csv(tmp_path / "st.csv", header, [st_row("a")])
    expect_error(path, tmp_path, "attribution")


def test_no_frame_is_built_from_pandas_guessing_day_first(tmp_path):
    """A US by-date Business Report with day 13 in the second field stays month first, never swapped."""
    header = ["Date", "Ordered Product Sales", "Units Ordered"]
    path = write_csv(
        tmp_path / "BusinessReport.csv", header, [["09/13/2026", "$10.00", "1"], ["09/12/2026", "$5.00", "1"]]
    )
    frame, dq = read_checked(path, tmp_path)
    assert list(frame["date"]) == [pd.Timestamp("2026-09-13"), pd.Timestamp("2026-09-12")]
    assert dq.rows_rejected == 0


def test_same_key_in_two_marketplaces_is_not_a_duplicate(tmp_path):
    header = [
        "Date",
        "Currency",
        "Campaign Name",
        "Ad Group Name",
        "Targeting",
        "Match Type",
        "Customer Search Term",
        "Impressions",
        "Clicks",
        "Spend",
        "7 Day Total Sales ",
        "Country",
    ]
    for market, spend in (("DE", "5,00"), ("FR", "7,50")):
        (tmp_path / market.lower()).mkdir()
        write_csv(
            tmp_path / market.lower() / "st.csv",
            header,
            [["01.09.2026", "EUR", "SP Yoga Auto", "ag", "kw", "EXACT", "yoga", "10", "1", spend, "0,00", market]],
            delimiter=";",
        )
    frame, dq = read_checked(tmp_path, tmp_path)
    assert dq.rows_rejected == 0 and len(frame) == 2
    assert frame["spend"].sum() == pytest.approx(12.5)  # 5,00 + 7,50


def test_keyword_research_exports_of_two_products_are_both_kept(tmp_path):
    header = ["Keyword Phrase", "Cerebro IQ Score", "Search Volume", "B0AAAAAAAA"]
    write_csv(tmp_path / "US_AMAZON_cerebro_B0AAAAAAAA_2026-10-31.csv", header, [["yoga mat", "100", "5000", "3"]])
    write_csv(
        tmp_path / "US_AMAZON_cerebro_B0BBBBBBBB_2026-10-31.csv",
        header[:3] + ["B0BBBBBBBB"],
        [["yoga mat", "100", "5000", "7"]],
    )
    frame, dq = read_checked(tmp_path, tmp_path)
    assert len(frame) == 2 and dq.rows_rejected == 0
    assert frame["rank_b0aaaaaaaa"].dropna().tolist() == [3]


def test_a_day_above_twelve_settles_the_date_order_whatever_the_currency(tmp_path):
    header = ["Date", "Ordered Product Sales", "Units Ordered"]
    path = write_csv(tmp_path / "by_date.csv", header, [["01/02/2026", "$10.00", "1"], ["13/02/2026", "$20.00", "2"]])
    frame, dq = read_checked(path, tmp_path)
    assert list(frame["date"].dt.strftime("%Y-%m-%d")) == ["2026-02-01", "2026-02-13"]
    assert any("DMY" in n for n in dq.notes)


def test_utf16_unicode_text_export(tmp_path):
    path = tmp_path / "returns.txt"
    text = "\t".join(RETURNS) + "\n" + "\t".join(returns_row("111-0000001-0000001")) + "\n"
    path.write_bytes(text.encode("utf-16"))  # with its BOM, as Excel's "Unicode text" writes it
    frame, dq = read_checked(path, tmp_path)
    assert dq.kind == "fba_returns" and list(frame["order_id"]) == ["111-0000001-0000001"]


def test_flat_file_titles_with_quotes_keep_their_tabs(tmp_path):
    """SP-API flat files do not quote: a title with an opening quote must not swallow the next fields."""
    rows = [returns_row("111-0000001-0000001"), returns_row("111-0000002-0000002")]
    rows[0][5] = '"Yoga Mat 72 x 24'  # a title that opens a quote and never closes it
    path = write_tsv(tmp_path / "returns.txt", RETURNS, rows)
    frame, dq = read_checked(path, tmp_path)
    assert dq.rows_rejected == 0 and len(frame) == 2
    assert frame.loc[0, "product_name"] == '"Yoga Mat 72 x 24' and frame.loc[0, "fulfillment_center_id"] == "PHX7"
