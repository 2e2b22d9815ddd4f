"""Keyword opportunity (analysis/keywords.py): verbs against hand-computed frames and independent references
(statsmodels, scipy, plain Python), the sample seller's planted keywords recovered through the readers, the
sellers' real search-term exports, the bulk-sheet path with a crafted bulk download, and the notebook in a
batch on a copy of the sample without keyword research."""

from __future__ import annotations

import csv
import itertools
import math
import shutil

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from sellerops import paths
from sellerops.analysis import keywords as kw
from sellerops.core import stats
from sellerops.readers import open_folder, read_report
from sellerops.readers.catalog import Inputs
from sellerops.show import actions

PERIOD = ("2025-11-01", "2026-10-31")
BRAND, COMPETITORS = "Brightnest", "Hearthly, Kozico"


# --------------------------------------------------------------------------- helpers
def _rows(records, **extra):
    """Search-term rows in the canonical columns from (campaign, ad_group, targeting, match, term, clicks, orders,
    spend, sales) tuples; impressions 10 per click."""
    columns = ["campaign", "ad_group", "targeting", "match_type", "search_term", "clicks", "orders", "spend", "sales"]
    f = pd.DataFrame(records, columns=columns)
    f["impressions"] = f["clicks"] * 10
    f["currency"] = "USD"
    f["date"] = pd.Timestamp("2026-01-01")
    for key, value in extra.items():
        f[key] = value
    return f


def _inputs(frames, marketplace="US", missing=(), start=PERIOD[0], end=PERIOD[1]):
    return Inputs(
        marketplace=marketplace,
        start=pd.Timestamp(start),
        end=pd.Timestamp(end),
        frames=dict(frames),
        qualities={},
        missing=list(missing),
        labels={},
    )


@pytest.fixture(scope="module")
def catalog():
    return open_folder(paths.SAMPLE_DIR)


def _load(catalog, marketplace):
    return catalog.load_inputs(
        ["sp_search_term"], kw.OPTIONAL_INPUTS, marketplace=marketplace, start=PERIOD[0], end=PERIOD[1]
    )


@pytest.fixture(scope="module")
def sample(catalog):
    out = {}
    for m in ("US", "UK"):
        inputs = _load(catalog, m)
        out[m] = (
            inputs,
            kw.assess_keywords(
                inputs,
                brand_terms=BRAND,
                competitor_terms=COMPETITORS,
                usd_rates={"GBP": 1.25},  # no USD entry: the dollar is 1
                bid_limits=actions.SP_BID_LIMITS,
            ),
        )
    return out


# --------------------------------------------------------------------------- text
def test_keys_fold_case_spacing_punctuation_and_obvious_plurals():
    terms = pd.Series(
        ["Wooden  Spoons", "wooden-spoon", "Glass DISHES", "accessories", "boxes", "glasses", "bus", "24x60s"]
    )
    assert kw.keyword_key(terms).tolist() == [
        "wooden spoon",
        "wooden spoon",
        "glass dish",
        "accessory",
        "box",
        "glass",
        "bus",
        "24x60s",  # not alphabetic: left alone
    ]
    # words of three letters, -ss, -us and -is are no plurals
    assert kw.fold_plurals(pd.Series(["mats kids", "stainless cactus basis", "gas"])).tolist() == [
        "mat kid",
        "stainless cactus basis",
        "gas",
    ]
    assert kw.clean_terms(pd.Series(["  Kids'  Towel\u00a0Wrap "])).tolist() == ["kids' towel wrap"]
    assert kw.normalise_terms(pd.Series([None, "", "A_B"])).tolist() == ["", "", "a b"]


def test_brand_competitor_generic_and_asin_terms():
    terms = pd.Series(
        ["brightnest spatula", "bright nest mat", "hearthly mat", "kozico brightnest", "b07hearth1", "mat"]
    )
    out = kw.classify_terms(terms, "Brightnest, Bright Nest", ["Hearthly", "Kozico"])
    # a term naming both is the brand's (a brand search that also names a rival)
    assert out.tolist() == ["brand", "brand", "competitor", "brand", "ASIN", "generic"]
    # whole words only: "hearth" is no competitor term
    assert kw.classify_terms(pd.Series(["hearthlyx mat"]), "", "hearthly").tolist() == ["generic"]
    assert kw.parse_terms(" Hearthly,,KOZICO ") == ("hearthly", "kozico")


def test_match_kinds_of_console_and_api_rows():
    targeting = pd.Series(["close-match", "mat", "mat", "mat", 'asin="B0X"', "substitutes", 'category="1"', "kw"])
    match = pd.Series(
        ["-", "BROAD", "PHRASE", "EXACT", "-", "TARGETING_EXPRESSION_PREDEFINED", "TARGETING_EXPRESSION", "-"]
    )
    assert kw.classify_match(targeting, match).tolist() == [
        "auto",
        "broad",
        "phrase",
        "exact",
        "product",
        "auto",
        "product",
        "other",
    ]


# --------------------------------------------------------------------------- aggregation and n-grams
def test_rows_are_summed_per_ad_group_targeting_and_cleaned_term():
    rows = _rows(
        [
            ("C", "G", "mat", "BROAD", "Bath Mat", 2, 1, 1.0, 20.0),
            ("C", "G", "mat", "BROAD", "bath  mat", 3, 0, 1.5, 0.0),
            ("C", "G", "close-match", "-", "bath mat", 4, 1, 2.0, 25.0),
        ]
    )
    out = kw.summarise_search_terms(rows).set_index("match")
    assert out.loc["broad", ["clicks", "orders", "spend", "sales"]].tolist() == [5.0, 1.0, 2.5, 20.0]
    assert out.loc["auto", "clicks"] == 4.0 and set(out["search_term"]) == {"bath mat"}
    assert out["campaign_id"].isna().all()


