"""The readers on the sample seller: every file against the generator's own numbers (computed
before they were formatted as Amazon text), and nothing rejected that was not planted as bad."""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops import paths
from sellerops.readers import open_folder, read_report

# truth key -> (canonical column, how to aggregate)
SUMS = {
    "impressions": "impressions",
    "clicks": "clicks",
    "spend": "spend",
    "sales_7d": "sales",
    "orders_7d": "orders",
    "units_7d": "units",
    "units_ordered": "units_ordered",
    "sessions_total": "sessions",
    "ordered_product_sales": "ordered_product_sales",
    "total_order_items": "total_order_items",
    "available": "available",
    "age_365_plus": "inv_age_365_plus_days",
    "afn_fulfillable": "afn_fulfillable_quantity",
    "units_returned": "quantity",
    "total": "total",
    "product_sales": "product_sales",
}


@pytest.fixture(scope="module")
def scan():
    return open_folder(paths.SAMPLE_DIR, cache=False)


def test_every_sample_file_is_read_and_only_the_planted_row_is_rejected(scan, truth):
    assert scan.errors.empty, scan.errors.to_dict("records")
    assert set(scan.files["file"]) == set(truth["files"])
    garbage = {f: v["garbage"] for f, v in truth["files"].items() if "garbage" in v}
    rejected = scan.files[scan.files["rejected"] > 0]
    assert set(rejected["file"]) == set(garbage)
    for f, g in garbage.items():
        dq = scan.qualities[f]
        [(reason, examples)] = dq.examples.items()
        assert g["column"] in reason and dq.rows_rejected == 1
        # data row 7 is file row 8 (the header is row 1); the reader may quote the offending value after a colon
        [example] = examples
        assert example.split(":")[0] == f"{f.rsplit('/', 1)[1]} row {g['row'] + 1}"
        assert ":" not in example or g["value"] in example
    assert all(dq.is_consistent() for dq in scan.qualities.values())


def test_each_file_matches_the_generators_numbers(scan, truth):
    checked = 0
    for rel, expected in truth["files"].items():
        frame, dq = scan.report(rel)
        assert dq.rows_read == expected["rows"], rel
        skip = set()
        if "garbage" in expected:  # the planted row is rejected whole; its true units are known
            g = expected["garbage"]
            assert frame["units_ordered"].sum() == expected["units_ordered"] - g["true_value"]
            skip = {"units_ordered", "sessions_total", "ordered_product_sales", "total_order_items"}
        for key, column in SUMS.items():
            if key in expected and key not in skip and column in frame.columns:
                assert frame[column].sum() == pytest.approx(expected[key], abs=0.011), (rel, key)
                checked += 1
        if "first_date" in expected:
            assert dq.start == pd.Timestamp(expected["first_date"]), rel
            assert dq.end == pd.Timestamp(expected["last_date"]), rel
        if "snapshot_date" in expected:
            assert (frame["snapshot_date"] == pd.Timestamp(expected["snapshot_date"])).all(), rel
        for kind, values in expected.get("by_type", {}).items():
            part = frame[frame["type"] == kind]
            assert len(part) == values["rows"] and part["total"].sum() == pytest.approx(values["total"], abs=0.011)
        for entity, values in expected.get("by_entity", {}).items():  # the bulk download: totals per entity type
            part = frame[frame["entity"] == entity]
            assert len(part) == values["rows"], (rel, entity)
            for key in ("impressions", "clicks", "spend", "sales", "orders", "units"):
                if key in values:
                    assert part[key].sum() == pytest.approx(values[key], abs=0.011), (rel, entity, key)
                    checked += 1
    assert checked > 500


@pytest.mark.parametrize("market, currency, first_day", [("us", "USD", "2024-11-01"), ("uk", "GBP", "2024-11-01")])
def test_business_report_by_date_follows_the_marketplaces_date_order(scan, market, currency, first_day):
    [rel] = [f for f in scan.files["file"] if f.startswith(f"{market}/business_reports/by_date/")]
    dates = scan.report(rel).frame["date"]
    # 730 distinct consecutive days: a day/month swap would scramble or reject every day above the 12th
    assert dates.is_unique and len(dates) == 730
    assert dates.min() == pd.Timestamp(first_day) and dates.max() == pd.Timestamp("2026-10-31")
    assert (dates.diff().dropna() == pd.Timedelta(days=1)).all()
    assert scan.qualities[rel].currencies == [currency]


def test_overlapping_search_term_download_is_counted_once(truth):
    overlap = truth["data_quality"]["overlapping_download"]
    frame, dq = read_report(paths.SAMPLE_DIR / "us" / "ads" / "search_terms")
    files = {f: v for f, v in truth["files"].items() if f.startswith("us/ads/search_terms/")}
    monthly = {f: v for f, v in files.items() if "duplicates_rows_of" not in v}
    assert dq.rejected == {"duplicate of a row in an overlapping download": overlap["duplicated_rows"]}
    assert len(frame) == sum(v["rows"] for v in monthly.values())
    assert frame["spend"].sum() == pytest.approx(sum(v["spend"] for v in monthly.values()), abs=0.05)
    assert int(frame["clicks"].sum()) == sum(v["clicks"] for v in monthly.values())
    assert len(dq.overlaps) == 1 and "2026-10-25..2026-10-31" in dq.overlaps[0]


def test_mixed_currency_folders_are_refused_when_summed():
    from sellerops.core.money import MixedCurrencyError, sum_amounts

    us, _ = read_report(paths.SAMPLE_DIR / "us" / "ads" / "campaigns")
    uk, _ = read_report(paths.SAMPLE_DIR / "uk" / "ads" / "campaigns")
    both = pd.concat([us, uk], ignore_index=True)
    with pytest.raises(MixedCurrencyError):
        sum_amounts(both, ["spend"])
    total = sum_amounts(both, ["spend"], fx_rates={"GBP": 1.25}, to_currency="USD")
    assert total["spend"].iloc[0] == pytest.approx(us["spend"].sum() + 1.25 * uk["spend"].sum())
