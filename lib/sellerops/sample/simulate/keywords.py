"""Stage 7, keyword research: the Helium 10 keyword universe per marketplace and the US Search Query Performance rows.

Planted: the long-tail opportunities (volume > 10,000, Title Density < 50, never targeted) are the
only untargeted keywords that meet the rule.

Examples
--------
>>> ku = keyword_universe(seed=1, marketplace="US")
>>> bool((ku["search_volume"] > 0).all()), ku.columns[:2].tolist()
(True, ['keyword', 'search_volume'])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalogue as cat

_ASIN_LIKE = r"^b0[0-9a-z]{8}$"
_AUTO_TARGETS = {"close-match", "loose-match", "substitutes", "complements"}
#: Competitor ASINs with a rank column in the Cerebro export.
COMPETITOR_ASINS = ["B07HEARTH1", "B08KOZIC12", "B09HEARTH7"]
#: Share of ranks Helium 10 prints as ``N/R`` (not ranked).
UNRANKED_SHARE = 0.08


def is_asin_like(terms: pd.Series) -> pd.Series:
    """Search terms that are lowercased ASINs (product-targeting rows)."""
    return terms.str.match(_ASIN_LIKE)


def ad_keywords(marketplace: str | None = None) -> set[str]:
    """Every search term and keyword targeting text used in the ads files (lower case).

    Examples
    --------
    >>> "bath mat" in ad_keywords("US")
    True
    """
    camp = {c[0]: c[1] for c in cat.CAMPAIGNS}
    out: set[str] = set()
    for name, rows in cat.SEARCH_TERMS.items():
        if marketplace and camp[name] != marketplace:
            continue
        for tg, _mt, st, *_ in rows:
            out.add(st.lower())
            out.add(tg.lower())
    return out


def keyword_universe(seed: int, marketplace: str) -> pd.DataFrame:
    """Keywords with search volume, Title Density (the competition measure used) and Helium 10 metrics."""
    rng = np.random.default_rng(seed + (11 if marketplace == "US" else 12))
    used = ad_keywords(marketplace)
    used_all = ad_keywords(None)
    research = [f"{m} {s}".strip() for s in cat.RESEARCH_SEEDS for m in cat.RESEARCH_MODIFIERS]
    ads_terms = sorted(
        t
        for t in used
        if not is_asin_like(pd.Series([t])).iloc[0] and t not in _AUTO_TARGETS and not t.startswith("asin=")
    )
    words = list(dict.fromkeys(ads_terms + research))
    planted = {k: (v, d) for k, v, d in cat.LONG_TAIL_OPPORTUNITIES} if marketplace == "US" else {}
    words = [w for w in words if w not in planted]
    n = len(words)
    sv = np.round(np.exp(rng.normal(np.log(2200), 1.1, n))).astype(int) + 30
    sv = np.where(sv > 150000, 150000, sv)
    td = rng.integers(0, 95, n)
    # the article's rule must select only the planted keywords among untargeted ones
    untargeted = np.array([w not in used_all for w in words])
    fix = untargeted & (sv > cat.LONG_TAIL_MIN_VOLUME) & (td < cat.LONG_TAIL_MAX_COMPETITION)
    td = np.where(fix, cat.LONG_TAIL_MAX_COMPETITION + rng.integers(0, 40, n), td)
    df = pd.DataFrame({"keyword": words, "search_volume": sv, "title_density": td})
    if planted:
        extra = pd.DataFrame(
            [(k, v, d) for k, (v, d) in planted.items()], columns=["keyword", "search_volume", "title_density"]
        )
        df = pd.concat([df, extra], ignore_index=True)
    m = len(df)
    df["competing_products"] = np.round(df["search_volume"] * rng.uniform(0.3, 4.0, m)).astype(int) + 50
    df["cpr"] = np.maximum(8, np.round(df["search_volume"] / 400)).astype(int)
    df["sponsored_asins"] = rng.integers(0, 120, m)
    df["trend"] = rng.integers(-40, 60, m)
    df["keyword_sales"] = np.round(df["search_volume"] * rng.uniform(0.02, 0.12, m)).astype(int)
    df["iq"] = np.round(df["search_volume"] / np.maximum(df["competing_products"], 1) * 100).astype(int)
    df["bid"] = np.round(rng.uniform(0.35, 2.2, m), 2)
    df["rank"] = rng.integers(1, 400, m)
    df["click_share"] = np.round(rng.uniform(0, 0.4, m), 4)
    df["conv_share"] = np.round(df["click_share"] * rng.uniform(0.5, 1.5, m), 4)
    return df.sort_values(["search_volume", "keyword"], ascending=[False, True], kind="stable").reset_index(drop=True)


def add_cerebro_ranks(rng: np.random.Generator, ku: pd.DataFrame) -> pd.DataFrame:
    """The keyword universe plus the Cerebro ranking columns (``*_unranked`` marks ``N/R``)."""
    ku = ku.copy()
    m = len(ku)
    ku["amazon_recommended"] = rng.integers(0, 2, m)
    ku["sponsored"] = rng.integers(0, 2, m)
    ku["organic"] = rng.integers(0, 2, m)
    ku["sponsored_rank_avg"] = rng.integers(1, 60, m)
    ku["sponsored_rank_count"] = rng.integers(0, 6, m)
    ku["rank_unranked"] = rng.random(m) < UNRANKED_SHARE
    ku["relative_rank"] = rng.integers(1, 6, m)
    ku["competitor_rank_avg"] = rng.integers(1, 120, m)
    ku["ranking_competitors"] = rng.integers(0, 4, m)
    ku["competitor_performance"] = np.round(rng.uniform(0, 10, m), 1)
    for a in COMPETITOR_ASINS:
        ku[a] = rng.integers(1, 400, m)
        ku[f"{a}_unranked"] = rng.random(m) < UNRANKED_SHARE
    return ku


def search_query_performance(rng: np.random.Generator, ku: pd.DataFrame) -> pd.DataFrame:
    """Brand view of October 2026: the top 30 queries among the ones the brand advertises on."""
    q = ku[ku["keyword"].isin(ad_keywords("US"))].head(30).reset_index(drop=True)
    k = len(q)
    vol = np.round(q["search_volume"].to_numpy() * 1.1).astype(int)
    imp_t = vol * rng.integers(20, 40, k)
    imp_b = np.round(imp_t * rng.uniform(0.01, 0.08, k)).astype(int)
    clk_t = np.round(imp_t * rng.uniform(0.01, 0.03, k)).astype(int)
    clk_b = np.round(clk_t * rng.uniform(0.01, 0.1, k)).astype(int)
    cart_t = np.round(clk_t * rng.uniform(0.1, 0.25, k)).astype(int)
    cart_b = np.round(cart_t * rng.uniform(0.01, 0.12, k)).astype(int)
    pur_t = np.round(cart_t * rng.uniform(0.3, 0.6, k)).astype(int)
    pur_b = np.round(pur_t * rng.uniform(0.0, 0.12, k)).astype(int)
    price = np.round(rng.uniform(14, 40, k), 2)
    return pd.DataFrame(
        {
            "query": q["keyword"],
            "volume": vol,
            "impressions": imp_t,
            "impressions_brand": imp_b,
            "clicks": clk_t,
            "clicks_brand": clk_b,
            "cart_adds": cart_t,
            "cart_adds_brand": cart_b,
            "purchases": pur_t,
            "purchases_brand": pur_b,
            "price_median": price,
        }
    )


def keyword_research(seed: int) -> dict:
    """Cerebro frames per marketplace and the US SQP rows (each from its own seeded stream)."""
    out: dict = {"cerebro": {}, "sqp": None}
    for mkt in cat.MARKETPLACES:
        rng = np.random.default_rng(seed + (21 if mkt == "US" else 22))
        ku = add_cerebro_ranks(rng, keyword_universe(seed, mkt))
        out["cerebro"][mkt] = ku
        if mkt == "US":  # the US stream continues into the Search Query Performance rows
            out["sqp"] = search_query_performance(rng, ku)
    return out