def test_each_term_holds_each_ngram_once():
    out = kw.explode_ngrams(pd.Series(["spoon rest spoon", "", "mat"]), max_n=3)
    grams = out[out["term"] == 0].groupby("n")["ngram"].apply(list).to_dict()
    assert grams == {1: ["rest", "spoon"], 2: ["rest spoon", "spoon rest"], 3: ["spoon rest spoon"]}
    assert out[out["term"] == 2]["ngram"].tolist() == ["mat"] and 1 not in set(out["term"])


def test_ngram_sums_intervals_and_verdicts_by_hand():
    terms = pd.DataFrame(
        {
            "key": ["wooden spoon", "wooden spoon rest", "spoon rest", "bath mat"],
            "impressions": [1000.0, 500.0, 400.0, 800.0],
            "clicks": [100.0, 40.0, 60.0, 50.0],
            "spend": [50.0, 30.0, 45.0, 40.0],
            "sales": [600.0, 0.0, 20.0, 400.0],
            "orders": [30.0, 0.0, 1.0, 20.0],
            "margin_clicks": [500.0, 200.0, 300.0, 400.0],
        }
    )
    g = kw.measure_ngrams(terms, confidence=0.9).set_index(["n", "ngram"])
    spoon = g.loc[(1, "spoon")]
    assert spoon["terms"] == 3 and spoon["clicks"] == 200 and spoon["spend"] == 125 and spoon["orders"] == 31
    low, high = proportion_confint(31, 200, alpha=0.1, method="wilson")
    assert spoon["cvr_lower"] == pytest.approx(low) and spoon["cvr_upper"] == pytest.approx(high)
    # ACoS: ratio of sums over the three terms, delta method with t(n - 1), written out
    y, x = np.array([50.0, 30.0, 45.0]), np.array([600.0, 0.0, 20.0])
    r = y.sum() / x.sum()
    se = math.sqrt(3 * ((y - r * x) ** 2).sum() / (2 * x.sum() ** 2))
    t = sps.t.ppf(0.95, 2)
    assert spoon["acos"] == pytest.approx(r)
    assert spoon["acos_lower"] == pytest.approx(max(r - t * se, 0)) and spoon["acos_upper"] == pytest.approx(r + t * se)
    # break-even CVR of a root: its spend over the margin its clicks could earn
    assert spoon["break_even_cvr"] == pytest.approx(125 / 1000)
    # "spoon rest": 1 order in 100 clicks at a break-even of 15 %: wastes money; "bath mat" 40 % vs 10 %: converts
    assert g.loc[(2, "spoon rest"), "verdict"] == "wastes money"
    assert g.loc[(2, "bath mat"), "verdict"] == "converts"
    assert g.loc[(3, "wooden spoon rest"), "terms"] == 1
    assert list(g.index.get_level_values(0)) == sorted(g.index.get_level_values(0))


def _naive_ngram_totals(terms: pd.DataFrame, column: str, n: int) -> float:
    """Plain Python: each term's value times the number of distinct n-grams it holds."""
    total = 0.0
    for key, value in zip(terms["key"], terms[column]):
        words = key.split()
        total += value * len({tuple(words[i : i + n]) for i in range(len(words) - n + 1)})
    return total


@pytest.mark.real_exports
@pytest.mark.parametrize("name", ["sp_search_term_US_2022__Mannyvv.xlsx", "sp_search_term_IN_2020__umairnsr87.xlsx"])
def test_real_search_terms_add_up_and_run(real_exports, name):
    frame = read_report(real_exports / name).frame
    rows = kw.summarise_search_terms(frame)
    terms = kw._unique_terms(rows)
    for column in ("impressions", "clicks", "spend", "sales", "orders"):
        assert terms[column].sum() == pytest.approx(float(frame[column].sum()))  # each term counted once
    grams = kw.measure_ngrams(terms)
    for n in (1, 2, 3):
        for column in ("clicks", "spend", "orders"):
            got = grams.loc[grams["n"] == n, column].sum()
            assert got == pytest.approx(_naive_ngram_totals(terms, column, n)), (n, column)
    assert (grams["terms"] >= 1).all() and not grams.duplicated(["n", "ngram"]).any()
    currency = frame["currency"].dropna().iloc[0]
    result = kw.assess_keywords(_inputs({"sp_search_term": frame}, marketplace=None), brand_terms="")
    assert result.currency == currency and result.findings() and result.kpis()
    assert result.tables["universe"].empty and "No keyword research export" in result.finding("universe")
    assert result.counts["unique_terms"] == len(terms)
    assert result.tables["classes"]["clicks"].sum() == pytest.approx(float(frame["clicks"].sum()))


# --------------------------------------------------------------------------- unit economics and evidence
def test_ad_groups_priced_from_products_and_their_own_orders():
    rows = pd.DataFrame(
        {
            "campaign": ["C1", "C2", "C3"],
            "ad_group": ["G", "G", "G"],
            "sales": [60.0, 0.0, 0.0],
            "orders": [3.0, 0.0, 0.0],
        }
    )
    skus = pd.DataFrame(
        {"campaign": ["C1", "C1", "C2"], "ad_group": ["G"] * 3, "sku": ["A", "B", "B"], "weight": [0.75, 0.25, 1.0]}
    )
    be = pd.DataFrame({"sku": ["A", "B"], "price": [20.0, 40.0], "break_even_acos": [0.2, 0.4]})
    out = kw.price_ad_groups(rows, skus, be, target_acos=0.3).set_index("campaign")
    # C1: its own AOV 60 / 3 = 20; break-even 0.75 x 0.2 + 0.25 x 0.4 = 0.25
    assert out.loc["C1", "aov"] == 20 and out.loc["C1", "break_even_acos"] == pytest.approx(0.25)
    assert out.loc["C1", "margin_per_order"] == pytest.approx(5.0)
    # C2: no order, the product's price
    assert out.loc["C2", "aov"] == 40 and out.loc["C2", "margin_per_order"] == pytest.approx(16.0)
    # C3: no product known: the account's AOV and the target ACoS
    assert out.loc["C3", "aov"] == 20 and out.loc["C3", "break_even_acos"] == 0.3
    assert out.loc["C3", "economics"].startswith("target ACoS")


