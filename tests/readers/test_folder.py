"""The folder scan (readers/folder.py): every table carries the marketplace, nothing is lost between tables.

A crafted folder holds two marketplaces, each with two overlapping daily search-term downloads;
one UK file has a column Amazon never wrote and one US file cannot be read at all.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops.analysis.coverage import filter_marketplace
from sellerops.readers import scan_folder

from .crafted import ST_B, write_csv

MYSTERY = "Mystery Column"


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


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-markets")
    for market, currency in (("us", "USD"), ("uk", "GBP")):
        folder = root / market / "ads"
        folder.mkdir(parents=True)
        write_csv(folder / "st-2026-09-a.csv", ST_B, [_row(d, currency, "2.00") for d in (1, 2, 3)])
        header = ST_B + [MYSTERY] if market == "uk" else ST_B
        write_csv(folder / "st-2026-09-b.csv", header, [_row(d, currency, "2.00", header) for d in (2, 3, 4)])
    (root / "us" / "ads" / "broken.csv").write_text("not,a,report\n1,2,3\n", encoding="utf-8")
    return scan_folder(root)


def test_every_file_has_its_marketplace_and_time_model(scan):
    files = scan.files.set_index("file")
    assert files.loc["us/ads/st-2026-09-a.csv", "marketplace"] == "US"
    assert files.loc["uk/ads/st-2026-09-b.csv", "marketplace"] == "UK"
    assert set(files["time_model"]) == {"daily"}
    assert files.loc["uk/ads/st-2026-09-a.csv", "start"] == pd.Timestamp("2026-09-01")
    assert files.loc["uk/ads/st-2026-09-a.csv", "end"] == pd.Timestamp("2026-09-03")


def test_overlaps_are_per_marketplace(scan):
    groups = scan.groups.set_index("folder")
    assert groups.loc["us/ads", "marketplace"] == "US" and groups.loc["uk/ads", "marketplace"] == "UK"
    # two downloads of three days, two days in common: 6 rows read, 4 used, 2 duplicates
    assert groups.loc["uk/ads", ["read", "used", "rejected"]].tolist() == [6, 4, 2]
    uk = filter_marketplace(scan.groups[scan.groups["overlaps"] != ""], "UK")
    assert uk["folder"].tolist() == ["uk/ads"]
    assert "st-2026-09-a.csv also in st-2026-09-b.csv" in uk.loc[0, "overlaps"]


def test_unknown_columns_are_listed_for_their_marketplace(scan):
    unknown = scan.unknown_columns
    assert unknown["file"].tolist() == ["uk/ads/st-2026-09-b.csv"]
    assert unknown.loc[0, "unknown_columns"] == MYSTERY and unknown.loc[0, "marketplace"] == "UK"
    assert filter_marketplace(unknown, "US").empty
    assert filter_marketplace(unknown, "UK")["file"].tolist() == ["uk/ads/st-2026-09-b.csv"]


def test_an_unreadable_file_is_listed_with_its_reason(scan):
    assert scan.errors["file"].tolist() == ["us/ads/broken.csv"]
    assert "no header row recognised" in scan.errors.loc[0, "error"]
    assert "/" not in scan.errors.loc[0, "error"].split(":")[0].replace("us/ads/broken.csv", "")


def test_rejections_carry_the_marketplace(scan):
    assert scan.rejections.empty  # duplicates are counted on the groups, not per file
    assert list(scan.rejections.columns)[:3] == ["file", "kind", "marketplace"]
