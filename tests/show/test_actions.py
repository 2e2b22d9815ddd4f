"""Tests of sellerops.show.actions: files read back with openpyxl and pandas, never written into the repository."""

from __future__ import annotations

import json
import os
import time
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from sellerops.show import actions

# The blank-template header of bulksheets 2.0, Sponsored Products, as printed in
# shared/reference/amazon-bulksheets-and-keepa.md section 1.1 (A) (typed from the reference, not the module).
REFERENCE_HEADER = (
    "Product | Entity | Operation | Campaign Id | Ad Group Id | Portfolio Id | Ad Id | Keyword Id | Product Targeting Id | "
    "Campaign Name | Ad Group Name | Start Date | End Date | Targeting Type | State | Daily Budget | sku | asin | "
    "Ad Group Default Bid | Bid | Keyword Text | Match Type | Bidding Strategy | Placement | Percentage | "
    "Product Targeting Expression"
).split(" | ")

HOSTILE = ["=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1+2", "\tx", "\r=1", " =2", "yoga mat"]
SAFE = ["'=cmd|' /C calc'!A0", "'@SUM(1)", "'+1", "'-1+2", "'\tx", "'\r=1", "' =2", "yoga mat"]


def hostile_frame() -> pd.DataFrame:
    n = len(HOSTILE)
    return pd.DataFrame(
        {
            "search_term": HOSTILE,
            "bid_change": [-1.5] + [0.25] * (n - 1),
            "clicks": list(range(-1, n - 1)),
            "campaign": ["Müsli – 瑜伽垫"] * n,
        }
    )


def sheet_rows(path, sheet=None):
    workbook = load_workbook(path)
    ws = workbook[sheet] if sheet else workbook.active
    return [[cell for cell in row] for row in ws.iter_rows()]


def by_header(rows):
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


# --------------------------------------------------------------------------- the actions of a month
NEGATIVES = pd.DataFrame(
    {
        "campaign_id": ["144000000000001", "144000000000001"],
        "ad_group_id": ["255000000000001", None],  # the second is campaign-level
        "keyword_text": ["free", "used yoga mat"],
        "match_type": ["negativeExact", "negativePhrase"],
        "clicks": [31, 12],  # evidence columns are ignored
    }
)
KEYWORDS = pd.DataFrame(
    {
        "campaign_id": [144000000000002],
        "ad_group_id": [255000000000002],
        "keyword_text": ["cork yoga mat"],
        "match_type": ["exact"],
        "bid": [0.855],
    }
)
BIDS = pd.DataFrame(
    {
        "campaign_id": ["144000000000002", "144000000000003"],
        "ad_group_id": ["255000000000002", "255000000000003"],
        "keyword_id": ["366000000000001", None],
        "product_targeting_id": [None, "477000000000001"],
        "bid": [1.2, 0.4],
        "state": ["enabled", "paused"],
    }
)
PLACEMENTS = pd.DataFrame(
    {
        "campaign_id": ["144000000000002", "144000000000002"],
        "placement": ["placement top", "placementProductPage"],
        "percentage": [50, 0],
        "bidding_strategy": ["Dynamic bids - down only", "Dynamic bids - down only"],
        "operation": [None, "Create"],
    }
)


@pytest.fixture
def bulk_path(tmp_path):
    return actions.write_bulksheet(
        tmp_path / "out", negatives=NEGATIVES, keywords=KEYWORDS, bids=BIDS, placements=PLACEMENTS
    )


def test_bulksheet_sheet_and_header_are_amazons(bulk_path):
    workbook = load_workbook(bulk_path)
    assert workbook.sheetnames == ["Sponsored Products Campaigns"]
    header = [c.value for c in next(workbook.active.iter_rows(max_row=1))]
    assert header == REFERENCE_HEADER
    assert len(header) == 26