def test_products_of_ad_groups_from_the_report_or_the_bulk_file():
    ads = pd.DataFrame(
        {
            "campaign": ["C", "C", "D"],
            "ad_group": ["G", "G", "H"],
            "advertised_sku": [None, "B", None],
            "advertised_asin": ["b0aaaaaaaa", "B0BBBBBBBB", "B0ZZZZZZZZ"],
            "spend": [1.0, 3.0, 2.0],
        }
    )
    master = pd.DataFrame({"sku": ["A", "B"], "asin": ["B0AAAAAAAA", "B0BBBBBBBB"]})
    out = kw.map_ad_groups_to_products(ads, products=master)
    assert out[["campaign", "sku", "weight"]].values.tolist() == [["C", "A", 0.25], ["C", "B", 0.75]]
    bulk = pd.DataFrame(
        {
            "entity": ["Product Ad", "Product Ad", "Keyword"],
            "campaign": ["C", "C", "C"],
            "ad_group": ["G", "G", "G"],
            "campaign_id": ["1"] * 3,
            "sku": ["A", "B", None],
        }
    )
    assert kw.map_ad_groups_to_products(None, bulk)["weight"].tolist() == [0.5, 0.5]


def _judged_rows():
    records = [
        ("C", "G", "close-match", "-", "costly term", 300, 0, 240.0, 0.0),
        ("C", "G", "close-match", "-", "good term", 200, 60, 120.0, 1200.0),
        ("C", "G", "close-match", "-", "few clicks", 3, 0, 2.0, 0.0),
        ("C", "G", "close-match", "-", "cheap zero", 12, 0, 1.2, 0.0),
        ("C", "G", "close-match", "-", "brightnest mat", 50, 0, 40.0, 0.0),
        ("C", "G", "mat", "EXACT", "mat", 90, 20, 60.0, 400.0),
        ("C", "G", "close-match", "-", "some orders", 250, 4, 200.0, 80.0),
    ]
    rows = kw.summarise_search_terms(_rows(records))
    rows["term_class"] = kw.classify_terms(rows["search_term"], BRAND)
    rows["aov"], rows["break_even_acos"] = 20.0, 0.4
    rows["margin_per_order"] = 8.0
    return rows


def test_evidence_is_the_posterior_chance_of_break_even_and_the_rule_is_ten_clicks():
    rows = _judged_rows()
    j = kw.judge_terms(rows, confidence=0.9, min_clicks=5, rule_clicks=10, target_acos=0.2).set_index("search_term")
    assert "mat" not in j.index  # an exact keyword's own term is neither harvested nor negated here
    # the posterior, by hand: the ad group's beta-binomial prior (core.stats) updated with each term's counts
    source = j.reset_index()
    prior = stats.fit_beta_prior(source["orders"], source["clicks"])
    for term, row in j.iterrows():
        a, b = row["orders"] + prior.alpha, row["clicks"] - row["orders"] + prior.beta
        be = row["spend"] / row["clicks"] / 8.0
        assert row["break_even_cvr"] == pytest.approx(be)
        assert row["p_break_even"] == pytest.approx(sps.beta.sf(be, a, b)), term
        assert row["p_target"] == pytest.approx(sps.beta.sf(row["spend"] / row["clicks"] / (20 * 0.2), a, b))
        # the interval bounds are the posterior's 10 % and 90 % quantiles
        assert row["cvr_upper"] == pytest.approx(sps.beta.ppf(0.9, a, b))
    assert j.loc["costly term", "evidence"] == "negate" and j.loc["costly term", "rule"] == "negate"
    assert j.loc["good term", "evidence"] == "keep" and j.loc["good term", "rule"] == "keep"
    assert j.loc["few clicks", "evidence"] == "too few clicks" and j.loc["few clicks", "rule"] == "keep"
    assert j.loc["brightnest mat", "evidence"] == "keep (own brand)"
    # 4 orders in 250 clicks at CPC 0.80 and 8.00 an order: break-even 10 %, the evidence negates, the rule keeps
    assert j.loc["some orders", "disagreement"] == "evidence negates, rule keeps"
    # 12 clicks at 0.10: break-even 1.25 %; no order proves nothing yet
    assert j.loc["cheap zero", "disagreement"] == "rule negates, evidence keeps"
    # the evidence rule is exactly "the upper quantile lies below break-even" (decide at 2c - 1)
    judged = j[(j["clicks"] >= 5) & (j["term_class"] != "brand")]
    verdict = stats.decide(judged["cvr_lower"], judged["cvr_upper"], judged["break_even_cvr"])
    assert ((verdict == "below") == (judged["evidence"] == "negate")).all()
    rules = kw.compare_rules(j.reset_index(), months=2.0).set_index("search_term")
    assert rules.loc["some orders", "spend_per_month"] == 100.0
    assert rules.loc["cheap zero", "expected_sales_per_month"] == pytest.approx(
        j.loc["cheap zero", "cvr_estimate"] * 12 * 20 / 2
    )


