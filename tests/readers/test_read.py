"""Header variants of ``amazon-report-formats.md`` for reading folders of downloads: overlaps de-duplicated (read.py), crafted cell by cell in ``tmp_path``.

Each test writes a small file with the exact Amazon headers of one variant and checks the detected
kind, a few canonical values against literals computed by hand from the cells written, the dtypes,
and the data-quality invariant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sellerops.readers import ReportFormatError, read_report

from .crafted import ST_B, ST_D, K, read_clean, ts, write_csv

# --------------------------------------------------------------------------- overlapping downloads


def _st_daily(day: int, spend: str, sales: str):
    return [
        f"Sep {day:02d}, 2026",
        "",
        "USD",
        "Camp A",
        "AG 1",
        "yoga mat",
        "EXACT",
        "yoga mat",
        "100",
        "4",
        "4.00%",
        "$0.50",
        spend,
        sales,
        "",
        "",
        "1",
        "1",
        "25.00%",
        "1",
        "0",
        sales,
        "$0.00",
    ]


def test_folder_of_overlapping_daily_downloads_is_deduplicated(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()
    # Download 1: Sep 1..5; download 2: Sep 3..7 (3 overlapping days). The later download
    # reaches further, so its copy of Sep 3..5 (with late attributed sales) is kept.
    d1 = [_st_daily(d, "$2.00", "$10.00") for d in (1, 2, 3, 4, 5)]
    d2 = [_st_daily(d, "$2.00", "$12.00") for d in (3, 4, 5)] + [_st_daily(d, "$3.00", "$20.00") for d in (6, 7)]
    write_csv(folder / "search-terms-2026-09-a.csv", ST_B, d1)
    write_csv(folder / "search-terms-2026-09-b.csv", ST_B, d2)
    f, dq = read_clean(folder)
    assert dq.kind == K("sp_search_term")
    assert dq.rows_read == 10 and dq.rows_used == 7 and dq.rows_rejected == 3
    [(reason, n)] = dq.rejected.items()
    assert n == 3 and "duplicate" in reason
    assert len(dq.overlaps) == 1
    assert "search-terms-2026-09-a.csv" in dq.overlaps[0] and "search-terms-2026-09-b.csv" in dq.overlaps[0]
    assert "2026-09-03" in dq.overlaps[0] and "2026-09-05" in dq.overlaps[0]
    assert sorted(f["date"]) == [ts(f"2026-09-0{d}") for d in range(1, 8)]
    assert f["date"].is_unique
    assert f["spend"].sum() == pytest.approx(5 * 2.0 + 2 * 3.0)  # 16.0
    assert f["sales"].sum() == pytest.approx(2 * 10.0 + 3 * 12.0 + 2 * 20.0)  # 96.0
    assert int(f["clicks"].sum()) == 28
    assert dq.start == ts("2026-09-01") and dq.end == ts("2026-09-07")
    assert sorted(Path(p).name for p in dq.files) == ["search-terms-2026-09-a.csv", "search-terms-2026-09-b.csv"]


def test_a_download_that_overlaps_no_other_keeps_every_row(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()
    write_csv(folder / "st-a.csv", ST_B, [_st_daily(d, "$2.00", "$10.00") for d in (1, 2, 3)])
    write_csv(folder / "st-b.csv", ST_B, [_st_daily(d, "$2.00", "$12.00") for d in (3, 4)])
    # Sep 20..21 twice in one file: rows of one file are not each other's duplicates
    write_csv(folder / "st-c.csv", ST_B, [_st_daily(d, "$1.00", "$5.00") for d in (20, 21, 21)])
    f, dq = read_clean(folder)
    assert dq.rows_read == 8 and dq.rows_used == 7 and dq.rows_rejected == 1
    assert len(dq.overlaps) == 1 and "st-c.csv" not in dq.overlaps[0]
    assert sorted(f["date"].dt.day) == [1, 2, 3, 4, 20, 21, 21]
    assert f["spend"].sum() == pytest.approx(4 * 2.0 + 3 * 1.0)
    assert f.loc[f["date"].dt.day == 3, "sales"].tolist() == [12.0]  # the download reaching further wins
    alone, dq_alone = read_clean(folder / "st-c.csv")
    assert dq_alone.rows_used == 3 and alone["sales"].tolist() == [5.0, 5.0, 5.0]


def test_overlapping_summary_downloads_with_different_ranges_are_refused(tmp_path):
    folder = tmp_path / "ads"
    folder.mkdir()

    def summary(start, end, spend):
        return [
            [
                start,
                end,
                "",
                "USD",
                "Camp A",
                "AG 1",
                "Amazon",
                "US",
                "yoga mat",
                "EXACT",
                "yoga mat",
                "100",
                "4",
                "4.00%",
                "$0.50",
                spend,
                "$10.00",
                "20.00%",
                "5.00",
                "1",
                "1",
                "25.00%",
                "1",
                "0",
                "$10.00",
                "$0.00",
            ]
        ]

    write_csv(folder / "st-sep.csv", ST_D, summary("Sep 01, 2026", "Sep 30, 2026", "$2.00"))
    write_csv(folder / "st-mid.csv", ST_D, summary("Sep 15, 2026", "Oct 14, 2026", "$3.00"))
    with pytest.raises(ReportFormatError) as err:
        read_report(folder)
    msg = str(err.value)
    assert "st-sep.csv" in msg and "st-mid.csv" in msg
    assert "overlap" in msg