def test_bulksheet_rows_entities_operations_and_cells(bulk_path):
    rows = by_header(sheet_rows(bulk_path))
    assert len(rows) == 7
    assert all(r["Product"].value == "Sponsored Products" for r in rows)
    got = [(r["Entity"].value, r["Operation"].value) for r in rows]
    assert got == [
        ("Negative keyword", "Create"),
        ("Campaign negative keyword", "Create"),
        ("Keyword", "Create"),
        ("Keyword", "Update"),
        ("Product targeting", "Update"),
        ("Bidding adjustment", "Update"),
        ("Bidding adjustment", "Create"),
    ]
    negative, campaign_negative, new_keyword, bid_kw, bid_pt, placement_update, placement_create = rows
    # (a) negative exact in an ad group
    assert negative["Campaign Id"].value == "144000000000001" and negative["Campaign Id"].data_type == "s"
    assert negative["Ad Group Id"].value == "255000000000001"
    assert (negative["State"].value, negative["Keyword Text"].value, negative["Match Type"].value) == (
        "enabled",
        "free",
        "negativeExact",
    )
    assert negative["Bid"].value is None and negative["Keyword Id"].value is None
    # (b) campaign-level negative: no ad group
    assert campaign_negative["Ad Group Id"].value is None and campaign_negative["Match Type"].value == "negativePhrase"
    # (c) a new exact keyword in an existing ad group: numeric IDs written as text, bid to cents, no Keyword Id
    assert new_keyword["Campaign Id"].value == "144000000000002" and new_keyword["Campaign Id"].data_type == "s"
    assert new_keyword["Keyword Id"].value is None and new_keyword["Match Type"].value == "exact"
    assert new_keyword["Bid"].value == 0.86 and new_keyword["Bid"].data_type == "n"  # 0.855 rounded half up
    assert new_keyword["State"].value == "enabled"
    # (d) bid updates carry the entity's ID and its current state
    assert bid_kw["Keyword Id"].value == "366000000000001" and bid_kw["Bid"].value == 1.2
    assert bid_kw["State"].value == "enabled" and bid_kw["Keyword Text"].value is None
    assert bid_pt["Product Targeting Id"].value == "477000000000001" and bid_pt["Keyword Id"].value is None
    assert bid_pt["State"].value == "paused"
    # (e) placement bid adjustment: State blank, strategy copied in, whole-number percentage
    assert placement_update["State"].value is None and placement_update["Ad Group Id"].value is None
    assert placement_update["Placement"].value == "placement top"
    assert placement_update["Percentage"].value == 50 and isinstance(placement_update["Percentage"].value, int)
    assert placement_update["Bidding Strategy"].value == "Dynamic bids - down only"
    assert placement_create["Placement"].value == "placement product page"
    # nothing else filled in
    for row in rows:
        assert row["Campaign Name"].value is None and row["Daily Budget"].value is None
        assert all(cell.data_type != "f" for cell in row.values())


def test_bulksheet_is_byte_identical_and_listed(tmp_path, bulk_path):
    again = actions.write_bulksheet(
        tmp_path / "again", negatives=NEGATIVES, keywords=KEYWORDS, bids=BIDS, placements=PLACEMENTS
    )
    assert again.read_bytes() == bulk_path.read_bytes()
    listed = actions.list_action_files(bulk_path.parent)
    assert listed.to_dict(orient="records") == [
        {"file": "sponsored_products_bulk.xlsx", "kind": "Sponsored Products bulk sheet", "rows": 7}
    ]