def test_a_term_from_several_sources_is_judged_once_with_its_sources_named_and_its_ids_kept():
    records = [
        ("C", "G", "close-match", "-", "mat", 10, 1, 8.0, 20.0),
        ("C", "G", "yoga", "BROAD", "mat", 5, 0, 4.0, 0.0),
        ("C", "G", "yoga mat", "PHRASE", "mat", 3, 1, 2.0, 20.0),
        ("C", "G", "close-match", "-", "block", 4, 0, 3.0, 0.0),
    ]
    rows = kw.summarise_search_terms(_rows(records, campaign_id=[None, "111", "111", None], ad_group_id=None))
    rows["term_class"] = "generic"
    rows["aov"], rows["break_even_acos"], rows["margin_per_order"] = 20.0, 0.4, 8.0
    j = kw.judge_terms(rows).set_index("search_term")
    assert j.loc["mat", "match"] == "auto, broad, phrase" and j.loc["block", "match"] == "auto"
    assert (j.loc["mat", "clicks"], j.loc["mat", "orders"], j.loc["mat", "spend"]) == (18, 2, 14.0)
    assert j.loc["mat", "campaign_id"] == "111"  # the first ID the rows carry, not the first row's blank
    assert pd.isna(j.loc["block", "campaign_id"]) and j["ad_group_id"].isna().all()


def test_negatives_and_harvest_by_hand():
    rows = _judged_rows()
    j = kw.judge_terms(rows, confidence=0.9, target_acos=0.2)
    neg = kw.find_negatives(j, months=2.0)
    assert neg["search_term"].tolist() == ["costly term", "some orders"]  # costliest first
    assert (neg["match_type"] == "negativeExact").all() and neg["spend_per_month"].tolist() == [120.0, 100.0]
    exact = kw.find_exact_keywords(rows)
    assert exact["key"].tolist() == ["mat"]
    harvest = kw.find_harvest(j, exact, min_orders=3, confidence=0.9, target_acos=0.2)
    assert harvest["search_term"].tolist() == ["good term"]
    h = harvest.iloc[0]
    # starts at the CPC paid plus 20 %, never above the bid at the target ACoS (cvr x AOV x 20 %)
    assert h["max_bid"] == round(h["cvr_estimate"] * 20 * 0.2, 2)
    assert h["suggested_bid"] == round(min(0.6 * 1.2, h["max_bid"]), 2)
    # a term that is an exact keyword somewhere is not harvested again
    exact2 = pd.concat([exact, pd.DataFrame({"campaign": ["X"], "ad_group": ["Y"], "key": ["good term"]})])
    assert kw.find_harvest(j, exact2, confidence=0.9).empty
    # minimum evidence: 60 orders is enough, 61 is not
    assert kw.find_harvest(j, exact, min_orders=61).empty


def test_destinations_are_exact_ad_groups_of_the_same_product_but_not_brand_defence():
    exact = pd.DataFrame({"campaign": ["E", "B"], "ad_group": ["G", "G"], "key": ["bath mat", "brightnest"]})
    skus = pd.DataFrame(
        {"campaign": ["A", "E", "B"], "ad_group": ["G"] * 3, "sku": ["S1", "S1", "S2"], "weight": [1.0] * 3}
    )
    rows = pd.DataFrame({"campaign": ["E", "B"], "ad_group": ["G", "G"], "spend": [1.0, 1.0]})
    out = kw.choose_destinations(exact, skus, rows, kw.classify_terms(exact["key"], BRAND))
    assert out.to_dict("records") == [{"sku": "S1", "destination_campaign": "E", "destination_ad_group": "G"}]


# --------------------------------------------------------------------------- keyword research
def test_research_merged_across_tools():
    cerebro = pd.DataFrame(
        {
            "keyword": ["Bath Mats", "dog bed"],
            "search_volume": [1000, 50],
            "title_density": [10, 20],
            "ppc_bid": [0.5, None],
        }
    )
    magnet = pd.DataFrame(
        {
            "keyword": ["bath mat", "cat tree"],
            "search_volume": [2000, 70],
            "title_density": [30, None],
            "ppc_bid": [0.9, 1.1],
        }
    )
    jungle = pd.DataFrame(
        {
            "keyword": ["cat tree", "rug"],
            "search_volume_exact": [90, 10],
            "ease_of_ranking_score": [70, 40],
            "ppc_bid_exact": [2.0, 3.0],
        }
    )
    sqp = pd.DataFrame({"search_query": ["Rug", "lamp"], "search_query_volume": [999, 33]})
    research = {"h10_cerebro": cerebro, "h10_magnet": magnet, "jungle_scout_keywords": jungle}
    u = kw.merge_research(research, sqp).set_index("key")
    assert u.loc["bath mat", "search_volume"] == 1500  # the tools' median
    assert u.loc["bath mat", "competition"] == 10 and u.loc["bath mat", "keyword"] == "bath mats"  # first tool's
    assert u.loc["bath mat", "cpc"] == 0.5 and u.loc["bath mat", "tools"] == "Cerebro, Magnet"
    assert u.loc["cat tree", "competition"] == 30  # Jungle Scout: 100 - ease of ranking
    assert u.loc["cat tree", "competition_source"] == "Jungle Scout 100 − Ease of Ranking Score"
    assert u.loc["rug", "search_volume"] == 10  # SQP's volume only where no tool has the keyword
    assert u.loc["lamp", "search_volume"] == 33 and pd.isna(u.loc["lamp", "competition"])
    assert u.loc["bath mat", "words"] == 2
    cpr = kw.merge_research({"h10_cerebro": cerebro.assign(cpr=[8, 9])}, competition_column="cpr").set_index("key")
    assert cpr["competition"].tolist() == [8, 9]
    with pytest.raises(ValueError, match="competition_column"):
        kw.merge_research(research, competition_column="difficulty")


