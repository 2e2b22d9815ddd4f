"""The sample's bulk operations downloads (bulksheets 2.0) agree with the console reports and hold real IDs.

Everything is read back through ``sellerops.readers``: the analyses resolve the console reports' names
(campaign, ad group, targeting + match type) to these IDs to write uploadable bulk files.
"""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest

from sellerops import paths
from sellerops.readers import read_report
from sellerops.sample import catalogue as cat
from sellerops.sample.simulate import simulate

MARKETS = ("us", "uk")
ID_HEADERS = ("Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID", "Product Targeting ID")
ID_COLUMNS = ("campaign_id", "ad_group_id", "portfolio_id", "ad_id", "keyword_id", "product_targeting_id")
#: Which ID each entity owns (unique per entity type, and across the marketplaces).
OWN_ID = {
    "Campaign": "campaign_id",
    "Ad Group": "ad_group_id",
    "Product Ad": "ad_id",
    "Keyword": "keyword_id",
    "Negative keyword": "keyword_id",
    "Campaign negative keyword": "keyword_id",
    "Product Targeting": "product_targeting_id",
}
METRICS = ["impressions", "clicks", "spend", "sales", "orders"]
OCTOBER = (pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-31"))


def _bulk_path(market: str):
    [path] = sorted((paths.SAMPLE_DIR / market / "ads" / "bulk").glob("*.xlsx"))
    return path


@pytest.fixture(scope="module")
def bulk() -> dict[str, pd.DataFrame]:
    return {m: read_report(_bulk_path(m))[0] for m in MARKETS}


def _console(market: str, folder: str) -> pd.DataFrame:
    frame, _ = read_report(paths.SAMPLE_DIR / market / "ads" / folder)
    return frame[(frame["date"] >= OCTOBER[0]) & (frame["date"] <= OCTOBER[1])]


def _campaigns(market: str) -> list[str]:
    return [c[0] for c in cat.CAMPAIGNS if c[1] == market.upper()]


@pytest.mark.parametrize("market", MARKETS)
def test_one_bulk_download_per_marketplace_read_whole_as_sp_bulk(market, truth):
    path = _bulk_path(market)
    assert re.fullmatch(r"bulk-a[0-9a-z]{13}-20261001-20261031\.xlsx", path.name)
    frame, dq = read_report(path)
    assert dq.kind == "sp_bulk" and "informational" in dq.variant
    assert (
        dq.rows_read
        == dq.rows_used
        == len(frame)
        == truth["files"][path.relative_to(paths.SAMPLE_DIR).as_posix()]["rows"]
    )
    assert dq.rows_rejected == 0 and dq.unknown_columns == []
    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert sheets == ["Portfolios", "Sponsored Products Campaigns"]
    assert set(frame["product"]) == {"Sponsored Products"} and frame["operation"].isna().all()
    n = len(_campaigns(market))
    counts = frame["entity"].value_counts()
    assert counts["Campaign"] == counts["Ad Group"] == counts["Product Ad"] == n
    assert counts["Bidding Adjustment"] == 3 * n
    assert {"Keyword", "Product Targeting", "Negative keyword"} <= set(counts.index)


@pytest.mark.parametrize("market", MARKETS)
def test_ids_are_long_digit_text_cells(market):
    ws = openpyxl.load_workbook(_bulk_path(market), read_only=True)["Sponsored Products Campaigns"]
    rows = ws.iter_rows()
    header = [c.value for c in next(rows)]
    at = [header.index(h) for h in ID_HEADERS + ("Start Date",)]
    seen = 0
    for row in rows:
        for j in at:
            cell = row[j]
            if cell.value is not None:
                assert cell.data_type == "s" and isinstance(cell.value, str), (header[j], cell.value)
                assert re.fullmatch(r"\d{8}" if header[j] == "Start Date" else r"[1-9]\d{14,17}", cell.value)
                seen += 1
    assert seen > 50


def test_ids_are_unique_per_entity_and_children_point_at_their_parents(bulk):
    both = pd.concat(bulk.values(), ignore_index=True)
    for entity, column in OWN_ID.items():
        ids = both.loc[both["entity"] == entity, column]
        assert ids.notna().all() and ids.is_unique, entity
    keyword_ids = both.loc[
        both["entity"].isin(["Keyword", "Negative keyword", "Campaign negative keyword"]), "keyword_id"
    ]
    assert keyword_ids.is_unique
    for column in ID_COLUMNS:
        assert both[column].dropna().str.fullmatch(r"\d{15,18}").all(), column
    assert both["keyword_id"].dropna().str.len().min() == 18  # beyond 2**53: only a text cell keeps them
    campaigns = both[both["entity"] == "Campaign"].set_index("campaign_id")["campaign"]
    assert campaigns.is_unique and (both["campaign"] == both["campaign_id"].map(campaigns)).all()
    groups = both[both["entity"] == "Ad Group"].set_index("ad_group_id")
    children = both[both["ad_group_id"].notna() & (both["entity"] != "Ad Group")]
    assert (children["campaign_id"].to_numpy() == groups.loc[children["ad_group_id"], "campaign_id"].to_numpy()).all()
    assert (children["ad_group"].to_numpy() == groups.loc[children["ad_group_id"], "ad_group"].to_numpy()).all()
    no_group = both["entity"].isin(["Campaign", "Bidding Adjustment", "Campaign negative keyword"])
    assert both.loc[no_group, "ad_group_id"].isna().all() and both.loc[~no_group, "ad_group_id"].notna().all()
    # the editable names only on the entity's own row
    assert (both["campaign_name"].notna() == (both["entity"] == "Campaign")).all()
    assert (both["ad_group_name"].notna() == (both["entity"] == "Ad Group")).all()


def _resolve(b: pd.DataFrame, campaign: str, ad_group: str, targeting: str, match_type: str) -> tuple[str, str, str]:
    """Console names -> (campaign ID, ad group ID, keyword or product targeting ID), each exactly once."""
    [cid] = b.loc[(b["entity"] == "Campaign") & (b["campaign"] == campaign), "campaign_id"]
    [gid] = b.loc[(b["entity"] == "Ad Group") & (b["campaign_id"] == cid) & (b["ad_group"] == ad_group), "ad_group_id"]
    mine = b[b["ad_group_id"] == gid]
    if match_type == "-":
        [tid] = mine.loc[
            (mine["entity"] == "Product Targeting") & (mine["product_targeting_expression"] == targeting),
            "product_targeting_id",
        ]
    else:
        [tid] = mine.loc[
            (mine["entity"] == "Keyword")
            & (mine["keyword_text"] == targeting)
            & (mine["match_type"] == match_type.lower()),
            "keyword_id",
        ]
    return cid, gid, tid


@pytest.mark.parametrize("market", MARKETS)
@pytest.mark.parametrize("folder", ["targeting", "search_terms"])
def test_every_console_target_resolves_to_exactly_one_id(bulk, market, folder):
    frame, _ = read_report(paths.SAMPLE_DIR / market / "ads" / folder)
    keys = frame[["campaign", "ad_group", "targeting", "match_type"]].drop_duplicates()
    resolved = {_resolve(bulk[market], *k) for k in keys.itertuples(index=False)}
    assert len(resolved) == len(keys)  # different console targets, different IDs
    if folder == "targeting":  # and every target of the account was seen by the console at least once
        targets = bulk[market][bulk[market]["entity"].isin(["Keyword", "Product Targeting"])]
        assert len(targets) == len(keys)


@pytest.mark.parametrize("market", MARKETS)
def test_campaign_settings_match_the_campaign_report_and_catalogue(bulk, market):
    b = bulk[market]
    camp = b[b["entity"] == "Campaign"].set_index("campaign")
    report = _console(market, "campaigns").drop_duplicates("campaign").set_index("campaign")
    assert sorted(camp.index) == sorted(report.index) == sorted(_campaigns(market))
    for name, row in camp.iterrows():
        c = dict(zip(cat.CAMPAIGN_FIELDS, next(x for x in cat.CAMPAIGNS if x[0] == name)))
        r = report.loc[name]
        assert row["daily_budget"] == pytest.approx(r["budget"]) == pytest.approx(round(c["budget"] * cat.VOLUME, 1))
        assert row["bidding_strategy"] == r["bidding_strategy"]
        assert (
            row["start_date"]
            == r["campaign_start_date"]
            == pd.Timestamp(dt.datetime.strptime(c["start_date"], "%b %d, %Y"))
        )
        assert row["targeting_type"] == ("Auto" if c["kind"] == "auto" else "Manual")
        assert r["targeting_type"] == ("Automatic targeting" if c["kind"] == "auto" else "Manual targeting")
        assert (row["portfolio"] if isinstance(row["portfolio"], str) else "No Portfolio") == r["portfolio"]
        assert row["state"] == "enabled" and pd.isna(row["end_date"])
        adjust = b[(b["entity"] == "Bidding Adjustment") & (b["campaign"] == name)]
        assert sorted(adjust["placement"]) == ["Placement Product Page", "Placement Rest Of Search", "Placement Top"]
        assert (
            adjust["percentage"].between(0, 900).all() and (adjust["bidding_strategy"] == r["bidding_strategy"]).all()
        )
        assert adjust["state"].isna().all()
        if c["kind"] == "auto":
            expr = b.loc[(b["entity"] == "Product Targeting") & (b["campaign"] == name), "product_targeting_expression"]
            assert sorted(expr) == sorted(cat.AUTO_TARGETING_GROUPS)
        [ad] = b[(b["entity"] == "Product Ad") & (b["campaign"] == name)].itertuples()
        assert ad.sku == c["sku"] and re.fullmatch(r"B0[0-9A-Z]{8}", ad.asin)


@pytest.mark.parametrize("market", MARKETS)
def test_bids_and_states_are_plausible(bulk, market):
    b = bulk[market]
    cpc = {c[0]: c[5] for c in cat.CAMPAIGNS}
    targets = b[b["entity"].isin(["Keyword", "Product Targeting"])]
    ratio = targets["bid"] / targets["campaign"].map(cpc)
    assert ratio.between(1.0, 2.5).all(), targets.loc[~ratio.between(1.0, 2.5), ["campaign", "bid"]]
    assert (targets["bid"] == targets["bid"].round(2)).all() and (targets["state"] == "enabled").all()
    assert set(b.loc[b["entity"] == "Keyword", "match_type"]) <= {"exact", "phrase", "broad"}
    negatives = b[b["entity"].isin(["Negative keyword", "Campaign negative keyword"])]
    assert set(negatives["match_type"]) <= {"negativeExact", "negativePhrase"} and negatives["bid"].isna().all()
    groups = b[b["entity"] == "Ad Group"]
    assert (groups["ad_group_default_bid"] / groups["campaign"].map(cpc)).between(1.0, 1.5).all()
    below = b[b["ad_group_id"].notna()]
    assert below["ad_group_default_bid_info"].notna().all() and (below["campaign_state"] == "enabled").all()


@pytest.mark.parametrize("market", MARKETS)
def test_existing_negatives_block_no_search_term_of_their_campaign(bulk, market):
    b = bulk[market]
    terms = _console(market, "search_terms").groupby("campaign")["search_term"].agg(set)
    everything, _ = read_report(paths.SAMPLE_DIR / market / "ads" / "search_terms")
    all_terms = everything.groupby("campaign")["search_term"].agg(set)
    negatives = b[b["entity"].isin(["Negative keyword", "Campaign negative keyword"])]
    assert len(negatives) == sum(n[0] in _campaigns(market) for n in cat.NEGATIVE_KEYWORDS) > 0
    for n in negatives.itertuples():
        for term in all_terms.get(n.campaign, set()) | terms.get(n.campaign, set()):
            if n.match_type == "negativeExact":
                assert term != n.keyword_text, (n.campaign, term)
            else:
                assert f" {n.keyword_text} " not in f" {term} ", (n.campaign, term)


@pytest.mark.parametrize("market", MARKETS)
def test_metrics_are_octobers_console_figures(bulk, market):
    """Campaign, ad group and product ad rows = the October campaign and advertised product reports;
    keyword and target rows = the October targeting report (same reported, under-attributed values)."""
    b = bulk[market]
    by_campaign = _console(market, "campaigns").groupby("campaign")[METRICS].sum()
    for entity in ("Campaign", "Ad Group", "Product Ad"):
        rows = b[b["entity"] == entity].set_index("campaign")[METRICS].astype(float)
        pd.testing.assert_frame_equal(
            rows.sort_index(), by_campaign.reindex(rows.index).astype(float).sort_index(), atol=0.011, obj=entity
        )
    advertised = (
        _console(market, "advertised_product").groupby(["campaign", "advertised_sku"])[METRICS + ["units"]].sum()
    )
    ads = b[b["entity"] == "Product Ad"].set_index(["campaign", "sku"])[METRICS + ["units"]].astype(float)
    pd.testing.assert_frame_equal(ads, advertised.loc[ads.index].astype(float), atol=0.011, check_names=False)
    targeting = _console(market, "targeting")
    targeting = (
        targeting.assign(key=targeting["match_type"].str.lower().where(targeting["match_type"] != "-", "target"))
        .groupby(["campaign", "targeting", "key"])[METRICS + ["units"]]
        .sum()
    )
    t = b[b["entity"].isin(["Keyword", "Product Targeting"])]
    t = t.assign(
        targeting=t["keyword_text"].fillna(t["product_targeting_expression"]), key=t["match_type"].fillna("target")
    ).set_index(["campaign", "targeting", "key"])[METRICS + ["units"]]
    expected = targeting.reindex(t.index, fill_value=0).astype(float)
    pd.testing.assert_frame_equal(t.astype(float), expected, atol=0.011)
    rates = b[b["clicks"] > 0]
    assert rates["cpc"].to_numpy() == pytest.approx((rates["spend"] / rates["clicks"]).round(2).to_numpy(), abs=0.006)
    assert rates["ctr"].to_numpy() == pytest.approx((rates["clicks"] / rates["impressions"]).to_numpy())
    with_sales = b[b["sales"] > 0]
    assert with_sales["acos"].to_numpy() == pytest.approx((with_sales["spend"] / with_sales["sales"]).to_numpy())


def test_account_ids_do_not_depend_on_the_length_of_the_run(sim):
    """IDs come from names, not from a random stream: a two-month run has the same account and IDs."""
    short = simulate(end=dt.date(2024, 12, 31))
    columns = ["entity", "campaign", "ad_group", *ID_COLUMNS, "keyword_text", "expression", "placement", "percentage"]
    pd.testing.assert_frame_equal(short.account[columns], sim.account[columns])


@pytest.mark.parametrize(("market", "currency"), [("us", "USD"), ("uk", "GBP")])
def test_the_bulk_files_amounts_take_the_marketplaces_currency(market, currency):
    frame, dq = read_report(paths.SAMPLE_DIR / market / "ads" / "bulk")
    assert dq.currencies == [currency] and set(frame["currency"]) == {currency}
    assert any(n.startswith(f"currency {currency} taken from the marketplace") for n in dq.notes)