def test_bulksheet_ids_from_a_float_column_and_aliases(tmp_path):
    # an optional ID column with blanks arrives as float64 from pandas: whole values below 2**53 are exact
    negatives = pd.DataFrame(
        {
            "campaign_id": [144000000000001.0, 144000000000001.0],
            "ad_group_id": [255000000000001.0, np.nan],
            "keyword_text": ["free", "cheap"],
            "match_type": ["NEGATIVE_EXACT", "negative phrase"],
        }
    )
    sheet = actions.build_bulksheet(negatives=negatives, marketplace="gb")
    assert sheet["Ad Group Id"].tolist() == ["255000000000001", None]
    assert sheet["Match Type"].tolist() == ["negativeExact", "negativePhrase"]
    assert sheet["Entity"].tolist() == ["Negative keyword", "Campaign negative keyword"]
    empty = actions.write_bulksheet(tmp_path, name="nothing")
    assert [c.value for c in sheet_rows(empty)[0]] == REFERENCE_HEADER and len(sheet_rows(empty)) == 1


# --------------------------------------------------------------------------- bulk sheet validation
def one(frame: pd.DataFrame, **changes) -> pd.DataFrame:
    out = frame.iloc[[0]].copy()
    for column, value in changes.items():
        out[column] = pd.Series([value], index=out.index, dtype=object)
    return out


@pytest.mark.parametrize(
    ("table", "frame", "message"),
    [
        ("negatives", one(NEGATIVES, campaign_id=None), r"negatives row 0, column 'campaign_id': a value is required"),
        ("negatives", one(NEGATIVES, campaign_id="My campaign"), r"campaign_id.*numeric ID"),
        ("keywords", one(KEYWORDS, ad_group_id=np.nan), r"keywords row 0, column 'ad_group_id'"),
        ("bids", one(BIDS, keyword_id=None), r"bids row 0: give exactly one of 'keyword_id'"),
        ("bids", one(BIDS, product_targeting_id="477000000000009"), r"exactly one of"),
        ("bids", one(BIDS, state=None), r"bids row 0, column 'state': a value is required"),
        ("bids", one(BIDS, state="archived"), r"column 'state'.*not one of"),
        ("bids", one(BIDS, keyword_id=2.0**60), r"column 'keyword_id'.*below 2\*\*53"),
        ("placements", one(PLACEMENTS, campaign_id=-5), r"placements row 0, column 'campaign_id'"),
    ],
)
def test_missing_or_bad_ids_are_refused(table, frame, message):
    with pytest.raises(ValueError, match=message):
        actions.build_bulksheet(**{table: frame})


@pytest.mark.parametrize(
    ("marketplace", "bid"),
    [("US", 0.01), ("US", 1000.01), ("US", -1.0), ("JP", 1.5), ("DE", 1500.0), ("US", float("inf"))],
)
def test_bids_outside_amazons_limits_are_refused(marketplace, bid):
    with pytest.raises(ValueError, match=r"bids row 0, column 'bid'"):
        actions.build_bulksheet(bids=one(BIDS, bid=bid), marketplace=marketplace)
    with pytest.raises(ValueError, match=r"keywords row 0, column 'bid'"):
        actions.build_bulksheet(keywords=one(KEYWORDS, bid=bid), marketplace=marketplace)


def test_bids_inside_the_limits_are_accepted():
    # US 0.02-1000 and JP 2-100000 (Amazon Ads API docs, bid constraints by marketplace)
    assert actions.build_bulksheet(bids=one(BIDS, bid=0.02))["Bid"].tolist() == [0.02]
    assert actions.build_bulksheet(bids=one(BIDS, bid=1000))["Bid"].tolist() == [1000.0]
    assert actions.build_bulksheet(bids=one(BIDS, bid=2), marketplace="JP")["Bid"].tolist() == [2.0]
    with pytest.raises(ValueError, match="unknown marketplace 'XX'"):
        actions.build_bulksheet(bids=one(BIDS), marketplace="XX")