def test_score_and_long_tail_status_by_hand():
    u = pd.DataFrame(
        {
            "keyword": ["bath mat set for tub", "dog bed", "bath mat", "teak bath stool for tub"],
            "key": ["bath mat set for tub", "dog bed", "bath mat", "teak bath stool for tub"],
            "words": [5, 2, 2, 5],
            "search_volume": [20000.0, 50.0, 30000.0, 12000.0],
            "competition": [10.0, 40.0, 20.0, np.nan],
            "cpc": [0.5, 1.0, np.nan, 0.7],
        }
    )
    vocab = kw.build_vocabulary(pd.DataFrame({"title": ["Bath Mat Set", "Teak Stool, 2 Pack"]}))
    assert vocab == {"bath", "mat", "set", "teak", "stool", "pack"}
    scored = kw.score_keywords(u, vocab).set_index("key")
    # "bath mat set for tub": relevance 3 of 4 content words; volume rank (3 - 1/2)/4, competition rank (1 - 1/2)/3,
    # CPC rank (1 - 1/2)/3
    expected = 100 * 0.75 * (0.4 * 2.5 / 4 + 0.4 * (1 - 0.5 / 3) + 0.2 * (1 - 0.5 / 3))
    assert scored.loc["bath mat set for tub", "opportunity_score"] == pytest.approx(round(expected, 1))
    assert scored.loc["dog bed", "opportunity_score"] == 0
    # a missing competition or CPC counts as the middle
    assert scored.loc["bath mat", "opportunity_score"] == pytest.approx(
        round(100 * (0.4 * 3.5 / 4 + 0.4 * (1 - 1.5 / 3) + 0.2 * 0.5), 1)
    )
    rows = pd.DataFrame(
        {"key": ["bath mat set for tub", "bath mat"], "clicks": [5.0, 9.0], "orders": [1.0, 0.0], "sales": [9.0, 0.0]}
    )
    marked = kw.find_long_tail(
        scored.reset_index(), rows, {"bath mat"}, min_volume=10_000, max_competition=50, min_words=3
    )
    status = marked.set_index("key")["status"]
    assert status["bath mat set for tub"] == "converts in search terms" and status["bath mat"] == "targeted"
    assert status["dog bed"] == "untouched"
    lt = marked[marked["long_tail"]]
    assert lt["key"].tolist() == ["bath mat set for tub"]  # "bath mat" has 2 words; the stool has no competition


def test_query_shares_and_problems():
    sqp = pd.DataFrame(
        {
            "search_query": ["mat", "mat", "rug", "tray", "bed"],
            "asin": ["A1", "A2", None, None, None],
            "reporting_date": pd.to_datetime(["2026-10-31"] * 5),
            "search_query_volume": [1000, 1000, 800, 500, 400],
            "impressions_total": [10000, 10000, 8000, 5000, 4000],
            "impressions_own": [1500, 500, 400, 100, 800],
            "clicks_total": [1000, 1000, 800, 500, 400],
            "clicks_own": [150, 50, 200, 40, 40],
            "cart_adds_total": [200, 200, 160, 100, 80],
            "cart_adds_own": [20, 10, 20, 10, 8],
            "purchases_total": [100, 100, 80, 50, 40],
            "purchases_own": [15, 5, 4, 20, 4],
        }
    )
    q = kw.measure_query_shares(sqp, confidence=0.9).set_index("search_query")
    # an ASIN view's two rows share the query's totals: counted once, the brand's own summed
    assert q.loc["mat", "impressions_total"] == 10000 and q.loc["mat", "impressions_own"] == 2000
    assert q.loc["mat", "impressions_share"] == 0.2 and q.loc["mat", "purchases_share"] == 0.2
    low, high = proportion_confint(4, 200, alpha=0.1, method="wilson")
    assert q.loc["rug", "brand_cvr_lower"] == pytest.approx(low) and q.loc["rug", "brand_cvr_upper"] == pytest.approx(
        high
    )
    assert q.loc["rug", "problem"].startswith("listing")  # 2 % of its clicks buy, the market's 10 %
    assert q.loc["tray", "problem"].startswith("visibility")  # 50 % vs 10 %, 2 % of impressions (median 10 %)
    assert q.loc["mat", "problem"] == "" and q.loc["bed", "problem"] == ""


def test_spend_shares_by_kind():
    terms = pd.DataFrame(
        {
            "term_class": ["generic", "brand", "ASIN", "competitor"],
            "clicks": [10, 5, 5, 10],
            "spend": [6.0, 2.0, 1.0, 1.0],
            "sales": [30.0, 60.0, 0.0, 10.0],
            "orders": [1, 3, 0, 1],
        }
    )
    c = kw.classify_spend(terms)
    assert c["term_class"].tolist() == ["brand", "competitor", "generic", "ASIN"]
    assert c["spend_share"].tolist() == [0.2, 0.1, 0.6, 0.1] and c["sales_share"].tolist() == [0.6, 0.1, 0.3, 0.0]
    assert pd.isna(c.set_index("term_class").loc["ASIN", "acos"])  # no sales: undefined, not 0


