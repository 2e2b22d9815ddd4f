"""The catalog (readers/catalog.py): one scan, loads by kind, marketplace and dates, the cache, identical files.

A crafted folder holds two marketplaces, each with two overlapping daily search-term downloads; one
UK file has a column Amazon never wrote, one US file cannot be read, a PDF is not a report, and an
undated Business Report is there twice, byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import time
import zipfile

import pandas as pd
import pytest

from sellerops.readers import MissingReportError, ReportFormatError, cache, open_folder, sources

from .crafted import ST_B, write_csv

MYSTERY = "Mystery Column"
CHILD = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions", "Units Ordered", "Ordered Product Sales"]


def _row(day: int, currency: str, spend: str, header=ST_B):
    values = {
        "Date": f"Sep {day:02d}, 2026",
        "Currency": currency,
        "Campaign Name": "Camp A",
        "Ad Group Name": "AG 1",
        "Targeting": "yoga mat",
        "Match Type": "EXACT",
        "Customer Search Term": "yoga mat",
        "Impressions": "100",
        "Clicks": "4",
        "Spend": spend,
        "7 Day Total Sales": "10.00",
        MYSTERY: "x",
    }
    return [values.get(h, "") for h in header]


def _make_folder(root):
    for market, currency in (("us", "USD"), ("uk", "GBP")):
        folder = root / market / "ads"
        folder.mkdir(parents=True)
        write_csv(folder / "st-2026-09-a.csv", ST_B, [_row(d, currency, "2.00") for d in (1, 2, 3)])
        header = ST_B + [MYSTERY] if market == "uk" else ST_B
        write_csv(folder / "st-2026-09-b.csv", header, [_row(d, currency, "2.00", header) for d in (2, 3, 4)])
    (root / "us" / "ads" / "broken.csv").write_text("not,a,report\n1,2,3\n", encoding="utf-8")
    (root / "us" / "invoice.pdf").write_bytes(b"%PDF-1.4 not a report")
    child = root / "us" / "business"
    child.mkdir()
    rows = [["B0AAAAAAA1", "B0AAAAAAA1", "Mat", "M-1", "100", "7", "$70.00"]]
    write_csv(child / "BusinessReport.csv", CHILD, rows, quote_all=True)
    shutil.copy(child / "BusinessReport.csv", child / "BusinessReport (1).csv")
    return root


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return _make_folder(tmp_path_factory.mktemp("two-markets"))


@pytest.fixture(scope="module")
def catalog(folder, tmp_path_factory):
    return open_folder(folder, cache_dir=tmp_path_factory.mktemp("cache"))


def test_every_file_has_its_marketplace_kind_and_time_model(catalog):
    files = catalog.files.set_index("file")
    assert files.loc["us/ads/st-2026-09-a.csv", "marketplace"] == "US"
    assert files.loc["uk/ads/st-2026-09-b.csv", "marketplace"] == "UK"
    assert files.loc["uk/ads/st-2026-09-b.csv", "report"] == "SP search terms"
    assert set(files["time_model"]) == {"daily"}
    assert files.loc["uk/ads/st-2026-09-a.csv", ["start", "end"]].tolist() == [
        pd.Timestamp("2026-09-01"),
        pd.Timestamp("2026-09-03"),
    ]
    assert catalog.marketplaces == ["UK", "US"]


def test_overlaps_are_per_marketplace(catalog):
    uk = catalog.describe("UK").overlaps
    assert uk["marketplace"].tolist() == ["UK"]
    # two downloads of three days with two days in common: 6 rows read, 4 used, 2 duplicates
    assert uk[["read", "used", "duplicates"]].iloc[0].tolist() == [6, 4, 2]
    assert "st-2026-09-a.csv also in st-2026-09-b.csv" in uk.loc[0, "overlaps"]
    assert catalog.describe("US").overlaps["marketplace"].tolist() == ["US"]


def test_unknown_columns_are_listed_for_their_marketplace(catalog):
    unknown = catalog.unknown_columns
    assert unknown["file"].tolist() == ["uk/ads/st-2026-09-b.csv"]
    assert unknown.loc[0, "unknown_columns"] == MYSTERY and unknown.loc[0, "marketplace"] == "UK"
    assert catalog.describe("US").unknown_columns.empty
    assert catalog.describe("UK").unknown_columns["file"].tolist() == ["uk/ads/st-2026-09-b.csv"]


def test_unreadable_and_skipped_files_are_listed_with_the_reason(catalog):
    assert catalog.errors["file"].tolist() == ["us/ads/broken.csv"]
    assert "no header row recognised" in catalog.errors.loc[0, "error"]
    skipped = dict(zip(catalog.skipped["file"], catalog.skipped["reason"]))
    assert skipped["us/invoice.pdf"] == "not a report file (.pdf)"
    assert skipped["us/business/BusinessReport.csv"].startswith("byte-identical to us/business/BusinessReport (1).csv")


def test_identical_files_are_counted_once_also_without_dates(catalog):
    report = catalog.load("business_report_child_item", marketplace="US")
    assert report.quality.rows_read == 1 and len(report.frame) == 1
    assert int(report.frame["units_ordered"].sum()) == 7


def test_load_combines_deduplicates_and_filters_by_dates(catalog):
    frame, dq = catalog.load("sp_search_term", marketplace="uk", start="2026-09-02", end="2026-09-03")
    assert sorted(frame["date"].dt.day) == [2, 3]
    # 6 rows read, 2 duplicates rejected, 2 outside the dates
    assert (dq.rows_read, dq.rows_used, dq.rows_rejected, dq.rows_outside) == (6, 2, 2, 2)
    assert dq.is_consistent() and dq.marketplace == "UK" and set(frame["currency"]) == {"GBP"}
    assert (dq.start, dq.end) == (pd.Timestamp("2026-09-02"), pd.Timestamp("2026-09-03"))


def test_a_marketplace_the_folder_does_not_hold_lists_those_it_does(catalog):
    with pytest.raises(ReportFormatError, match=r"holds no files of marketplace 'DE'.*it holds: UK, US"):
        catalog.load("sp_search_term", marketplace="DE")
    with pytest.raises(ReportFormatError, match="not a marketplace code"):
        catalog.check_marketplace("Mars")
    assert catalog.check_marketplace("gb") == "UK" and catalog.check_marketplace("") is None


def test_a_missing_kind_is_its_own_error(catalog):
    with pytest.raises(MissingReportError, match="holds no FBA inventory planning report"):
        catalog.load("fba_inventory_planning", marketplace="US")
    assert not catalog.has("fba_inventory_planning") and catalog.has("sp_search_term", "UK")


def test_the_second_open_is_served_from_the_cache(folder, tmp_path):
    first = open_folder(folder, cache_dir=tmp_path)
    # six reports to read (the copy is not read; the broken file fails the same way from the cache)
    assert first._cache.hits == 0 and first._cache.misses == 6
    second = open_folder(folder, cache_dir=tmp_path)
    assert second._cache.hits == 6 and second._cache.misses == 0
    assert second.errors.equals(first.errors)
    pd.testing.assert_frame_equal(
        first.load("sp_search_term", marketplace="US").frame, second.load("sp_search_term", marketplace="US").frame
    )
    assert second.files.drop(columns=[]).equals(first.files)


def test_a_changed_file_is_read_again(folder, tmp_path):
    work = tmp_path / "data"
    shutil.copytree(folder, work)
    open_folder(work, cache_dir=tmp_path / "c")
    write_csv(work / "uk" / "ads" / "st-2026-09-a.csv", ST_B, [_row(d, "GBP", "5.00") for d in (1, 2, 3)])
    again = open_folder(work, cache_dir=tmp_path / "c")
    assert again._cache.misses == 1 and again._cache.hits == 5
    spend = again.load("sp_search_term", marketplace="UK", start="2026-09-01", end="2026-09-01").frame["spend"]
    assert spend.tolist() == [5.0]


def test_a_changed_reader_is_never_served_stale(folder, tmp_path, monkeypatch):
    open_folder(folder, cache_dir=tmp_path)
    monkeypatch.setattr(cache, "reader_version", lambda: "a different reader")
    again = open_folder(folder, cache_dir=tmp_path)
    assert again._cache.hits == 0 and again._cache.misses == 6


def test_a_corrupt_entry_is_rebuilt(folder, tmp_path):
    first = open_folder(folder, cache_dir=tmp_path)
    for entry in tmp_path.rglob("*.arrow"):
        entry.write_bytes(b"not arrow")  # a truncated write: the size no longer matches the record
    again = open_folder(folder, cache_dir=tmp_path)
    assert again._cache.misses == 5 and again._cache.hits == 1  # five frames rebuilt; the error entry still good
    pd.testing.assert_frame_equal(
        first.load("sp_search_term", marketplace="UK").frame, again.load("sp_search_term", marketplace="UK").frame
    )
    assert open_folder(folder, cache_dir=tmp_path)._cache.hits == 6


def test_a_damaged_entry_of_the_right_size_is_rebuilt_when_loaded(folder, tmp_path):
    first = open_folder(folder, cache_dir=tmp_path)
    expected = first.load("sp_search_term", marketplace="UK").frame
    for entry in tmp_path.rglob("*.arrow"):
        entry.write_bytes(b"\0" * entry.stat().st_size)  # same size, nothing an Arrow reader can use
    again = open_folder(folder, cache_dir=tmp_path)
    assert again._cache.hits == 6 and again._cache.misses == 0  # the scan reads only the records
    pd.testing.assert_frame_equal(expected, again.load("sp_search_term", marketplace="UK").frame)
    assert again._cache.misses == 2  # the two UK files, read again at load and re-cached
    third = open_folder(folder, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(expected, third.load("sp_search_term", marketplace="UK").frame)
    assert third._cache.misses == 0


def test_a_files_digest_is_remembered_until_the_file_changes(tmp_path):
    data = tmp_path / "report.csv"
    data.write_text("a,b\n1,2\n", encoding="utf-8")
    store = cache.FrameCache(tmp_path / "cache")
    calls = []

    def compute():
        calls.append(1)
        return hashlib.sha256(data.read_bytes()).hexdigest()

    assert store.digest(data, compute) == compute() and len(calls) == 2
    store.digest(data, compute)
    assert len(calls) == 3  # modified just now: could change again within the same timestamp, so not remembered
    past = time.time() - 60
    os.utime(data, (past, past))
    time.sleep(cache.RACY_SECONDS + 0.1)  # the change time (set by utime itself) must lie in the past too
    first = store.digest(data, compute)
    assert store.digest(data, compute) == first and len(calls) == 4  # remembered
    data.write_text("a,b\n1,3\n", encoding="utf-8")
    os.utime(data, (past, past))  # same size and the same mtime: the change time still tells
    changed = store.digest(data, compute)
    assert changed != first and changed == hashlib.sha256(data.read_bytes()).hexdigest() and len(calls) == 5


def test_the_cache_can_be_turned_off(folder, monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.default_cache_dir() is None
    assert open_folder(folder)._cache is None
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "moved"))
    open_folder(folder)
    assert list((tmp_path / "moved").rglob("*.arrow"))
    assert open_folder(folder, cache=False)._cache is None


def test_monthly_rows_cover_their_whole_month(tmp_path):
    header = ["Date", "Ordered Product Sales", "Units Ordered", "Total Order Items"]
    rows = [["09/01/2026", "$10.00", "1", "1"], ["10/01/2026", "$20.00", "2", "2"]]
    write_csv(tmp_path / "us" / "BusinessReport-monthly.csv", header, rows)
    catalog = open_folder(tmp_path, cache=False)
    row = catalog.files.iloc[0]
    assert row["time_model"] == "monthly" and row["end"] == pd.Timestamp("2026-10-31")
    frame, dq = catalog.load("business_report_by_date", marketplace="US", start="2026-10-15", end="2026-10-31")
    assert frame["units_ordered"].tolist() == [2] and dq.rows_outside == 1


def test_zip_and_gzip_exports_are_read_as_their_members(tmp_path):
    source = tmp_path / "src"
    write_csv(source / "st-a.csv", ST_B, [_row(1, "USD", "1.00")])
    write_csv(source / "st-b.csv", ST_B, [_row(2, "USD", "2.00")])
    data = tmp_path / "data" / "us"
    data.mkdir(parents=True)
    with zipfile.ZipFile(data / "downloads.zip", "w") as zf:
        zf.write(source / "st-a.csv", "../../evil/st-a.csv")  # a member path is data, never a path
        zf.writestr("notes.docx", b"x")
    (data / "st-b.csv.gz").write_bytes(gzip.compress((source / "st-b.csv").read_bytes()))
    catalog = open_folder(tmp_path / "data", cache=False)
    assert sorted(catalog.files["file"]) == ["us/downloads.zip/st-a.csv", "us/st-b.csv.gz/st-b.csv"]
    assert catalog.skipped["file"].tolist() == ["us/downloads.zip/notes.docx"]
    assert catalog.load("sp_search_term", marketplace="US").frame["spend"].sum() == pytest.approx(3.0)
    assert not (tmp_path / "evil").exists()


def test_an_archive_over_the_limits_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_MEMBERS", 2)
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as zf:
        for i in range(3):
            zf.writestr(f"r{i}.csv", "a,b\n")
    with pytest.raises(ReportFormatError, match="holds 3 members, more than the 2"):
        open_folder(tmp_path, cache=False)
    monkeypatch.setattr(sources, "MAX_MEMBERS", 500)
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", 10)
    with pytest.raises(ReportFormatError, match="unpacks to"):
        open_folder(tmp_path, cache=False)


@pytest.mark.parametrize("make", ["missing", "empty", "only_pdf"])
def test_a_folder_without_reports_says_what_was_looked_for(tmp_path, make):
    folder = tmp_path / "exports"
    if make != "missing":
        folder.mkdir()
    if make == "only_pdf":
        (folder / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(ReportFormatError) as err:
        open_folder(folder, cache=False)
    message = str(err.value)
    assert ("no such folder" in message) if make == "missing" else ("holds no report files (looked for .csv" in message)


def test_a_business_report_without_a_month_in_its_name_is_named_in_data_health(tmp_path):
    from sellerops.analysis.coverage import assess_data_health

    write_csv(
        tmp_path / "us" / "BusinessReport.csv",
        CHILD,
        [["B0AAAAAAA1", "B0AAAAAAA1", "Mat", "M-1", "100", "7", "$70.00"]],
    )
    write_csv(
        tmp_path / "us" / "BusinessReport-2026-09.csv",
        CHILD,
        [["B0AAAAAAA2", "B0AAAAAAA2", "Cup", "C-1", "9", "1", "$9.00"]],
    )
    catalog = open_folder(tmp_path, cache=False)
    sources = dict(zip(catalog.files["file"], catalog.files["period_source"]))
    assert sources == {"us/BusinessReport.csv": "none", "us/BusinessReport-2026-09.csv": "file name"}
    health = assess_data_health(catalog.describe("US"), "2026-09-01", "2026-09-30")
    assert "us/BusinessReport.csv" in health.finding("naming") and "BusinessReport-2026-10.csv" in health.finding(
        "naming"
    )
    assert "BusinessReport-2026-09.csv" not in health.finding("naming").split("unknown:")[1].split(".")[0]


def test_load_inputs_loads_required_and_optional_kinds_and_names_the_missing(catalog):
    inputs = catalog.load_inputs(
        ["sp_search_term"], ["fba_inventory_planning", "sp_campaign|business_report_child_item"], marketplace="us"
    )
    assert set(inputs.frames) == {"sp_search_term", "business_report_child_item"}
    assert inputs.missing == ["fba_inventory_planning"] and inputs.marketplace == "US"
    with pytest.raises(MissingReportError, match="holds no FBA inventory planning"):
        catalog.load_inputs(["fba_inventory_planning"], marketplace="US")


def test_the_brief_of_an_analysis_inputs(catalog):
    from sellerops.analysis.coverage import brief_inputs

    inputs = catalog.load_inputs(["sp_search_term"], ["fba_inventory_planning"], marketplace="UK", start="2026-09-02")
    brief = brief_inputs(inputs)
    row = brief.tables["inputs"].iloc[0]
    assert (row["report"], row["read"], row["used"], row["rejected"], row["outside_period"]) == (
        "SP search terms",
        6,
        3,
        2,
        1,
    )
    assert brief.finding("read") == "Read for this analysis: SP search terms (3 rows); 2 rows rejected."
    assert brief.finding("missing").startswith("Not in the data folder: FBA inventory planning.")


def test_downloads_are_each_file_on_its_own(catalog):
    downloads = catalog.downloads("sp_search_term", "uk")
    assert sorted(downloads) == ["uk/ads/st-2026-09-a.csv", "uk/ads/st-2026-09-b.csv"]
    assert [len(r.frame) for r in downloads.values()] == [3, 3]  # the two days both hold are in both