@pytest.mark.parametrize(
    ("table", "frame", "message"),
    [
        ("negatives", one(NEGATIVES, match_type="negativeBroad"), r"negatives row 0, column 'match_type'"),
        ("negatives", one(NEGATIVES, match_type="exact"), r"'exact' is not one of \['negativeExact'"),
        ("keywords", one(KEYWORDS, match_type="negativeExact"), r"keywords row 0, column 'match_type'"),
        ("keywords", one(KEYWORDS, match_type=None), r"column 'match_type'"),
        ("placements", one(PLACEMENTS, placement="placement amazon business"), r"column 'placement'"),
        ("placements", one(PLACEMENTS, percentage=901), r"column 'percentage'.*0 to 900"),
        ("placements", one(PLACEMENTS, percentage=-1), r"column 'percentage'"),
        ("placements", one(PLACEMENTS, percentage=50.5), r"whole number"),
        ("placements", one(PLACEMENTS, percentage="50%"), r"column 'percentage'"),
        ("placements", one(PLACEMENTS, bidding_strategy=None), r"column 'bidding_strategy': a value is required"),
        ("placements", one(PLACEMENTS, bidding_strategy="Fixed bids"), r"column 'bidding_strategy'"),
        ("placements", one(PLACEMENTS, operation="Archive"), r"column 'operation'"),
        ("keywords", one(KEYWORDS, keyword_text="-yoga"), r"column 'keyword_text'.*must not start with '-'"),
        ("keywords", one(KEYWORDS, keyword_text="=1+1"), r"must not start with '='"),
        ("keywords", one(KEYWORDS, keyword_text=" mat"), r"spaces"),
        ("keywords", one(KEYWORDS, keyword_text="m" * 81), r"81 characters"),
        ("negatives", one(NEGATIVES, keyword_text="a b c d e", match_type="negativePhrase"), r"at most 4 words"),
        ("negatives", one(NEGATIVES, keyword_text=None), r"keyword text is required"),
    ],
)
def test_values_outside_the_allowed_sets_are_refused(table, frame, message):
    with pytest.raises(ValueError, match=message):
        actions.build_bulksheet(**{table: frame})


def test_missing_columns_and_duplicates_are_refused():
    with pytest.raises(ValueError, match=r"negatives has no column\(s\) \['match_type'\]"):
        actions.build_bulksheet(negatives=NEGATIVES.drop(columns="match_type"))
    with pytest.raises(ValueError, match="keyword_id' or a 'product_targeting_id' column"):
        actions.build_bulksheet(bids=BIDS.drop(columns=["keyword_id", "product_targeting_id"]))
    twice = pd.concat([NEGATIVES.iloc[[0]], NEGATIVES.iloc[[0]].assign(keyword_text="FREE")], ignore_index=True)
    with pytest.raises(ValueError, match=r"negatives rows 0 and 1 are the same negative keyword"):
        actions.build_bulksheet(negatives=twice)


def test_nothing_is_written_when_an_action_is_invalid(tmp_path):
    with pytest.raises(ValueError):
        actions.write_bulksheet(tmp_path, negatives=NEGATIVES, bids=one(BIDS, bid=5000.0))
    assert not any(tmp_path.iterdir())


# --------------------------------------------------------------------------- formula safety
def test_xlsx_neutralises_formulas_and_keeps_numbers(tmp_path):
    path = actions.write_action_xlsx(hostile_frame(), tmp_path, "negatives")
    rows = sheet_rows(path, "actions")
    assert [c.value for c in rows[0]] == ["search_term", "bid_change", "clicks", "campaign"]
    # XML reads a carriage return back as a line feed; the quote in front is what matters
    assert [r[0].value for r in rows[1:]] == [s.replace("\r", "\n") for s in SAFE]
    assert all(r[0].data_type == "s" for r in rows[1:])
    first = rows[1]
    assert first[1].value == -1.5 and first[1].data_type == "n"  # a negative number is a number
    assert first[2].value == -1 and first[2].data_type == "n"
    assert first[3].value == "Müsli – 瑜伽垫"
    assert not any(cell.data_type == "f" for row in rows for cell in row)


def test_xlsx_raw_xml_has_no_formula(tmp_path):
    path = actions.write_action_xlsx(hostile_frame(), tmp_path, "negatives")
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/"))
    assert b"<f>" not in xml and b"<f " not in xml