# --------------------------------------------------------------------------- bulk IDs
def test_names_link_to_ids_exactly_then_case_insensitively_never_by_guess():
    groups = pd.DataFrame(
        {"campaign": ["Mats", "Rugs"], "ad_group": ["G", "G"], "campaign_id": ["1", "3"], "ad_group_id": ["2", "4"]}
    )
    frame = pd.DataFrame({"c": ["Mats", "MATS", "Tables", None], "g": ["G", "g", "G", "G"]})
    out = kw.link_ids(frame, "c", "g", groups)
    assert out["id_match"].tolist() == ["exact", "case-insensitive", "not found", "not found"]
    assert out["campaign_id"].tolist()[:2] == ["1", "1"] and out["ad_group_id"].tolist()[:2] == ["2", "2"]
    assert out["campaign_id"].isna().tolist()[2:] == [True, True]


def test_keyword_text_checks_match_the_bulk_writer():
    assert kw.KEYWORD_MAX_CHARACTERS == actions.KEYWORD_MAX_CHARACTERS
    assert kw.KEYWORD_MAX_WORDS == actions.KEYWORD_MAX_WORDS["negativeExact"] == actions.KEYWORD_MAX_WORDS["exact"]
    assert kw.FORMULA_TRIGGERS == actions.FORMULA_TRIGGERS
    for text in ("=1+1", "+mat", "-mat", "@mat", "x" * 81, " ".join(["w"] * 11), ""):
        assert kw.bulk_text_problem(text)
        with pytest.raises(ValueError):
            actions.build_bulksheet(
                negatives=pd.DataFrame(
                    {
                        "campaign_id": ["1"],
                        "ad_group_id": ["2"],
                        "keyword_text": [text],
                        "match_type": ["negativeExact"],
                    }
                )
            )
    assert kw.bulk_text_problem("bath mat") == ""


# --------------------------------------------------------------------------- the sample seller
def _planted(truth, section, marketplace):
    planted = set(truth["planted"]["keywords"][section]["planted"])
    return {
        t["search_term"] for t in truth["planted"]["keywords"][section]["terms"] if t["marketplace"] == marketplace
    } & planted


@pytest.mark.parametrize("marketplace", ["US", "UK"])
def test_planted_long_tail_opportunities_are_untouched(sample, truth, marketplace):
    _, result = sample[marketplace]
    planted = {k["keyword"] for k in truth["planted"]["keywords"]["long_tail_opportunities"][marketplace]}
    long_tail = result.tables["long_tail"]
    untouched = set(long_tail.loc[long_tail["status"] == "untouched", "keyword"])
    assert planted <= untouched
    if planted:
        assert result.counts["untouched"] >= len(planted)
        # through the published competition column: Helium 10's Title Density, as the seller planted them
        assert truth["planted"]["keywords"]["competition_column"] == "Title Density"
        assert result.competition_label.endswith("Title Density")


@pytest.mark.parametrize("marketplace", ["US", "UK"])
def test_planted_waste_is_negated_and_no_planted_converting_term_is(sample, truth, marketplace):
    _, result = sample[marketplace]
    negatives = result.tables["negatives"]
    waste = _planted(truth, "costly_no_order_terms", marketplace)
    assert waste and waste <= set(negatives["search_term"])
    for term in truth["planted"]["keywords"]["costly_no_order_terms"]["terms"]:
        if term["search_term"] in waste and term["marketplace"] == marketplace:
            mine = negatives[negatives["search_term"] == term["search_term"]]
            assert set(mine["campaign"]) == set(term["campaigns"])  # negated where it ran
            assert mine["clicks"].sum() == term["clicks"] and mine["spend"].sum() == pytest.approx(term["spend"])
    converting = set(truth["planted"]["keywords"]["harvest_candidates"]["planted"])
    assert not converting & set(negatives["search_term"])


@pytest.mark.parametrize("marketplace", ["US", "UK"])
def test_planted_harvest_terms_are_found(sample, truth, marketplace):
    _, result = sample[marketplace]
    harvest = result.tables["harvest"]
    planted = _planted(truth, "harvest_candidates", marketplace)
    assert planted and planted <= set(harvest["search_term"])
    for term in truth["planted"]["keywords"]["harvest_candidates"]["terms"]:
        if term["search_term"] in planted and term["marketplace"] == marketplace:
            row = harvest[harvest["search_term"] == term["search_term"]].iloc[0]
            assert row["orders"] == term["orders_7d"] and row["sales"] == pytest.approx(term["sales_7d"])
            assert row["campaign"] in term["campaigns"]
    assert (harvest["suggested_bid"] > 0).all() and (harvest["suggested_bid"] <= harvest["max_bid"] + 1e-9).all()


def test_branded_and_competitor_terms_are_classified(catalog, truth):
    terms = pd.concat([_load(catalog, m).frames["sp_search_term"]["search_term"] for m in ("US", "UK")])
    classes = pd.Series(
        kw.classify_terms(kw.clean_terms(terms), BRAND, COMPETITORS).to_numpy(), index=kw.clean_terms(terms)
    )
    classes = classes[~classes.index.duplicated()]
    assert set(classes[classes == "brand"].index) == set(truth["planted"]["keywords"]["branded_terms"]["terms"])
    assert set(classes[classes == "competitor"].index) == set(truth["planted"]["keywords"]["competitor_terms"]["terms"])


def test_sample_result_adds_up(sample):
    inputs, result = sample["US"]
    st = inputs.frames["sp_search_term"]
    classes = result.tables["classes"]
    assert classes["spend"].sum() == pytest.approx(st["spend"].sum()) and classes["spend_share"].sum() == pytest.approx(
        1
    )
    kpis = {k.key: k for k in result.kpis()}
    assert kpis["negation_savings"].value == pytest.approx(result.tables["negatives"]["spend"].sum() / result.months)
    assert kpis["negation_savings"].unit == "money:USD" and kpis["harvest_sales"].value == pytest.approx(
        result.tables["harvest"]["sales"].sum()
    )
    assert kpis["search_term_acos"].value == pytest.approx(st["spend"].sum() / st["sales"].sum())
    assert kpis["long_tail_opportunities"].value == result.counts["untouched"]
    assert result.months == pytest.approx(365 / (365.25 / 12))  # 2025-11-01 to 2026-10-31
    assert result.currency == "USD" and sample["UK"][1].currency == "GBP"
    assert "USD " in result.finding("negate") and "$" not in " ".join(result.findings())


