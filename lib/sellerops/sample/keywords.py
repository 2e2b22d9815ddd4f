"""Keyword research exports: Helium 10 Cerebro and Magnet, Brand Analytics SQP.

Examples
--------
>>> from sellerops.sample.keywords import keyword_universe
>>> ku = keyword_universe(seed=1, marketplace="US")
>>> bool((ku["search_volume"] > 0).all())
True
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import catalogue as cat
from . import formats as F

_ASIN_LIKE = r"^b0[0-9a-z]{8}$"


def ad_keywords(marketplace: str | None = None) -> set[str]:
    """Every search term and keyword targeting text used in the ads files (lower case)."""
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
    """Keywords with search volume and Title Density (the competition measure used).

    Examples
    --------
    >>> keyword_universe(seed=1, marketplace="UK").columns[:2].tolist()
    ['keyword', 'search_volume']
    """
    rng = np.random.default_rng(seed + (11 if marketplace == "US" else 12))
    used = ad_keywords(marketplace)
    used_all = ad_keywords(None)
    research = [f"{m} {s}".strip() for s in cat.RESEARCH_SEEDS for m in cat.RESEARCH_MODIFIERS]
    ads_terms = sorted(
        t
        for t in used
        if not pd.Series([t]).str.match(_ASIN_LIKE).iloc[0]
        and t not in {"close-match", "loose-match", "substitutes", "complements"}
        and not t.startswith("asin=")
    )
    words = list(dict.fromkeys(ads_terms + research))
    planted = dict((k, (v, d)) for k, v, d in cat.LONG_TAIL_OPPORTUNITIES) if marketplace == "US" else {}
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
        df = pd.concat(
            [
                df,
                pd.DataFrame(
                    [(k, v, d) for k, (v, d) in planted.items()], columns=["keyword", "search_volume", "title_density"]
                ),
            ],
            ignore_index=True,
        )
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
    df = df.sort_values(["search_volume", "keyword"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return df


def _rank_text(r: np.ndarray, rng: np.random.Generator) -> pd.Series:
    t = pd.Series(r).astype(str)
    t[r > 306] = ">306"
    t[rng.random(len(r)) < 0.08] = "N/R"
    return t


def write_keywords(seed: int, out: Path, asins: dict[str, str]) -> dict:
    """Write Cerebro (US, UK), Magnet (US) and SQP (US) files; return expectations."""
    exp: dict = {}
    competitors = ["B07HEARTH1", "B08KOZIC12", "B09HEARTH7"]
    for mkt in cat.MARKETPLACES:
        rng = np.random.default_rng(seed + (21 if mkt == "US" else 22))
        ku = keyword_universe(seed, mkt)
        m = len(ku)
        low = ku["search_volume"] < 400
        ks = F.int_text(ku["keyword_sales"]).where(~low, "-")
        rows = pd.DataFrame(
            {
                "Keyword Phrase": ku["keyword"],
                "ABA Total Click Share": F.percent_text(ku["click_share"]).where(~low, "-"),
                "ABA Total Conv. Share": F.percent_text(ku["conv_share"]).where(~low, "-"),
                "Keyword Sales": ks,
                "Cerebro IQ Score": F.int_text(ku["iq"]),
                "Search Volume": F.int_text(ku["search_volume"]),
                "Search Volume Trend": ku["trend"].astype(str) + "%",
                "H10 PPC Sugg. Bid": F.money_text(ku["bid"], "$" if mkt == "US" else "£"),
                "H10 PPC Sugg. Min Bid": F.money_text(ku["bid"] * 0.6, "$" if mkt == "US" else "£"),
                "H10 PPC Sugg. Max Bid": F.money_text(ku["bid"] * 1.5, "$" if mkt == "US" else "£"),
                "Sponsored ASINs": ku["sponsored_asins"].astype(str),
                "Competing Products": F.int_text(ku["competing_products"]).where(
                    ku["competing_products"] <= 7000, ">7,000"
                ),
                "CPR": ku["cpr"].astype(str),
                "Title Density": ku["title_density"].astype(str),
                "Amazon Recommended": rng.integers(0, 2, m).astype(str),
                "Sponsored": rng.integers(0, 2, m).astype(str),
                "Organic": rng.integers(0, 2, m).astype(str),
                "Sponsored Rank (avg)": rng.integers(1, 60, m).astype(str),
                "Sponsored Rank (count)": rng.integers(0, 6, m).astype(str),
                "Amazon Recommended Rank (avg)": pd.Series(["-"] * m),
                "Amazon Recommended Rank (count)": pd.Series(["0"] * m),
                "Position (Rank)": _rank_text(ku["rank"].to_numpy(), rng),
                "Relative Rank": rng.integers(1, 6, m).astype(str),
                "Competitor Rank (avg)": rng.integers(1, 120, m).astype(str),
                "Ranking Competitors (count)": rng.integers(0, 4, m).astype(str),
                "Competitor Performance Score": np.round(rng.uniform(0, 10, m), 1).astype(str),
            }
        )
        for a in competitors:
            rows[a] = _rank_text(rng.integers(1, 400, m), rng)
        asin = asins[cat.HIGH_SALES_NO_PROFIT_SKU]
        p = out / mkt.lower() / "keywords" / f"{mkt}_AMAZON_cerebro_{asin}_{cat.END.isoformat()}.csv"
        F.write_csv(p, F.CEREBRO + competitors, rows, bom=False, quote_all=True)
        exp[str(p.relative_to(out).as_posix())] = {"rows": int(m)}
        if mkt != "US":
            continue
        mg = pd.DataFrame(
            {
                "Keyword Phrase": ku["keyword"],
                "Magnet IQ Score": F.int_text(ku["iq"]),
                "Search Volume": F.int_text(ku["search_volume"]),
                "Search Volume Trend": ku["trend"].astype(str) + "%",
                "Keyword Sales": ks,
                "Sponsored ASINs": ku["sponsored_asins"].astype(str),
                "Competing Products": F.int_text(ku["competing_products"]).where(
                    ku["competing_products"] <= 7000, ">7,000"
                ),
                "CPR": ku["cpr"].astype(str),
                "Title Density": ku["title_density"].astype(str),
            }
        )
        p = out / "us" / "keywords" / f"US_AMAZON_magnet_kitchen_bath_{cat.END.isoformat()}.csv"
        F.write_csv(p, F.MAGNET, mg, bom=False, quote_all=True)
        exp[p.relative_to(out).as_posix()] = {"rows": int(len(mg))}
        # SQP brand view, October 2026, top queries among the ones the brand advertises on
        used = ad_keywords("US")
        q = ku[ku["keyword"].isin(used)].head(30).reset_index(drop=True)
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

        def pct(a, b):
            return pd.Series(np.char.mod("%.2f", np.where(b > 0, 100 * a / np.maximum(b, 1), 0.0)))

        def blank_if_zero(s, z):
            return s.where(np.asarray(z) > 0, "")

        price = np.round(rng.uniform(14, 40, k), 2)
        sq = pd.DataFrame(
            {
                "Search Query": q["keyword"],
                "Search Query Score": np.arange(1, k + 1).astype(str),
                "Search Query Volume": vol.astype(str),
                "Impressions: Total Count": imp_t.astype(str),
                "Impressions: Brand Count": imp_b.astype(str),
                "Impressions: Brand Share %": pct(imp_b, imp_t),
                "Clicks: Total Count": clk_t.astype(str),
                "Clicks: Click Rate %": pct(clk_t, vol),
                "Clicks: Brand Count": clk_b.astype(str),
                "Clicks: Brand Share %": pct(clk_b, clk_t),
                "Clicks: Price (Median)": F.fixed_text(price),
                "Clicks: Brand Price (Median)": blank_if_zero(F.fixed_text(price * 1.05), clk_b),
                "Clicks: Same Day Shipping Speed": (clk_t // 10).astype(str),
                "Clicks: 1D Shipping Speed": (clk_t // 3).astype(str),
                "Clicks: 2D Shipping Speed": (clk_t // 2).astype(str),
                "Cart Adds: Total Count": cart_t.astype(str),
                "Cart Adds: Cart Add Rate %": pct(cart_t, vol),
                "Cart Adds: Brand Count": cart_b.astype(str),
                "Cart Adds: Brand Share %": pct(cart_b, cart_t),
                "Cart Adds: Price (Median)": F.fixed_text(price),
                "Cart Adds: Brand Price (Median)": blank_if_zero(F.fixed_text(price * 1.05), cart_b),
                "Cart Adds: Same Day Shipping Speed": (cart_t // 10).astype(str),
                "Cart Adds: 1D Shipping Speed": (cart_t // 3).astype(str),
                "Cart Adds: 2D Shipping Speed": (cart_t // 2).astype(str),
                "Purchases: Total Count": pur_t.astype(str),
                "Purchases: Purchase Rate %": pct(pur_t, vol),
                "Purchases: Brand Count": pur_b.astype(str),
                "Purchases: Brand Share %": pct(pur_b, pur_t),
                "Purchases: Price (Median)": F.fixed_text(price),
                "Purchases: Brand Price (Median)": blank_if_zero(F.fixed_text(price * 1.05), pur_b),
                "Purchases: Same Day Shipping Speed": (pur_t // 10).astype(str),
                "Purchases: 1D Shipping Speed": (pur_t // 3).astype(str),
                "Purchases: 2D Shipping Speed": (pur_t // 2).astype(str),
                "Reporting Date": "2026-10-31",
            }
        )
        meta = f'Brand=["{cat.BRAND}"],Reporting Range=["Monthly"],Select year=["2026"],Select month=["October"]'
        p = out / "us" / "keywords" / "US_Search_Query_Performance_Brand_View_Simple_Month_2026_10_31.csv"
        _write_sqp(p, meta, sq)
        exp[p.relative_to(out).as_posix()] = {"rows": int(k), "metadata_rows": 1}
    return exp


def _write_sqp(path: Path, meta: str, df: pd.DataFrame) -> None:
    """SQP: metadata line, quoted header, values quoted except missing ones (bare empty)."""

    def q(s: pd.Series) -> pd.Series:
        s = s.astype(str)
        return ('"' + s.str.replace('"', '""', regex=False) + '"').where(s != "", "")

    body = pd.concat([q(df[c]) for c in F.SQP_BRAND], axis=1).agg(",".join, axis=1)
    text = meta + "\n" + ",".join(f'"{h}"' for h in F.SQP_BRAND) + "\n" + "".join(b + "\n" for b in body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