def test_csv_has_bom_neutralises_and_round_trips(tmp_path):
    frame = hostile_frame()
    path = actions.write_action_csv(frame, tmp_path, "negatives.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert "\r\n'=cmd|' /C calc'!A0," in text and "\r\n'@SUM(1)," in text and "\r\n'+1," in text
    assert "\r\n'-1+2,0.25,2," in text
    assert "\r\n'=cmd|' /C calc'!A0,-1.5,-1," in text  # negative numbers are written as numbers, no quote
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert back["search_term"].tolist() == SAFE
    assert back["bid_change"].dtype == np.float64 and back["bid_change"].iloc[0] == -1.5
    assert back["clicks"].tolist() == frame["clicks"].tolist()
    assert back["campaign"].iloc[0] == "Müsli – 瑜伽垫"


def test_neutralising_cannot_be_dodged(tmp_path):
    # characters XML cannot hold are dropped first, so they cannot hide a trigger
    path = actions.write_action_xlsx(pd.DataFrame({"t": ["\x01=1+1", "a\x02b"]}), tmp_path, "x")
    assert [r[0].value for r in sheet_rows(path)[1:]] == ["'=1+1", "ab"]
    # headers are text too; strings in numeric-looking object columns are text
    frame = pd.DataFrame({"=HYPERLINK(1)": pd.Series(["-3", -3], dtype=object)})
    rows = sheet_rows(actions.write_action_xlsx(frame, tmp_path, "y"))
    assert rows[0][0].value == "'=HYPERLINK(1)"
    assert [r[0].value for r in rows[1:]] == ["'-3", -3]
    safe = actions.neutralise_formulas(pd.DataFrame({"s": pd.Series(["=1", None], dtype="str"), "n": [-1.0, 2.0]}))
    assert safe["s"].iloc[0] == "'=1" and pd.isna(safe["s"].iloc[1]) and safe["n"].tolist() == [-1.0, 2.0]


def test_labels_are_optional(tmp_path):
    frame = pd.DataFrame({"search_term": ["mat"], "rows_used": [1]})
    plain = pd.read_csv(actions.write_action_csv(frame, tmp_path, "a"), encoding="utf-8-sig")
    assert list(plain.columns) == ["search_term", "rows_used"]
    human = pd.read_csv(actions.write_action_csv(frame, tmp_path, "b", labels=True), encoding="utf-8-sig")
    assert list(human.columns) == ["search term", "rows used"]
    custom = actions.write_action_xlsx(frame, tmp_path, "c", labels={"search_term": "Customer search term"})
    assert [c.value for c in sheet_rows(custom)[0]] == ["Customer search term", "rows used"]


# --------------------------------------------------------------------------- determinism
def test_xlsx_and_csv_are_byte_identical_across_runs_and_clocks(tmp_path, monkeypatch):
    frame = hostile_frame().assign(day=pd.to_datetime(["2026-03-01"] * len(HOSTILE)))
    first_xlsx = actions.write_action_xlsx(frame, tmp_path / "one", "t").read_bytes()
    first_csv = actions.write_action_csv(frame, tmp_path / "one", "t").read_bytes()
    later = time.time() + 86_400 * 400  # the wall clock a year later
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(time, "localtime", lambda secs=None: time.gmtime(later))
    assert actions.write_action_xlsx(frame, tmp_path / "two", "t").read_bytes() == first_xlsx
    assert actions.write_action_csv(frame, tmp_path / "two", "t").read_bytes() == first_csv


def test_xlsx_document_properties_and_zip_dates_are_fixed(tmp_path):
    path = actions.write_action_xlsx(hostile_frame(), tmp_path, "t")
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core and "sellerops" in core
    properties = load_workbook(path).properties
    assert properties.creator == "sellerops"
    assert properties.created.year == 2000 and properties.modified.year == 2000


# --------------------------------------------------------------------------- paths and manifest
@pytest.mark.parametrize(
    "name",
    [
        "../evil",
        "../../etc/passwd",
        "sub/evil",
        "..\\evil",
        "/tmp/evil",
        "C:evil",
        "",
        ".",
        "..",
        ".hidden",
        " padded",
        "bad\x00name",
        "line\nbreak",
    ],
)
def test_unsafe_file_names_are_refused(tmp_path, name):
    out = tmp_path / "out"
    frame = pd.DataFrame({"a": [1]})
    for write in (actions.write_action_csv, actions.write_action_xlsx):
        with pytest.raises(ValueError, match="file name"):
            write(frame, out, name)
    with pytest.raises(ValueError, match="file name"):
        actions.write_bulksheet(out, name=name, negatives=NEGATIVES)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []


def test_a_symlink_cannot_lead_outside_the_folder(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    try:
        os.symlink(outside / "target.csv", out / "link.csv")
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks on this system")
    with pytest.raises(ValueError, match="outside the output folder"):
        actions.write_action_csv(pd.DataFrame({"a": [1]}), out, "link")
    assert not (outside / "target.csv").exists()


def test_folder_is_created_and_files_are_listed(tmp_path):
    out = tmp_path / "reports" / "lab" / "job-1"
    assert actions.list_action_files(out).empty  # nothing yet, and the folder is not created by listing
    assert not out.exists()
    actions.write_action_csv(pd.DataFrame({"a": [1, 2]}), out, "harvest", kind="harvest (exact)")
    actions.write_action_xlsx(pd.DataFrame({"a": [1, 2, 3]}), out, "reorders")
    actions.write_bulksheet(out, negatives=NEGATIVES)
    listed = actions.list_action_files(out)
    assert listed.to_dict(orient="records") == [
        {"file": "harvest.csv", "kind": "harvest (exact)", "rows": 2},
        {"file": "reorders.xlsx", "kind": "reorders", "rows": 3},
        {"file": "sponsored_products_bulk.xlsx", "kind": "Sponsored Products bulk sheet", "rows": 2},
    ]
    actions.write_action_xlsx(pd.DataFrame({"a": [1]}), out, "reorders.xlsx")  # rewritten: one entry, new count
    (out / "harvest.csv").unlink()  # deleted since: not listed
    listed = actions.list_action_files(out)
    assert listed["file"].tolist() == ["reorders.xlsx", "sponsored_products_bulk.xlsx"]
    assert listed["rows"].tolist() == [1, 2]
    manifest = json.loads((out / actions.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [e["file"] for e in manifest] == ["harvest.csv", "reorders.xlsx", "sponsored_products_bulk.xlsx"]
    assert sorted(p.name for p in out.iterdir()) == [
        "action_files.json",
        "reorders.xlsx",
        "sponsored_products_bulk.xlsx",
    ]  # no temporary files left behind


def test_a_broken_manifest_is_reported(tmp_path):
    (tmp_path / actions.MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="manifest"):
        actions.list_action_files(tmp_path)


def test_invalid_sheet_name_is_refused(tmp_path):
    with pytest.raises(ValueError, match="sheet name"):
        actions.write_action_xlsx(pd.DataFrame({"a": [1]}), tmp_path, "x", sheet_name="a/b")


def test_cells_of_other_kinds_are_written(tmp_path):
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2026-03-01 10:00"]).tz_localize("Europe/Berlin"),
            "missing": [np.nan],
            "inf": [np.inf],
            "flag": [True],
            "ints": pd.array([None], dtype="Int64"),
        }
    )
    rows = sheet_rows(actions.write_action_xlsx(frame, tmp_path, "kinds"))
    when, missing, inf, flag, ints = (c.value for c in rows[1])
    assert when.isoformat() == "2026-03-01T09:00:00"  # UTC, without a zone
    assert missing is None and inf is None and flag is True and ints is None