def test_several_currencies_are_refused_and_an_empty_period_is_said():
    rows = pd.concat(
        [
            _rows([("C", "G", "mat", "BROAD", "mat", 1, 0, 1.0, 0.0)]),
            _rows([("D", "G", "mat", "BROAD", "mat", 1, 0, 1.0, 0.0)], currency="GBP"),
        ]
    )
    with pytest.raises(ValueError, match="one marketplace"):
        kw.assess_keywords(_inputs({"sp_search_term": rows}, marketplace=None))
    empty = _rows([]).astype({"clicks": "float64", "orders": "float64", "spend": "float64", "sales": "float64"})
    result = kw.assess_keywords(_inputs({"sp_search_term": empty}))
    assert result.finding("search_terms").startswith("No search-term row") and result.kpis()
    assert result.tables["negatives"].empty and result.tables["harvest"].empty and not result.uploadable


# --------------------------------------------------------------------------- the bulk-sheet path
HOSTILE = ["=cmd|' /c calc'!a0", "+mat sale", "-mat", "@mat"]  # search terms come lower case


def _crafted(catalog):
    """The US sample's inputs with a crafted bulk download of our own, and four hostile terms that waste money."""
    inputs = _load(catalog, "US")
    frames = dict(inputs.frames)
    st = frames["sp_search_term"]
    extra = st[st["search_term"] == "wooden spoon rest"].copy()
    hostile = []
    for i, text in enumerate(HOSTILE):
        part = extra.copy()
        part["search_term"] = text
        part["start_date"] = part["start_date"] + pd.Timedelta(days=i)  # distinct rows
        hostile.append(part)
    frames["sp_search_term"] = pd.concat([st, *hostile], ignore_index=True)
    names = frames["sp_search_term"][["campaign", "ad_group"]].drop_duplicates().sort_values(["campaign", "ad_group"])
    rows = []
    for i, (c, g) in enumerate(names.itertuples(index=False)):
        cid, gid = str(100000000000000 + i), str(200000000000000 + i)
        c_written = c.upper() if c == "SP - Knife Strip - Auto" else c  # matched case-insensitively, flagged
        rows.append(
            {"entity": "Campaign", "campaign_id": cid, "campaign": c_written, "ad_group": None, "ad_group_id": None}
        )
        rows.append(
            {"entity": "Ad Group", "campaign_id": cid, "campaign": c_written, "ad_group": g, "ad_group_id": gid}
        )
    bulk = pd.DataFrame(rows)
    bulk["product"] = "Sponsored Products"
    negated = bulk[(bulk["campaign"] == "SP - Bath Mat - Auto") & (bulk["entity"] == "Ad Group")].iloc[0]
    bulk = pd.concat(
        [
            bulk,
            pd.DataFrame(
                [
                    {
                        "entity": "Negative keyword",
                        "campaign_id": negated["campaign_id"],
                        "ad_group_id": negated["ad_group_id"],
                        "campaign": negated["campaign"],
                        "ad_group": negated["ad_group"],
                        "keyword_text": "runner",
                        "match_type": "negativePhrase",
                        "state": "enabled",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    frames["sp_bulk"] = bulk
    return _inputs(frames, missing=[k for k in inputs.missing if k != "sp_bulk"])


def test_bulk_download_ids_make_an_uploadable_sheet(catalog, tmp_path):
    result = kw.assess_keywords(
        _crafted(catalog),
        brand_terms=BRAND,
        competitor_terms=COMPETITORS,
        usd_rates={"GBP": 1.25},
        bid_limits=actions.SP_BID_LIMITS,
    )
    negatives, harvest = result.tables["negatives"], result.tables["harvest"]
    bulk_neg, bulk_kw = result.tables["bulk_negatives"], result.tables["bulk_keywords"]
    assert result.uploadable and len(bulk_neg) and len(bulk_kw)
    # the hostile terms are negatives, never in the bulk sheet (Amazon refuses them), said in the CSV
    hostile = negatives[negatives["search_term"].isin(HOSTILE)]
    assert set(hostile["search_term"]) == set(HOSTILE) and hostile["bulk_note"].str.contains("refuses").all()
    assert not set(bulk_neg["keyword_text"]) & set(HOSTILE)
    # covered by an existing negative phrase "runner": not proposed again in the sheet
    runner = negatives[negatives["search_term"] == "bath mat runner 24x60"].iloc[0]
    assert runner["bulk_note"] == "a negative keyword already"
    knife = negatives[negatives["campaign"] == "SP - Knife Strip - Auto"]
    assert (knife["id_match"] == "case-insensitive").all() and result.counts["case_insensitive"] >= 1
    # harvest: only terms whose product has an exact-match ad group go into the sheet, with their bid
    assert set(bulk_kw["keyword_text"]) == set(harvest.loc[harvest["bulk_note"] == "", "keyword_text"])
    assert (harvest.loc[harvest["destination_campaign"].isna(), "bulk_note"].str.contains("create one")).all()
    assert bulk_kw["bid"].tolist() == harvest.loc[harvest["bulk_note"] == "", "suggested_bid"].tolist()

    path = actions.write_bulksheet(tmp_path, negatives=bulk_neg, keywords=bulk_kw, marketplace="US")
    sheet = load_workbook(path)[actions.BULK_SHEET]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(cells[0]) == actions.BULK_COLUMNS
    body = [dict(zip(actions.BULK_COLUMNS, r)) for r in cells[1:]]
    assert len(body) == len(bulk_neg) + len(bulk_kw)
    assert [r["Keyword Text"] for r in body] == bulk_neg["keyword_text"].tolist() + bulk_kw["keyword_text"].tolist()
    assert {r["Entity"] for r in body[: len(bulk_neg)]} == {"Negative keyword"}
    assert {(r["Entity"], r["Match Type"]) for r in body[len(bulk_neg) :]} == {("Keyword", "exact")}
    ids = {(r["Campaign Id"], r["Ad Group Id"]) for r in body}
    assert all(isinstance(c, str) and c.isdigit() and isinstance(g, str) and g.isdigit() for c, g in ids)
    id_cells = [row[3] for row in sheet.iter_rows(min_row=2)]
    assert {c.data_type for c in id_cells} == {"s"}
    assert result.finding("actions").startswith("The Amazon Ads bulk sheet") and "bulk download" in result.finding(
        "actions"
    )

    # the review CSV keeps the hostile terms, as text
    csv_path = actions.write_action_csv(negatives, tmp_path, "negatives", labels=True)
    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        written = [r["search term"] for r in csv.DictReader(fh)]
    for text in HOSTILE:
        assert "'" + text in written and text not in written


def test_without_ids_the_actions_are_review_files_and_the_notebook_says_why(catalog):
    inputs = _load(catalog, "US")
    frames = {k: v for k, v in inputs.frames.items() if k != "sp_bulk"}
    result = kw.assess_keywords(_inputs(frames, missing=["sp_bulk"]), brand_terms=BRAND, competitor_terms=COMPETITORS)
    assert not result.uploadable and result.tables["bulk_negatives"].empty and result.tables["bulk_keywords"].empty
    text = result.finding("actions")
    assert text.startswith("No uploadable bulk sheet") and "no Amazon Ads bulk download for US" in text
    assert (result.tables["negatives"]["id_match"] == "not found").all()
    assert result.tables["negatives"]["bulk_note"].str.startswith("no campaign / ad group ID").all()


# --------------------------------------------------------------------------- a folder without keyword research
def _copy_without(tmp_path, *folders):
    """The sample without the named sub-folders (``keywords``, ``bulk``), in tmp_path (never in the repository)."""
    target = tmp_path / "sample_without_research"
    shutil.copytree(paths.SAMPLE_DIR, target, ignore=shutil.ignore_patterns(*folders))
    return target


@pytest.fixture(scope="module")
def bare_folder(tmp_path_factory):
    return _copy_without(tmp_path_factory.mktemp("bare"), "keywords", "bulk")


def test_without_keyword_research_the_search_terms_are_still_analysed(bare_folder):
    catalog = open_folder(bare_folder)  # identical files: read from the cache of the sample
    inputs = catalog.load_inputs(
        ["sp_search_term"], kw.OPTIONAL_INPUTS, marketplace="US", start=PERIOD[0], end=PERIOD[1]
    )
    assert {"h10_cerebro", "h10_magnet", "brand_analytics_sqp", "sp_bulk"} <= set(inputs.missing)
    result = kw.assess_keywords(inputs, brand_terms=BRAND, competitor_terms=COMPETITORS, usd_rates={"GBP": 1.25})
    assert "cannot be shown" in result.finding("universe") and "cannot be shown" in result.finding("sqp")
    assert result.finding("long_tail").startswith("Without keyword research")
    assert {k.key: k for k in result.kpis()}["long_tail_opportunities"].value is None
    assert len(result.tables["negatives"]) and len(result.tables["harvest"]) and not result.uploadable


def test_the_notebook_runs_in_the_batch_without_keyword_research(bare_folder, tmp_path):
    from sellerops.report.params import check_plan
    from sellerops.report.runner import run_job

    out = tmp_path / "out"
    out.mkdir()
    plan = {
        "notebooks": ["01_keyword_opportunity"],
        "sets": {"bare": {"data_dir": str(bare_folder), "marketplace": "US", "output_dir": str(tmp_path / "actions")}},
    }
    [job] = check_plan(plan, "test.yaml")
    result = run_job(job, out)
    assert result.status == "ok", result.error
    page = (out / result.html).read_text(encoding="utf-8")
    for sentence in ("No keyword research export", "cannot be shown", "No uploadable bulk sheet", "review files"):
        assert sentence in page, sentence
    assert sorted(p.name for p in (tmp_path / "actions").iterdir()) == [
        "action_files.json",
        "harvest.csv",
        "long_tail.csv",
        "negatives.csv",
    ]
    assert result.headline["kpis"] and result.headline["title"] == "Keyword opportunity"


def test_many_terms_add_up():
    """50,000 terms: the vectorised explode and join back agree with a count in plain Python."""
    rng = np.random.default_rng(0)
    words = np.array(["bath", "mat", "spoon", "wooden", "set", "rack"])
    n = 50_000
    terms = pd.Series([" ".join(w) for w in words[rng.integers(0, 6, (n, 3))]], dtype="str")
    frame = pd.DataFrame({"key": terms, "impressions": 1.0, "clicks": 1.0, "spend": 1.0, "sales": 2.0, "orders": 0.0})
    grams = kw.measure_ngrams(frame)
    # 1-gram totals: every row counted once per distinct word it holds
    distinct = sum(len(set(t.split())) for t in itertools.islice(terms, n))
    assert grams.loc[grams["n"] == 1, "clicks"].sum() == distinct
