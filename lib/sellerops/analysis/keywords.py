"""Keyword opportunity: which keywords to go after, which search terms to harvest and which to negate.

Works on the canonical frames of the readers (``sp_search_term`` required; keyword research, Search
Query Performance, the targeting, advertised-product and bulk reports, the product master, the
payments transactions and the listing history optional) and returns a :class:`KeywordOpportunity`
result; reads no files. The verbs, in the order of the notebook:

- :func:`merge_research` and :func:`score_keywords`: the keyword universe across Helium 10 Cerebro
  and Magnet, Jungle Scout and SQP (case, spacing and obvious plurals folded by :func:`keyword_key`),
  with a published opportunity score (:data:`SCORE_WEIGHTS`);
- :func:`find_long_tail`: the article's rule (volume > 10,000 a month, competition < 50, three words or
  more) and which of those keywords the seller targets, sees convert, or has never touched;
- :func:`measure_query_shares`: the brand's share of each SQP query, listing and visibility problems;
- :func:`measure_ngrams`: 1- to 3-word roots of the search terms, aggregated per unique term first;
- :func:`judge_terms`, :func:`find_negatives`, :func:`find_harvest`: the evidence per search term and
  ad group (empirical-Bayes conversion rate, shrunk toward its ad group) against its break-even
  conversion rate, beside the fixed rule "10 clicks, no order";
- :func:`classify_terms` / :func:`classify_spend`: brand, competitor, generic and ASIN terms;
- :func:`link_bulk_ids`: the Amazon Ads IDs of a bulk download, so actions become an uploadable file.

**Break-even conversion rate.** A click of a term pays for itself when ``CVR × AOV × break-even
ACoS >= CPC``, so ``break-even CVR = CPC / (AOV × break-even ACoS)``: CPC is the term's own
(spend / clicks), AOV the ad group's sales per order (the advertised products' price where it has no
order), break-even ACoS the advertised products' (:mod:`sellerops.analysis.margins`, weighted by their
ad spend in the advertised product report or the bulk file's product ads). Without a product master
or transactions the target ACoS stands in, and a finding says so.

**Competition.** Which column is "competition" is a choice, a parameter with a per-tool default
(:data:`COMPETITION_DEFAULTS`): Helium 10's Title Density (page-one results with the phrase in their
title; Cerebro and Magnet also carry CPR and Competing Products), and for Jungle Scout
``100 - ease of ranking score`` (its score is higher where ranking is easier; its scale is assumed
0-100). Tools disagree on scales, so competition is never averaged across tools: the first tool in
:data:`RESEARCH_KINDS` that has a value gives it.

Examples
--------
>>> keyword_key(pd.Series(["Wooden  Spoons", "wooden spoon", "Bath-Mats for Tubs"])).tolist()
['wooden spoon', 'wooden spoon', 'bath mat for tub']
>>> classify_terms(pd.Series(["brightnest spatula", "kozico mat", "bath mat", "b07hearth1"]),
...                "Brightnest", "Hearthly, Kozico").tolist()
['brand', 'competitor', 'generic', 'ASIN']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import stats as sps

from ..core import metrics, stats
from ..core.results import KPI, Result, plural
from ..core.thresholds import BENCHMARKS
from . import margins

# --------------------------------------------------------------------------- constants
#: Optional inputs of the analysis, as ``catalog.load_inputs(optional=...)`` takes them.
OPTIONAL_INPUTS = (
    "h10_cerebro",
    "h10_magnet",
    "jungle_scout_keywords",
    "brand_analytics_sqp",
    "sp_targeting",
    "sp_advertised_product",
    "sp_bulk",
    "product_master",
    "payments_transactions",
    "listing_history",
)
#: Keyword research tools, in the order their competition value is preferred.
RESEARCH_KINDS = ("h10_cerebro", "h10_magnet", "jungle_scout_keywords")
TOOL_LABELS = {
    "h10_cerebro": "Cerebro",
    "h10_magnet": "Magnet",
    "jungle_scout_keywords": "Jungle Scout",
    "brand_analytics_sqp": "SQP",
}
VOLUME_COLUMNS = {
    "h10_cerebro": "search_volume",
    "h10_magnet": "search_volume",
    "jungle_scout_keywords": "search_volume_exact",
}
CPC_COLUMNS = {"h10_cerebro": "ppc_bid", "h10_magnet": "ppc_bid", "jungle_scout_keywords": "ppc_bid_exact"}
#: The competition column of each tool when the parameter is left empty (see the module docstring).
COMPETITION_DEFAULTS = {
    "h10_cerebro": "title_density",
    "h10_magnet": "title_density",
    "jungle_scout_keywords": "ease_of_ranking_score",
}
#: Columns that may be named as the competition column; Jungle Scout's is turned into ``100 - score``.
COMPETITION_COLUMNS = ("title_density", "cpr", "competing_products", "ease_of_ranking_score")
EASE_SCALE = 100.0
COMPETITION_LABELS = {
    "title_density": "Title Density",
    "cpr": "CPR",
    "competing_products": "Competing Products",
    "ease_of_ranking_score": "Ease of Ranking Score",
}
#: Weights of the opportunity score (see :func:`score_keywords`).
SCORE_WEIGHTS = {"volume": 0.4, "competition": 0.4, "cpc": 0.2}
#: Words that carry no meaning of their own in a keyword (left out of relevance).
STOP_WORDS = frozenset({"a", "an", "and", "the", "for", "with", "of", "to", "in", "on", "by", "or", "from", "at"})
#: Targeting expressions of automatic campaigns.
AUTO_TARGETS = ("close-match", "loose-match", "substitutes", "complements")
#: A search term that is a lowercased ASIN is a product detail page placement, not a typed query.
ASIN_PATTERN = r"^b0[0-9a-z]{8}$"
#: Match kinds whose customer search terms can be harvested or negated (never an exact keyword's own).
SOURCE_KINDS = ("auto", "broad", "phrase")
#: Keyword text Amazon accepts in a bulk sheet (mirrors ``sellerops.show.actions``; a test keeps them equal).
KEYWORD_MAX_CHARACTERS = 80
KEYWORD_MAX_WORDS = 10
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
#: A harvested term starts at the CPC it paid plus this share (exact match competes in the same auctions).
STARTING_BID_UPLIFT = 0.2
#: Signs written before an amount in findings (others are written with their ISO code).
CURRENCY_SIGNS = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
#: Average days in a month (spend per month).
DAYS_PER_MONTH = 365.25 / 12
_METRICS = ("impressions", "clicks", "spend", "sales", "orders")


# --------------------------------------------------------------------------- text
def _as_text(terms) -> pd.Series:
    s = terms if isinstance(terms, pd.Series) else pd.Series(list(terms), dtype="str")
    return s.astype("str").fillna("") if s.dtype != "str" else s.fillna("")


def _arrow(values: pd.Series) -> pa.Array:
    """A text Series as one Arrow string array (no copy where pandas already holds Arrow strings)."""
    array = pa.array(values.array if isinstance(values.array, pd.arrays.ArrowStringArray) else values.to_numpy(object))
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.string())


def _series(array: pa.Array, index=None) -> pd.Series:
    return pd.Series(pd.array(array, dtype="str"), index=index)


def _on_unique(terms: pd.Series, transform) -> pd.Series:
    """``transform`` (Arrow strings in, Arrow strings out) applied to the distinct values only, then spread
    back: millions of rows hold far fewer distinct terms."""
    codes, uniques = pd.factorize(terms, use_na_sentinel=False)
    done = transform(_arrow(pd.Series(uniques, dtype="str")))
    return _series(pc.take(done, pa.array(codes)), terms.index)


#: Runs of whitespace, Unicode spaces included.
_SPACES = r"[\s\p{Z}]+"
#: Runs of anything but letters, marks (Devanagari vowel signs…) and digits.
_PUNCTUATION = r"[^\p{L}\p{M}\p{N}]+"


def clean_terms(terms) -> pd.Series:
    """Search terms as actions carry them: lower case, trimmed, single spaces (punctuation kept).

    Examples
    --------
    >>> clean_terms(pd.Series(["  Bath  MAT ", "kids' towel"])).tolist()
    ['bath mat', "kids' towel"]
    """

    def clean(u: pa.Array) -> pa.Array:
        return pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(u), _SPACES, " "))

    return _on_unique(_as_text(terms), clean)


def normalise_terms(terms) -> pd.Series:
    """Lower case, punctuation to spaces, single spaces: ``"Non-Slip  Mat!"`` -> ``"non slip mat"``.

    Examples
    --------
    >>> normalise_terms(pd.Series(["Non-Slip  Mat!", "kids' towel", "तौलिया_सेट"])).tolist()
    ['non slip mat', 'kids towel', 'तौलिया सेट']
    """

    def normalise(u: pa.Array) -> pa.Array:
        return pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(u), _PUNCTUATION, " "))

    return _on_unique(_as_text(terms), normalise)


def _singular_words(words: pd.Series) -> pd.Series:
    """Obvious plurals of alphabetic words of four letters or more: -ies -> -y, -ches/-shes/-xes/-zes/-sses
    lose -es, other -s lose -s (not -ss, -us, -is)."""
    n = words.str.len()
    alpha = words.str.fullmatch(r"[^\W\d_]+") & (n >= 4)
    ies = alpha & words.str.endswith("ies") & (n >= 5)
    es = alpha & ~ies & words.str.contains(r"(?:ch|sh|x|z|ss)es$", regex=True)
    s = alpha & ~ies & ~es & words.str.endswith("s") & ~words.str.contains(r"(?:ss|us|is)$", regex=True)
    out = words.where(~ies, words.str[:-3] + "y")
    out = out.where(~es, words.str[:-2])
    return out.where(~s, words.str[:-1])


def fold_plurals(terms) -> pd.Series:
    """Each word in its singular form where the plural is obvious (``mats`` -> ``mat``, ``dishes`` -> ``dish``).

    Examples
    --------
    >>> fold_plurals(pd.Series(["bath mats", "glass dishes", "accessories", "stainless bus"])).tolist()
    ['bath mat', 'glass dish', 'accessory', 'stainless bus']
    """

    def fold(unique: pa.Array) -> pa.Array:
        lists = pc.split_pattern(unique, " ")
        words = pc.dictionary_encode(lists.flatten())  # the distinct words are few: fold those only
        singular = _singular_words(_series(words.dictionary))
        folded = pc.take(_arrow(singular), words.indices)
        return pc.binary_join(pa.ListArray.from_arrays(lists.offsets, folded), " ")

    return _on_unique(_as_text(terms), fold)


def keyword_key(terms) -> pd.Series:
    """The key keywords are matched on: :func:`normalise_terms`, then :func:`fold_plurals`.

    Examples
    --------
    >>> keyword_key(pd.Series(["Wooden Spoons", "wooden-spoon"])).tolist()
    ['wooden spoon', 'wooden spoon']
    """
    return fold_plurals(normalise_terms(terms))


def parse_terms(value) -> tuple[str, ...]:
    """Brand or competitor terms from a parameter: a comma-separated string or a list; normalised, unique.

    Examples
    --------
    >>> parse_terms("Brightnest, Bright Nest,,brightnest")
    ('brightnest', 'bright nest')
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    cleaned = normalise_terms(pd.Series([str(i) for i in items], dtype="str"))
    return tuple(dict.fromkeys(t for t in cleaned if t))


def is_asin_term(terms) -> pd.Series:
    """Search terms that are lowercased ASINs (a product detail page placement).

    Examples
    --------
    >>> is_asin_term(pd.Series(["b07hearth1", "bath mat"])).tolist()
    [True, False]
    """
    return clean_terms(terms).str.fullmatch(ASIN_PATTERN)


def _phrase_pattern(terms: Sequence[str]) -> str | None:
    """A regex matching any of the terms as whole words, also written without spaces."""
    variants = set()
    for t in terms:
        variants.add(t)
        variants.add(t.replace(" ", ""))
    variants = sorted((v for v in variants if v), key=lambda v: (-len(v), v))
    if not variants:
        return None
    return r"(?:^|\s)(?:" + "|".join(re.escape(v) for v in variants) + r")(?:\s|$)"


def classify_terms(terms, brand_terms=(), competitor_terms=()) -> pd.Series:
    """``brand``, ``competitor``, ``generic`` or ``ASIN`` per search term.

    A term is the brand's when it contains one of ``brand_terms`` as whole words (also written without
    its spaces, ``bright nest`` / ``brightnest``); a competitor's when it contains a competitor term and
    no brand term; ``ASIN`` when it is a lowercased ASIN (a product page placement, whose owner the
    term does not tell).

    Examples
    --------
    >>> classify_terms(pd.Series(["brightnest mat", "mat"]), "Bright Nest").tolist()
    ['brand', 'generic']
    """
    values = terms if isinstance(terms, pd.Series) else pd.Series(terms)
    codes, distinct = pd.factorize(values, use_na_sentinel=False)  # a term repeats over many rows: judge it once
    distinct = pd.Series(distinct, dtype=values.dtype if len(distinct) else "str")
    normal = normalise_terms(distinct)
    out = pd.Series("generic", index=normal.index, dtype="str")
    competitor = _phrase_pattern(parse_terms(competitor_terms))
    brand = _phrase_pattern(parse_terms(brand_terms))
    if competitor:
        out = out.mask(normal.str.contains(competitor, regex=True), "competitor")
    if brand:
        out = out.mask(normal.str.contains(brand, regex=True), "brand")
    out = out.mask(is_asin_term(distinct), "ASIN")
    return pd.Series(out.to_numpy()[codes], index=values.index, dtype="str")


def classify_match(targeting, match_type) -> pd.Series:
    """The kind of targeting a search-term row came from: ``auto``, ``broad``, ``phrase``, ``exact``, ``product``.

    Console reports write ``-`` as the match type of automatic and product targets; the Ads API
    writes ``TARGETING_EXPRESSION(_PREDEFINED)``.

    Examples
    --------
    >>> classify_match(pd.Series(["close-match", "mat", 'asin="B0X"', "mat"]),
    ...                pd.Series(["-", "BROAD", "-", "EXACT"])).tolist()
    ['auto', 'broad', 'product', 'exact']
    """
    # few distinct pairs in many rows: classify each pair once
    t_codes, t_values = pd.factorize(_as_text(targeting), use_na_sentinel=False)
    m_codes, m_values = pd.factorize(_as_text(match_type), use_na_sentinel=False)
    width = max(len(m_values), 1)
    codes, pair = pd.factorize(t_codes.astype("int64") * width + m_codes)
    t = pd.Series(t_values[pair // width], dtype="str").str.strip().str.lower()
    m = pd.Series(m_values[pair % width], dtype="str").str.strip().str.lower()
    m = m.str.replace(r"[\s_-]+", "", regex=True)
    kind = np.select(
        [
            m == "exact",
            m == "phrase",
            m == "broad",
            t.isin(AUTO_TARGETS) | (m == "targetingexpressionpredefined"),
            t.str.match(r"^(?:asin|category|brand)") | (m == "targetingexpression"),
        ],
        ["exact", "phrase", "broad", "auto", "product"],
        default="other",
    )
    index = targeting.index if isinstance(targeting, pd.Series) else None
    return pd.Series(np.asarray(kind, dtype=object)[codes], index=index, dtype="str")


# --------------------------------------------------------------------------- search terms
def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(0.0, index=frame.index)
    return pd.to_numeric(frame[column], errors="coerce").astype("float64").fillna(0.0)


def _join_flags(frame: pd.DataFrame, kinds: list[str]) -> pd.Series:
    """``"auto, broad"`` from the columns ``_is_auto`` and ``_is_broad`` (kinds in sorted order), without a loop over rows."""
    text = pd.Series("", index=frame.index, dtype=object)
    for kind in kinds:
        has = frame[f"_is_{kind}"].to_numpy(dtype=bool)
        text = text.where(~has, text + np.where(text.eq(""), "", ", ") + kind)
    return text.astype("str")


def summarise_search_terms(search_terms: pd.DataFrame) -> pd.DataFrame:
    """Search-term rows summed over days: one row per campaign, ad group, targeting, match kind and term.

    Parameters
    ----------
    search_terms : DataFrame
        The canonical ``sp_search_term`` frame.

    Returns
    -------
    DataFrame
        ``campaign, ad_group, targeting, match, search_term, key, impressions, clicks, spend, sales, orders,
        campaign_id, ad_group_id`` (IDs where the report carries them, as the Ads API's does);
        ``search_term`` is the cleaned text (:func:`clean_terms`), ``key`` the matching key.

    Examples
    --------
    >>> rows = pd.DataFrame({"campaign": ["C", "C"], "ad_group": ["G", "G"], "targeting": ["mat"] * 2,
    ...     "match_type": ["BROAD"] * 2, "search_term": ["Bath Mat", "bath mat"], "impressions": [10, 5],
    ...     "clicks": [2, 1], "spend": [1.0, 0.5], "sales": [20.0, 0.0], "orders": [1, 0]})
    >>> summarise_search_terms(rows)[["search_term", "match", "clicks", "orders"]].to_dict("records")
    [{'search_term': 'bath mat', 'match': 'broad', 'clicks': 3.0, 'orders': 1.0}]
    """
    f = search_terms
    frame = pd.DataFrame(
        {
            "campaign": _as_text(f["campaign"]),
            "ad_group": _as_text(f["ad_group"]),
            "targeting": _as_text(f["targeting"]).str.strip(),
            "match": classify_match(f["targeting"], f["match_type"]),
            "search_term": clean_terms(f["search_term"]),
            **{m: _number(f, m) for m in _METRICS},
        }
    )
    for column in ("campaign_id", "ad_group_id"):
        frame[column] = f[column] if column in f.columns else None
    keys = ["campaign", "ad_group", "targeting", "match", "search_term"]
    grouped = frame.groupby(keys, sort=True, dropna=False)
    out = grouped[list(_METRICS)].sum()
    ids = frame[frame["campaign_id"].notna()]
    if len(ids):
        first = ids.groupby(keys, sort=True, dropna=False)[["campaign_id", "ad_group_id"]].first()
        out = out.join(first)
    else:
        out["campaign_id"], out["ad_group_id"] = None, None
    out = out.reset_index()
    out.insert(5, "key", keyword_key(out["search_term"]))
    return out


def measure_period(search_terms: pd.DataFrame, start=None, end=None) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    """First and last day the search terms cover (within ``start..end``) and the months between them.

    Examples
    --------
    >>> rows = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-01-31"])})
    >>> first, last, months = measure_period(rows)
    >>> round(months, 3)
    1.018
    """
    f = search_terms
    starts = f["start_date"] if "start_date" in f.columns else pd.Series(pd.NaT, index=f.index)
    ends = f["end_date"] if "end_date" in f.columns else pd.Series(pd.NaT, index=f.index)
    if "date" in f.columns:
        starts, ends = starts.fillna(f["date"]), ends.fillna(f["date"])
    first, last = starts.min(), ends.max()
    if start is not None and pd.notna(first):
        first = max(first, pd.Timestamp(start))
    if end is not None and pd.notna(last):
        last = min(last, pd.Timestamp(end))
    if pd.isna(first) or pd.isna(last) or last < first:
        return pd.NaT, pd.NaT, float("nan")
    return first, last, ((last - first).days + 1) / DAYS_PER_MONTH


# --------------------------------------------------------------------------- n-grams
def _unique_terms(rows: pd.DataFrame) -> pd.DataFrame:
    """Per distinct search term (its cleaned text): the metrics summed, and clicks weighted by margin."""
    columns = [*_METRICS, "margin_clicks"] if "margin_clicks" in rows.columns else list(_METRICS)
    out = rows.groupby("search_term", sort=True)[columns].sum().reset_index()
    out.insert(1, "key", keyword_key(out["search_term"]))
    return out


def explode_ngrams(keys: pd.Series, max_n: int = 3) -> pd.DataFrame:
    """The distinct 1- to ``max_n``-word n-grams of each term: ``term`` (position in ``keys``), ``n``, ``ngram``.

    A term holds each n-gram once, however often it repeats it (``spoon rest spoon``: ``spoon`` once).
    Vectorised: one explode of the words, then n-grams from shifted word arrays; no loop over terms.

    Examples
    --------
    >>> explode_ngrams(pd.Series(["wooden spoon", "spoon"]), max_n=2).to_dict("records")
    [{'term': 0, 'n': 1, 'ngram': 'spoon'}, {'term': 0, 'n': 1, 'ngram': 'wooden'}, {'term': 0, 'n': 2, 'ngram': 'wooden spoon'}, {'term': 1, 'n': 1, 'ngram': 'spoon'}]
    """
    term, gram, grams = _ngram_pairs(keys, max_n)
    out = pd.DataFrame({"term": term, "n": grams["n"].to_numpy()[gram], "ngram": grams["ngram"].to_numpy()[gram]})
    out["ngram"] = out["ngram"].astype("str")
    return out.sort_values(["term", "n", "ngram"], kind="stable").reset_index(drop=True)


def _ngram_pairs(keys: pd.Series, max_n: int) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """(term position, n-gram id) pairs, each pair once, and the n-grams (``n``, ``ngram``) the ids name."""
    lists = pc.split_pattern(_arrow(_as_text(keys).reset_index(drop=True)), " ")
    words = lists.flatten()
    lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype("int64")
    offsets = lists.offsets.to_numpy(zero_copy_only=False).astype("int64")
    term = np.repeat(np.arange(len(lengths)), lengths)
    position = np.arange(len(words)) - offsets[:-1][term]
    nonempty = pc.not_equal(words, "").to_numpy(zero_copy_only=False)
    terms_out, ids_out, tables, base = [], [], [], 0
    for n in range(1, max_n + 1):
        starts = np.flatnonzero((position + n <= lengths[term]) & nonempty)
        gram = pc.take(words, starts)
        for k in range(1, n):
            gram = pc.binary_join_element_wise(gram, pc.take(words, starts + k), " ")
        encoded = pc.dictionary_encode(gram)
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype("int64")
        size = len(encoded.dictionary)
        _, first = np.unique(term[starts] * max(size, 1) + codes, return_index=True)  # a term holds a gram once
        terms_out.append(term[starts][first])
        ids_out.append(codes[first] + base)
        tables.append(pd.DataFrame({"n": n, "ngram": pd.Series(encoded.dictionary.to_pylist(), dtype="str")}))
        base += size
    grams = pd.concat(tables, ignore_index=True)
    return np.concatenate(terms_out), np.concatenate(ids_out), grams


def measure_ngrams(terms: pd.DataFrame, max_n: int = 3, confidence: float = 0.9) -> pd.DataFrame:
    """Impressions, clicks, spend, sales and orders of every 1- to 3-word root, with ACoS and CVR intervals.

    Each distinct term is aggregated first (``terms`` has one row per term), then its n-grams are
    exploded and joined back (:func:`explode_ngrams`): a root's totals are the sums over the terms that
    contain it, each term counted once per root. ``CVR`` has a Wilson interval (orders above clicks,
    possible within 7 days of a click, are capped at the clicks); ``ACoS`` a ratio-of-sums interval over
    the terms (delta method, :func:`sellerops.core.stats.ratio_intervals`). Where ``terms`` has
    ``margin_clicks`` (clicks times the money an order earns before ads), ``break_even_cvr`` is
    ``spend / margin_clicks`` and ``verdict`` says whether the CVR interval lies below it (``wastes
    money``), above it (``converts``) or straddles it (``unsure``).

    Parameters
    ----------
    terms : DataFrame
        ``key`` (words separated by single spaces), ``impressions, clicks, spend, sales, orders``
        (and ``margin_clicks``).
    max_n : int, default 3
    confidence : float, default 0.9
        Two-sided confidence of the intervals.

    Returns
    -------
    DataFrame
        ``n, ngram, terms, impressions, clicks, spend, sales, orders, ctr, cpc, cvr, cvr_lower,
        cvr_upper, acos, acos_lower, acos_upper, break_even_cvr, verdict``, sorted by ``n`` then spend
        (largest first) then ``ngram``.

    Examples
    --------
    >>> terms = pd.DataFrame({"key": ["wooden spoon", "spoon rest"], "impressions": [100, 50],
    ...     "clicks": [10, 5], "spend": [5.0, 3.0], "sales": [40.0, 0.0], "orders": [2, 0]})
    >>> grams = measure_ngrams(terms, max_n=1)
    >>> grams[["ngram", "terms", "clicks", "spend", "orders"]].to_dict("records")[0]
    {'ngram': 'spoon', 'terms': 2, 'clicks': 15.0, 'spend': 8.0, 'orders': 2.0}
    """
    t, codes, grams = _ngram_pairs(terms["key"], max_n)
    columns = [c for c in (*_METRICS, "margin_clicks") if c in terms.columns]
    values = {c: terms[c].to_numpy(dtype="float64", na_value=0.0) for c in columns}
    out = grams.assign(terms=np.bincount(codes, minlength=len(grams)).astype("int64"))
    out["n"] = out["n"].astype("int64")
    for c in columns:
        out[c] = np.bincount(codes, weights=values[c][t], minlength=len(grams))
    rows = pd.DataFrame({"g": codes, "spend": values["spend"][t], "sales": values["sales"][t]})
    acos = stats.ratio_intervals(rows, "g", "spend", "sales", confidence=confidence).set_index("g")
    out["ctr"] = metrics.ctr(out["clicks"], out["impressions"])
    out["cpc"] = metrics.cpc(out["spend"], out["clicks"])
    ci = stats.wilson_interval(np.minimum(out["orders"], out["clicks"]), out["clicks"], confidence)
    out["cvr"], out["cvr_lower"], out["cvr_upper"] = metrics.cvr(out["orders"], out["clicks"]), ci.lower, ci.upper
    out["acos"] = metrics.acos(out["spend"], out["sales"])
    out["acos_lower"] = acos["lower"].reindex(range(len(out))).to_numpy()
    out["acos_upper"] = acos["upper"].reindex(range(len(out))).to_numpy()
    if "margin_clicks" in out.columns:
        with np.errstate(all="ignore"):
            out["break_even_cvr"] = np.where(out["margin_clicks"] > 0, out["spend"] / out["margin_clicks"], np.nan)
        out = out.drop(columns="margin_clicks")
    else:
        out["break_even_cvr"] = np.nan
    verdict = stats.decide(out["cvr_lower"], out["cvr_upper"], out["break_even_cvr"])
    out["verdict"] = verdict.map({"below": "wastes money", "above": "converts", "unsure": "unsure"}).astype("str")
    out = out.sort_values(["n", "spend", "ngram"], ascending=[True, False, True], kind="stable")
    return out.reset_index(drop=True)


def describe_intervals(grams: pd.DataFrame) -> pd.DataFrame:
    """``cvr_interval`` and ``acos_interval`` as text (``"5.2%–7.6%"``) beside the numbers, for a compact table.

    Examples
    --------
    >>> g = pd.DataFrame({"cvr_lower": [0.052], "cvr_upper": [0.0761], "acos_lower": [float("nan")], "acos_upper": [0.5]})
    >>> describe_intervals(g)[["cvr_interval", "acos_interval"]].to_dict("records")
    [{'cvr_interval': '5.2%–7.6%', 'acos_interval': ''}]
    """
    out = grams.copy()
    for name in ("cvr", "acos"):
        low, high = out[f"{name}_lower"], out[f"{name}_upper"]
        text = [f"{a:.1%}–{b:.1%}" if a == a and b == b else "" for a, b in zip(low, high)]
        out[f"{name}_interval"] = pd.Series(text, index=out.index, dtype="str")
    return out


# --------------------------------------------------------------------------- unit economics
def map_ad_groups_to_products(
    advertised: pd.DataFrame | None = None,
    bulk: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which SKUs each ad group advertises, with the share of its ad spend (weights for break-even ACoS).

    From the advertised product report (spend per SKU; an ASIN-only report is mapped to SKUs through
    the product master), else from the bulk file's ``Product ad`` rows (equal weights).

    Returns
    -------
    DataFrame
        ``campaign, ad_group, sku, weight`` (weights sum to 1 per ad group).

    Examples
    --------
    >>> ads = pd.DataFrame({"campaign": ["C", "C"], "ad_group": ["G", "G"], "advertised_sku": ["A", "B"],
    ...                     "advertised_asin": ["X", "Y"], "spend": [3.0, 1.0]})
    >>> map_ad_groups_to_products(ads)["weight"].tolist()
    [0.75, 0.25]
    """
    columns = ["campaign", "ad_group", "sku", "weight"]
    asin_to_sku = {}
    if products is not None and {"asin", "sku"} <= set(products.columns):
        asin_to_sku = dict(zip(products["asin"].astype("str").str.upper(), products["sku"]))
    if advertised is not None and len(advertised):
        sku = (
            advertised["advertised_sku"]
            if "advertised_sku" in advertised.columns
            else pd.Series(None, index=advertised.index)
        )
        by_asin = advertised["advertised_asin"].astype("str").str.upper().map(asin_to_sku)
        frame = pd.DataFrame(
            {
                "campaign": _as_text(advertised["campaign"]),
                "ad_group": _as_text(advertised["ad_group"]),
                "sku": sku.fillna(by_asin),
                "spend": _number(advertised, "spend"),
            }
        ).dropna(subset=["sku"])
    elif bulk is not None and len(bulk) and "sku" in bulk.columns:
        ads = bulk[_entity(bulk) == "product ad"]
        names = _bulk_names(ads)
        sku = ads["sku"].where(ads["sku"].notna(), ads.get("asin", pd.Series(None, index=ads.index)).map(asin_to_sku))
        frame = pd.DataFrame(
            {"campaign": names["campaign"], "ad_group": names["ad_group"], "sku": sku, "spend": 1.0}
        ).dropna(subset=["sku", "campaign", "ad_group"])
    else:
        return pd.DataFrame(columns=columns)
    g = frame.groupby(["campaign", "ad_group", "sku"], sort=True)["spend"].sum().reset_index()
    total = g.groupby(["campaign", "ad_group"])["spend"].transform("sum")
    count = g.groupby(["campaign", "ad_group"])["spend"].transform("size")
    g["weight"] = np.where(total > 0, g["spend"] / total.where(total > 0, 1.0), 1.0 / count)
    return g[columns]


def measure_break_even(
    products: pd.DataFrame | None,
    transactions: pd.DataFrame | None,
    listings: pd.DataFrame | None = None,
    *,
    marketplace: str | None = None,
    usd_rates: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Break-even ACoS per SKU from :mod:`sellerops.analysis.margins` (empty without the inputs it needs).

    ``listings`` (the listing history) gives the price of SKUs without a sale, for ``marketplace`` only.
    """
    if products is None or transactions is None or not len(products) or not len(transactions):
        return pd.DataFrame(columns=["sku", "currency", "price", "break_even_acos"])
    fees = margins.measure_unit_fees(transactions)
    prices = None
    if listings is not None and len(listings) and {"sku", "currency", "price"} <= set(listings.columns):
        prices = listings
        if marketplace and "marketplace" in listings.columns:
            prices = listings[listings["marketplace"].isna() | (listings["marketplace"] == marketplace)]
    rates = {"USD": 1.0, **usd_rates} if usd_rates else None  # rates are values in USD: the dollar's is 1
    return margins.break_even_by_product(products, fees, usd_rates=rates, prices=prices)


def price_ad_groups(
    rows: pd.DataFrame,
    ad_group_products: pd.DataFrame,
    break_even: pd.DataFrame,
    *,
    target_acos: float,
) -> pd.DataFrame:
    """Per ad group: AOV, break-even ACoS and the money an order earns before ads (``margin_per_order``).

    AOV is the ad group's sales per order in the search terms; without an order, the advertised products'
    price; without that, the account's sales per order. Break-even ACoS is the advertised products'
    (weighted by ad spend); without one, ``target_acos`` stands in (``economics`` says which).

    Returns
    -------
    DataFrame
        ``campaign, ad_group, aov, break_even_acos, margin_per_order, economics``.

    Examples
    --------
    >>> rows = pd.DataFrame({"campaign": ["C"], "ad_group": ["G"], "sales": [40.0], "orders": [2.0]})
    >>> skus = pd.DataFrame({"campaign": ["C"], "ad_group": ["G"], "sku": ["A"], "weight": [1.0]})
    >>> be = pd.DataFrame({"sku": ["A"], "price": [21.0], "break_even_acos": [0.3]})
    >>> price_ad_groups(rows, skus, be, target_acos=0.2)[["aov", "break_even_acos", "margin_per_order"]].to_dict("records")
    [{'aov': 20.0, 'break_even_acos': 0.3, 'margin_per_order': 6.0}]
    """
    groups = rows.groupby(["campaign", "ad_group"], sort=True)[["sales", "orders"]].sum().reset_index()
    with np.errstate(all="ignore"):
        groups["aov"] = np.where(
            groups["orders"] > 0, groups["sales"] / groups["orders"].where(groups["orders"] > 0, 1), np.nan
        )
    account_orders = groups["orders"].sum()
    account_aov = groups["sales"].sum() / account_orders if account_orders > 0 else np.nan
    skus = ad_group_products.merge(break_even[["sku", "price", "break_even_acos"]], on="sku", how="inner")
    if len(skus):
        skus = skus.assign(wp=skus["weight"] * skus["price"], wb=skus["weight"] * skus["break_even_acos"])
        w = skus.groupby(["campaign", "ad_group"])[["weight", "wp", "wb"]].sum()
        product = pd.DataFrame({"price": w["wp"] / w["weight"], "be": w["wb"] / w["weight"]}).reset_index()
    else:
        product = pd.DataFrame(columns=["campaign", "ad_group", "price", "be"])
    groups = groups.merge(product, on=["campaign", "ad_group"], how="left")
    groups["aov"] = groups["aov"].fillna(groups["price"].astype("float64")).fillna(account_aov)
    measured = groups["be"].notna()
    groups["break_even_acos"] = groups["be"].astype("float64").fillna(target_acos)
    groups["margin_per_order"] = groups["aov"] * groups["break_even_acos"]
    groups["economics"] = np.where(
        measured, "break-even ACoS of the advertised products", "target ACoS (no break-even)"
    )
    return groups[["campaign", "ad_group", "aov", "break_even_acos", "margin_per_order", "economics"]]


# --------------------------------------------------------------------------- evidence per term
def judge_terms(
    rows: pd.DataFrame,
    *,
    confidence: float = 0.9,
    min_clicks: int = 5,
    rule_clicks: int = 10,
    target_acos: float = 0.22,
) -> pd.DataFrame:
    """The evidence of each customer search term in each ad group, and what the two rules decide.

    Rows from automatic, broad and phrase targeting (:data:`SOURCE_KINDS`) are summed per campaign, ad
    group and term. The conversion rate is shrunk toward the term's ad group (empirical Bayes,
    :func:`sellerops.core.stats.shrink_by_group`): the posterior is Beta(orders + alpha, clicks - orders
    + beta) with the ad group's fitted prior. ``p_break_even`` is the posterior probability that the
    true CVR reaches the break-even CVR (``cpc / margin_per_order``), ``p_target`` that it reaches the
    CVR at which the term runs at ``target_acos``.

    - evidence rule: ``negate`` when ``p_break_even < 1 - confidence`` and the term had at least
      ``min_clicks`` clicks (fewer: ``too few clicks``); the brand's own terms are never negated;
    - fixed rule: ``negate`` after ``rule_clicks`` clicks without an order.

    Parameters
    ----------
    rows : DataFrame
        From :func:`summarise_search_terms`, with ``margin_per_order``, ``aov``, ``break_even_acos``
        (:func:`price_ad_groups`) and ``term_class`` (:func:`classify_terms`) joined.

    Returns
    -------
    DataFrame
        One row per campaign, ad group and term: ``campaign, ad_group, search_term, key, match, term_class,
        impressions, clicks, spend, sales, orders, cpc, cvr, aov, break_even_acos, break_even_cvr,
        target_cvr, cvr_estimate, cvr_lower, cvr_upper, prior, p_break_even, p_target, evidence, rule,
        disagreement, campaign_id, ad_group_id``; ``cvr_lower``/``cvr_upper`` are the posterior's
        ``1 - confidence`` and ``confidence`` quantiles, so ``evidence == "negate"`` exactly when
        ``cvr_upper < break_even_cvr`` (with enough clicks).
    """
    source = rows[rows["match"].isin(SOURCE_KINDS)]
    keys = ["campaign", "ad_group", "search_term"]
    agg = {m: "sum" for m in _METRICS}
    agg |= {"key": "first", "term_class": "first", "aov": "first", "break_even_acos": "first"}
    agg |= {"margin_per_order": "first", "campaign_id": "first", "ad_group_id": "first"}  # first non-missing
    kinds = sorted(source["match"].dropna().unique())
    source = source.assign(**{f"_is_{k}": source["match"].eq(k) for k in kinds})
    agg |= {f"_is_{k}": "any" for k in kinds}
    g = source.groupby(keys, sort=True).agg(agg).reset_index()
    if g.empty:
        return pd.DataFrame(columns=_JUDGED_COLUMNS)
    g["match"] = _join_flags(g, kinds)
    capped = np.minimum(g["orders"], g["clicks"])
    g["orders_capped"] = capped
    shrunk = stats.shrink_by_group(
        g, ["campaign", "ad_group"], "orders_capped", "clicks", confidence=2 * confidence - 1
    )
    a = capped + shrunk["prior_alpha"]
    b = g["clicks"] - capped + shrunk["prior_beta"]
    g["cpc"] = metrics.cpc(g["spend"], g["clicks"])
    g["cvr"] = metrics.cvr(g["orders"], g["clicks"])
    with np.errstate(all="ignore"):
        g["break_even_cvr"] = g["cpc"] / g["margin_per_order"]
        g["target_cvr"] = g["cpc"] / (g["aov"] * target_acos)
    g["cvr_estimate"], g["cvr_lower"], g["cvr_upper"] = shrunk["estimate"], shrunk["lower"], shrunk["upper"]
    g["prior"] = shrunk["prior_fit"]
    g["p_break_even"] = pd.Series(sps.beta.sf(g["break_even_cvr"], a, b), index=g.index).where(g["clicks"] > 0)
    g["p_target"] = pd.Series(sps.beta.sf(g["target_cvr"], a, b), index=g.index).where(g["clicks"] > 0)
    enough = g["clicks"] >= min_clicks
    brand = g["term_class"] == "brand"
    g["evidence"] = np.select(
        [~enough, brand, g["p_break_even"] < 1 - confidence],
        ["too few clicks", "keep (own brand)", "negate"],
        default="keep",
    )
    g["rule"] = np.where((g["clicks"] >= rule_clicks) & (g["orders"] == 0), "negate", "keep")
    ev, ru = g["evidence"] == "negate", g["rule"] == "negate"
    g["disagreement"] = np.select(
        [ev & ~ru, ru & ~ev], ["evidence negates, rule keeps", "rule negates, evidence keeps"], default=""
    )
    for column in ("evidence", "rule", "disagreement"):
        g[column] = g[column].astype("str")
    return g[_JUDGED_COLUMNS]


_JUDGED_COLUMNS = [
    "campaign",
    "ad_group",
    "search_term",
    "key",
    "match",
    "term_class",
    *_METRICS,
    "cpc",
    "cvr",
    "aov",
    "break_even_acos",
    "break_even_cvr",
    "target_cvr",
    "cvr_estimate",
    "cvr_lower",
    "cvr_upper",
    "prior",
    "p_break_even",
    "p_target",
    "evidence",
    "rule",
    "disagreement",
    "campaign_id",
    "ad_group_id",
]


def bulk_text_problem(text: str, match_type: str = "exact") -> str:
    """Why Amazon's bulk upload would refuse ``text`` as keyword text ('' when it would take it).

    Examples
    --------
    >>> bulk_text_problem("=cmd"), bulk_text_problem("bath mat")
    ('starts with =, which Amazon refuses (kept as text in the CSV)', '')
    """
    if not isinstance(text, str) or not text.strip():
        return "blank keyword text"
    if text.startswith(FORMULA_TRIGGERS):
        return f"starts with {text[0]}, which Amazon refuses (kept as text in the CSV)"
    if len(text) > KEYWORD_MAX_CHARACTERS:
        return f"longer than {KEYWORD_MAX_CHARACTERS} characters"
    if len(text.split()) > KEYWORD_MAX_WORDS:
        return f"more than {KEYWORD_MAX_WORDS} words"
    return ""


def find_negatives(judged: pd.DataFrame, months: float = float("nan")) -> pd.DataFrame:
    """The terms the evidence rule negates (negative exact in their ad group), costliest first.

    ASIN terms are left out (a product page is excluded with a negative product target, not a keyword).

    Returns
    -------
    DataFrame
        ``campaign, ad_group, search_term, match, term_class, clicks, orders, spend, sales, cpc, cvr,
        break_even_cvr, cvr_upper, p_break_even, rule, spend_per_month, keyword_text, match_type,
        campaign_id, ad_group_id``.
    """
    f = judged[(judged["evidence"] == "negate") & (judged["term_class"] != "ASIN")].copy()
    f["spend_per_month"] = f["spend"] / months if months and months > 0 else np.nan
    f["keyword_text"] = f["search_term"]
    f["match_type"] = "negativeExact"
    f = f.sort_values(
        ["spend", "campaign", "ad_group", "search_term"], ascending=[False, True, True, True], kind="stable"
    )
    return f[_NEGATIVE_COLUMNS].reset_index(drop=True)


_NEGATIVE_COLUMNS = [
    "campaign",
    "ad_group",
    "search_term",
    "match",
    "term_class",
    "clicks",
    "orders",
    "spend",
    "sales",
    "cpc",
    "cvr",
    "break_even_cvr",
    "cvr_upper",
    "p_break_even",
    "rule",
    "spend_per_month",
    "keyword_text",
    "match_type",
    "campaign_id",
    "ad_group_id",
]


def compare_rules(judged: pd.DataFrame, months: float = float("nan")) -> pd.DataFrame:
    """The terms where the evidence rule and the fixed rule disagree, with the money at stake per month.

    ``spend_per_month`` is what the rule that keeps the term goes on paying (or what the rule that negates
    it saves); ``expected_sales_per_month`` what keeping it should bring at its shrunk CVR
    (``cvr_estimate × clicks × AOV``).
    """
    f = judged[judged["disagreement"] != ""].copy()
    per = months if months and months > 0 else np.nan
    f["spend_per_month"] = f["spend"] / per
    f["sales_per_month"] = f["sales"] / per
    f["expected_sales_per_month"] = f["cvr_estimate"] * f["clicks"] * f["aov"] / per
    f = f.sort_values(["disagreement", "spend", "search_term"], ascending=[True, False, True], kind="stable")
    columns = ["disagreement", "campaign", "ad_group", "search_term", "clicks", "orders", "spend", "sales"]
    columns += ["break_even_cvr", "cvr_estimate", "p_break_even", "spend_per_month", "sales_per_month"]
    columns += ["expected_sales_per_month"]
    return f[columns].reset_index(drop=True)


def find_exact_keywords(
    rows: pd.DataFrame, targeting: pd.DataFrame | None = None, bulk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The seller's exact keywords: ``campaign, ad_group, key`` from the search terms, targeting and bulk reports.

    Examples
    --------
    >>> rows = pd.DataFrame({"campaign": ["C", "C"], "ad_group": ["G", "G"], "targeting": ["Bath Mats", "close-match"],
    ...                      "match": ["exact", "auto"]})
    >>> find_exact_keywords(rows)["key"].tolist()
    ['bath mat']
    """
    parts = [rows.loc[rows["match"] == "exact", ["campaign", "ad_group", "targeting"]]]
    if targeting is not None and len(targeting):
        kind = classify_match(targeting["targeting"], targeting["match_type"])
        t = targeting.loc[kind == "exact", ["campaign", "ad_group", "targeting"]]
        parts.append(pd.DataFrame({c: _as_text(t[c]) for c in t.columns}))
    if bulk is not None and len(bulk) and "keyword_text" in bulk.columns:
        kw = bulk[(_entity(bulk) == "keyword") & (_as_text(bulk["match_type"]).str.lower() == "exact")]
        if "state" in kw.columns:
            kw = kw[_as_text(kw["state"]).str.lower() != "archived"]
        names = _bulk_names(kw)
        parts.append(
            pd.DataFrame(
                {"campaign": names["campaign"], "ad_group": names["ad_group"], "targeting": kw["keyword_text"]}
            )
        )
    f = pd.concat(parts, ignore_index=True).dropna(subset=["targeting"])
    f = f.assign(key=keyword_key(f["targeting"]))[["campaign", "ad_group", "key"]]
    return f.drop_duplicates().sort_values(["campaign", "ad_group", "key"], kind="stable").reset_index(drop=True)


def choose_destinations(
    exact: pd.DataFrame, ad_group_products: pd.DataFrame, rows: pd.DataFrame, term_classes: pd.Series | None = None
) -> pd.DataFrame:
    """For each ad group's products, the exact-match ad group a harvested term should go to.

    Candidates are ad groups with exact keywords that advertise a SKU of the source ad group and whose
    keywords are not all the brand's own (a brand-defence group is no home for generic terms); the one
    with the most ad spend wins. Returns ``sku, destination_campaign, destination_ad_group``.
    """
    if exact.empty or ad_group_products.empty:
        return pd.DataFrame(columns=["sku", "destination_campaign", "destination_ad_group"])
    ex = exact.copy()
    if term_classes is not None:
        ex["brand"] = term_classes.reindex(ex.index).to_numpy() == "brand"
        share = ex.groupby(["campaign", "ad_group"])["brand"].mean()
        ex = ex.merge(share.rename("brand_share").reset_index(), on=["campaign", "ad_group"])
        ex = ex[ex["brand_share"] < 1]
    groups = ex[["campaign", "ad_group"]].drop_duplicates()
    spend = rows.groupby(["campaign", "ad_group"])["spend"].sum().rename("spend").reset_index()
    cand = groups.merge(ad_group_products, on=["campaign", "ad_group"]).merge(
        spend, on=["campaign", "ad_group"], how="left"
    )
    cand = cand.sort_values(
        ["sku", "spend", "campaign", "ad_group"], ascending=[True, False, True, True], kind="stable"
    )
    best = cand.drop_duplicates("sku")
    return best.rename(columns={"campaign": "destination_campaign", "ad_group": "destination_ad_group"})[
        ["sku", "destination_campaign", "destination_ad_group"]
    ].reset_index(drop=True)


def find_harvest(
    judged: pd.DataFrame,
    exact: pd.DataFrame,
    *,
    destinations: pd.DataFrame | None = None,
    ad_group_products: pd.DataFrame | None = None,
    min_orders: int = 3,
    confidence: float = 0.9,
    target_acos: float = 0.22,
    bid_limits: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Converting customer search terms that are not yet exact keywords, ranked by evidence, with a starting bid.

    A term is a candidate when it has at least ``min_orders`` orders in one ad group and the
    probability that its shrunk CVR reaches the CVR of ``target_acos`` (``p_target``) is at least
    ``confidence``, and no ad group of the marketplace has it as an exact keyword. Per term the ad group
    with the most orders is its source. ``max_bid`` is the CPC at which the term would run at the target
    ACoS, never above break-even: ``cvr_estimate × AOV × min(target ACoS, break-even ACoS)``; the
    ``suggested_bid`` starts at the CPC the term paid plus :data:`STARTING_BID_UPLIFT`, never above
    ``max_bid``, in cents (and within ``bid_limits``).

    Returns
    -------
    DataFrame
        ``search_term, campaign, ad_group, match, term_class, clicks, orders, sales, spend, acos, cvr,
        cvr_estimate, cvr_lower, p_target, cpc, max_bid, suggested_bid, destination_campaign,
        destination_ad_group, keyword_text, match_type``, ranked by ``p_target`` then orders.
    """
    f = judged[(judged["term_class"] != "ASIN") & (judged["orders"] >= min_orders) & (judged["p_target"] >= confidence)]
    f = f[~f["key"].isin(set(exact["key"]))]
    f = f.sort_values(["orders", "clicks", "campaign", "ad_group"], ascending=[False, False, True, True], kind="stable")
    f = f.drop_duplicates("key").copy()
    f["acos"] = metrics.acos(f["spend"], f["sales"])
    f["max_bid"] = (f["cvr_estimate"] * f["aov"] * np.minimum(target_acos, f["break_even_acos"])).round(2)
    bid = np.minimum(f["cpc"] * (1 + STARTING_BID_UPLIFT), f["max_bid"])
    if bid_limits is not None:
        bid = bid.clip(lower=bid_limits[0], upper=bid_limits[1])
    f["suggested_bid"] = bid.round(2)
    f["destination_campaign"], f["destination_ad_group"] = None, None
    if destinations is not None and len(destinations) and ad_group_products is not None and len(ad_group_products):
        skus = ad_group_products.sort_values(
            ["campaign", "ad_group", "weight", "sku"], ascending=[True, True, False, True]
        )
        main = skus.drop_duplicates(["campaign", "ad_group"])[["campaign", "ad_group", "sku"]]
        merged = f[["campaign", "ad_group"]].merge(main, how="left").merge(destinations, on="sku", how="left")
        f["destination_campaign"] = merged["destination_campaign"].to_numpy()
        f["destination_ad_group"] = merged["destination_ad_group"].to_numpy()
    f["keyword_text"] = f["search_term"]
    f["match_type"] = "exact"
    f = f.sort_values(["p_target", "orders", "search_term"], ascending=[False, False, True], kind="stable")
    columns = ["search_term", "campaign", "ad_group", "match", "term_class", "clicks", "orders", "sales", "spend"]
    columns += ["acos", "cvr", "cvr_estimate", "cvr_lower", "p_target", "cpc", "max_bid", "suggested_bid"]
    columns += ["destination_campaign"]
    columns += ["destination_ad_group", "keyword_text", "match_type"]
    return f[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- brand / competitor / generic
def classify_spend(terms: pd.DataFrame) -> pd.DataFrame:
    """Spend, sales and orders per term class, with each class' share of spend and sales and its ACoS.

    Examples
    --------
    >>> terms = pd.DataFrame({"term_class": ["brand", "generic", "generic"], "clicks": [5, 10, 5],
    ...     "spend": [1.0, 2.0, 1.0], "sales": [30.0, 10.0, 0.0], "orders": [2, 1, 0]})
    >>> classify_spend(terms)[["term_class", "terms", "spend_share", "sales_share"]].to_dict("records")
    [{'term_class': 'brand', 'terms': 1, 'spend_share': 0.25, 'sales_share': 0.75}, {'term_class': 'generic', 'terms': 2, 'spend_share': 0.75, 'sales_share': 0.25}]
    """
    order = ["brand", "competitor", "generic", "ASIN"]
    g = terms.groupby("term_class", sort=False).agg(
        terms=("term_class", "size"),
        clicks=("clicks", "sum"),
        spend=("spend", "sum"),
        sales=("sales", "sum"),
        orders=("orders", "sum"),
    )
    g = g.reindex([c for c in order if c in g.index]).reset_index()
    g["terms"] = g["terms"].astype("int64")
    g["spend_share"] = metrics._ratio(g["spend"], g["spend"].sum())
    g["sales_share"] = metrics._ratio(g["sales"], g["sales"].sum())
    g["acos"] = metrics.acos(g["spend"], g["sales"])
    g["cvr"] = metrics.cvr(g["orders"], g["clicks"])
    return g


# --------------------------------------------------------------------------- keyword research
def _competition(frame: pd.DataFrame, kind: str, column: str) -> tuple[pd.Series, str]:
    col = column or COMPETITION_DEFAULTS[kind]
    if col not in frame.columns:
        return pd.Series(np.nan, index=frame.index), ""
    values = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    if col == "ease_of_ranking_score":
        return EASE_SCALE - values, f"{TOOL_LABELS[kind]} {EASE_SCALE:g} − Ease of Ranking Score"
    return values, f"{TOOL_LABELS[kind]} {COMPETITION_LABELS[col]}"


def merge_research(
    research: Mapping[str, pd.DataFrame], sqp: pd.DataFrame | None = None, competition_column: str = ""
) -> pd.DataFrame:
    """One row per keyword across the research exports (keys folded by :func:`keyword_key`).

    Per keyword: ``search_volume`` is the median of the tools' monthly volumes (Search Query Performance's
    only where no tool has the keyword); ``competition`` the first tool's value in :data:`RESEARCH_KINDS`
    order (scales differ between tools: never averaged); ``cpc`` the first suggested bid; ``keyword`` the
    spelling of the first tool.

    Parameters
    ----------
    research : mapping
        Kind -> canonical frame, for the kinds of :data:`RESEARCH_KINDS` present.
    sqp : DataFrame, optional
        The ``brand_analytics_sqp`` frame.
    competition_column : str
        ``""`` for the per-tool defaults (:data:`COMPETITION_DEFAULTS`), or one of
        :data:`COMPETITION_COLUMNS` for every tool that has it.

    Returns
    -------
    DataFrame
        ``keyword, key, words, search_volume, competition, competition_source, cpc, tools``.

    Raises
    ------
    ValueError
        For an unknown ``competition_column``.
    """
    if competition_column not in ("", *COMPETITION_COLUMNS):
        raise ValueError(
            f"competition_column must be empty (each tool's default) or one of {list(COMPETITION_COLUMNS)}, "
            f"got {competition_column!r}"
        )
    parts = []
    for rank, kind in enumerate(RESEARCH_KINDS):
        frame = research.get(kind)
        if frame is None or not len(frame):
            continue
        competition, source = _competition(frame, kind, competition_column)
        cpc = frame[CPC_COLUMNS[kind]] if CPC_COLUMNS[kind] in frame.columns else pd.Series(np.nan, index=frame.index)
        parts.append(
            pd.DataFrame(
                {
                    "keyword": clean_terms(frame["keyword"]),
                    "volume": pd.to_numeric(frame[VOLUME_COLUMNS[kind]], errors="coerce").astype("float64"),
                    "competition": competition,
                    "competition_source": np.where(competition.notna(), source, ""),
                    "cpc": pd.to_numeric(cpc, errors="coerce").astype("float64"),
                    "tool": TOOL_LABELS[kind],
                    "rank": rank,
                }
            )
        )
    if sqp is not None and len(sqp):
        q = sqp.assign(keyword=clean_terms(sqp["search_query"]))
        date = q["reporting_date"] if "reporting_date" in q.columns else pd.Series(pd.NaT, index=q.index)
        per_date = q.assign(d=date.fillna(pd.Timestamp(0))).groupby(["keyword", "d"])["search_query_volume"].max()
        volume = per_date.groupby(level=0).mean()
        parts.append(
            pd.DataFrame(
                {
                    "keyword": volume.index.astype("str"),
                    "volume": volume.to_numpy(dtype="float64"),
                    "competition": np.nan,
                    "competition_source": "",
                    "cpc": np.nan,
                    "tool": TOOL_LABELS["brand_analytics_sqp"],
                    "rank": len(RESEARCH_KINDS),
                }
            )
        )
    columns = ["keyword", "key", "words", "search_volume", "competition", "competition_source", "cpc", "tools"]
    if not parts:
        return pd.DataFrame(columns=columns)
    f = pd.concat(parts, ignore_index=True)
    f = f[f["keyword"] != ""]
    f["key"] = keyword_key(f["keyword"])
    f = f.sort_values(["key", "rank", "volume"], ascending=[True, True, False], kind="stable")
    f = f.drop_duplicates(["key", "tool"])  # one row per tool: its largest volume for the key
    tools_volume = f[f["tool"] != TOOL_LABELS["brand_analytics_sqp"]].groupby("key")["volume"].median()
    sqp_volume = f[f["tool"] == TOOL_LABELS["brand_analytics_sqp"]].groupby("key")["volume"].median()
    first = f.drop_duplicates("key").set_index("key")
    with_comp = f[f["competition"].notna()].drop_duplicates("key").set_index("key")
    with_cpc = f[f["cpc"].notna()].drop_duplicates("key").set_index("key")
    out = pd.DataFrame(index=first.index)
    out["keyword"] = first["keyword"]
    out["search_volume"] = tools_volume.reindex(out.index).fillna(sqp_volume.reindex(out.index))
    out["competition"] = with_comp["competition"].reindex(out.index)
    out["competition_source"] = with_comp["competition_source"].reindex(out.index).fillna("")
    out["cpc"] = with_cpc["cpc"].reindex(out.index)
    out["tools"] = f.groupby("key")["tool"].agg(lambda s: ", ".join(s)).reindex(out.index)
    out = out.reset_index()
    out["words"] = out["key"].str.split(" ").str.len().astype("int64")
    return out[columns]


def build_vocabulary(products: pd.DataFrame | None, rows: pd.DataFrame | None = None) -> frozenset[str]:
    """The words of the seller's products: product titles (the product master), else the targeted keywords
    and converting search terms; folded like keys, without stop words and numbers.

    Examples
    --------
    >>> sorted(build_vocabulary(pd.DataFrame({"title": ["Brightnest Bath Mats, 17x24"]})))
    ['bath', 'brightnest', 'mat']
    """
    if products is not None and "title" in products.columns and products["title"].notna().any():
        text = products["title"].dropna()
    elif rows is not None and len(rows):
        keep = rows["match"].isin(("exact", "phrase", "broad"))
        text = pd.concat([rows.loc[keep, "targeting"], rows.loc[rows["orders"] > 0, "search_term"]])
    else:
        return frozenset()
    words = keyword_key(text).str.split(" ").explode().dropna()
    words = words[(words != "") & ~words.isin(STOP_WORDS) & words.str.fullmatch(r"[^\W\d_]+")]
    return frozenset(words.unique())


def measure_relevance(keys: pd.Series, vocabulary: frozenset[str]) -> pd.Series:
    """Share of a keyword's content words (no stop words, no numbers) that the seller's products use.

    Examples
    --------
    >>> measure_relevance(pd.Series(["bath mat for tub", "dog bed"]), frozenset({"bath", "mat"})).tolist()
    [0.666..., 0.0]
    """
    words = _as_text(keys).str.split(" ").explode()
    content = words.notna() & (words != "") & ~words.isin(STOP_WORDS) & words.str.fullmatch(r"[^\W\d_]+").fillna(False)
    known = content & words.isin(vocabulary)
    share = known.groupby(level=0).sum() / content.groupby(level=0).sum()
    return share.reindex(keys.index).fillna(0.0).astype("float64")


def _mid_percentile(values: pd.Series) -> pd.Series:
    """``(rank - 1/2) / n`` among the values present (ties averaged): symmetric, never 0 or 1."""
    return (values.rank(method="average") - 0.5) / values.notna().sum()


def score_keywords(universe: pd.DataFrame, vocabulary: frozenset[str]) -> pd.DataFrame:
    """The opportunity score of every research keyword, 0 to 100.

    ``opportunity = 100 × relevance × (0.4 × volume rank + 0.4 × (1 - competition rank) + 0.2 × (1 - CPC rank))``

    Ranks are mid-percentiles among the research keywords, ``(rank - 1/2) / n`` between 0 and 1 (ties share
    their rank); a keyword without a competition value or a suggested bid counts as the middle (0.5) for
    that part; relevance is
    :func:`measure_relevance` (0 for a keyword none of whose words the seller's products use).

    Examples
    --------
    >>> u = pd.DataFrame({"key": ["bath mat", "dog bed"], "search_volume": [100.0, 50.0], "competition": [10.0, 40.0],
    ...                   "cpc": [0.5, 1.0]})
    >>> score_keywords(u, frozenset({"bath", "mat"}))["opportunity_score"].tolist()
    [75.0, 0.0]
    """
    out = universe.copy()
    w = SCORE_WEIGHTS
    volume = _mid_percentile(out["search_volume"]).fillna(0.0)
    competition = (1 - _mid_percentile(out["competition"])).fillna(0.5)
    cpc = (1 - _mid_percentile(out["cpc"])).fillna(0.5)
    out["relevance"] = measure_relevance(out["key"], vocabulary)
    score = 100 * out["relevance"] * (w["volume"] * volume + w["competition"] * competition + w["cpc"] * cpc)
    out["opportunity_score"] = score.round(1)
    return out


def find_long_tail(
    universe: pd.DataFrame,
    rows: pd.DataFrame,
    targeted_keys: set[str],
    *,
    min_volume: float = 10_000,
    max_competition: float = 50,
    min_words: int = 3,
) -> pd.DataFrame:
    """Mark each research keyword's place in the seller's ads, and the keywords that meet the long-tail rule.

    ``status``: ``targeted`` (a keyword of the seller's ads), ``converts in search terms`` (a customer
    search term with an order), ``searched, no order`` (a search term without one) or ``untouched``.
    ``long_tail``: volume > ``min_volume``, competition < ``max_competition``, ``min_words`` words or more.

    Returns
    -------
    DataFrame
        The universe with ``ad_clicks, ad_orders, ad_sales, status, long_tail``, long-tail keywords first,
        then by opportunity score.
    """
    per_key = rows.groupby("key")[["clicks", "orders", "sales"]].sum()
    out = universe.copy()
    out["ad_clicks"] = per_key["clicks"].reindex(out["key"]).fillna(0.0).to_numpy()
    out["ad_orders"] = per_key["orders"].reindex(out["key"]).fillna(0.0).to_numpy()
    out["ad_sales"] = per_key["sales"].reindex(out["key"]).fillna(0.0).to_numpy()
    seen = out["key"].isin(set(per_key.index))
    out["status"] = np.select(
        [out["key"].isin(targeted_keys), seen & (out["ad_orders"] > 0), seen],
        ["targeted", "converts in search terms", "searched, no order"],
        default="untouched",
    )
    out["status"] = out["status"].astype("str")
    out["long_tail"] = (
        (out["search_volume"] > min_volume) & (out["competition"] < max_competition) & (out["words"] >= min_words)
    ).fillna(False)
    sort = ["long_tail", "opportunity_score", "search_volume", "keyword"]
    if "opportunity_score" not in out.columns:
        sort.remove("opportunity_score")
    out = out.sort_values(sort, ascending=[False] + [False] * (len(sort) - 2) + [True], kind="stable")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- Search Query Performance
def measure_query_shares(sqp: pd.DataFrame, confidence: float = 0.9) -> pd.DataFrame:
    """The brand's share of each query's impressions, clicks, cart adds and purchases, and its problems.

    Counts are summed over the reporting periods (an ASIN view's per-ASIN rows share the query's totals,
    which are taken once per period). The brand's conversion (its purchases over its clicks) gets a
    Wilson interval and is compared with the market's (all purchases over all clicks):

    - ``listing``: the brand wins clicks but loses purchases: its conversion interval lies below the
      market's conversion (its purchase share is below its click share, beyond chance);
    - ``visibility``: it converts better than the market (the interval lies above) but its impression
      share is below the median of the queries.

    Returns
    -------
    DataFrame
        ``search_query, search_query_volume, impressions_share, clicks_share, cart_adds_share,
        purchases_share, brand_cvr, brand_cvr_lower, brand_cvr_upper, market_cvr, problem`` plus the
        counts; by volume, largest first.
    """
    stages = ("impressions", "clicks", "cart_adds", "purchases")
    q = sqp.assign(search_query=clean_terms(sqp["search_query"]))
    date = q["reporting_date"] if "reporting_date" in q.columns else pd.Series(pd.NaT, index=q.index)
    q = q.assign(d=date.fillna(pd.Timestamp(0)))
    agg = {"search_query_volume": "max"} | {f"{s}_total": "max" for s in stages} | {f"{s}_own": "sum" for s in stages}
    agg = {k: v for k, v in agg.items() if k in q.columns}
    per = q.groupby(["search_query", "d"]).agg(agg)
    out = per.groupby(level=0).sum().astype("float64")
    for s in stages:
        if f"{s}_own" in out.columns and f"{s}_total" in out.columns:
            out[f"{s}_share"] = metrics._ratio(out[f"{s}_own"], out[f"{s}_total"])
    out["brand_cvr"] = metrics.cvr(out["purchases_own"], out["clicks_own"])
    ci = stats.wilson_interval(np.minimum(out["purchases_own"], out["clicks_own"]), out["clicks_own"], confidence)
    out["brand_cvr_lower"], out["brand_cvr_upper"] = ci.lower, ci.upper
    out["market_cvr"] = metrics.cvr(out["purchases_total"], out["clicks_total"])
    verdict = stats.decide(out["brand_cvr_lower"], out["brand_cvr_upper"], out["market_cvr"])
    low_reach = out["impressions_share"] < out["impressions_share"].median()
    out["problem"] = np.select(
        [verdict == "below", (verdict == "above") & low_reach],
        ["listing: wins clicks, loses purchases", "visibility: converts, few impressions"],
        default="",
    )
    out["problem"] = out["problem"].astype("str")
    out = out.reset_index().sort_values(["search_query_volume", "search_query"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- bulk download
def _entity(bulk: pd.DataFrame) -> pd.Series:
    return (
        _as_text(bulk["entity"]).str.strip().str.casefold()
        if "entity" in bulk.columns
        else pd.Series("", index=bulk.index)
    )


def _bulk_names(bulk: pd.DataFrame) -> pd.DataFrame:
    """Campaign and ad group names of bulk rows: the informational columns, else the editable ones."""

    def pick(info: str, editable: str) -> pd.Series:
        a = bulk[info] if info in bulk.columns else pd.Series(None, index=bulk.index, dtype="str")
        b = bulk[editable] if editable in bulk.columns else pd.Series(None, index=bulk.index, dtype="str")
        return a.fillna(b)

    return pd.DataFrame({"campaign": pick("campaign", "campaign_name"), "ad_group": pick("ad_group", "ad_group_name")})


def index_bulk(bulk: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The IDs of a bulk download: ``ad_groups`` (``campaign, ad_group, campaign_id, ad_group_id``) and
    ``negatives`` (``campaign_id, ad_group_id, key, match_type``: negative keywords that exist already).

    Examples
    --------
    >>> bulk = pd.DataFrame({"entity": ["Campaign", "Ad Group"], "campaign_id": ["1", "1"], "ad_group_id": [None, "2"],
    ...                      "campaign": ["C", "C"], "ad_group": [None, "G"]})
    >>> index_bulk(bulk)["ad_groups"].to_dict("records")
    [{'campaign': 'C', 'ad_group': 'G', 'campaign_id': '1', 'ad_group_id': '2'}]
    """
    empty = {
        "ad_groups": pd.DataFrame(columns=["campaign", "ad_group", "campaign_id", "ad_group_id"]),
        "negatives": pd.DataFrame(columns=["campaign_id", "ad_group_id", "key", "match_type"]),
    }
    if bulk is None or not len(bulk):
        return empty
    names = _bulk_names(bulk)
    f = pd.DataFrame(
        {
            "campaign": names["campaign"],
            "ad_group": names["ad_group"],
            "campaign_id": bulk["campaign_id"],
            "ad_group_id": bulk["ad_group_id"] if "ad_group_id" in bulk.columns else None,
        }
    )
    groups = f.dropna(subset=["campaign", "ad_group", "campaign_id", "ad_group_id"]).drop_duplicates()
    groups = groups.sort_values(["campaign", "ad_group"], kind="stable").reset_index(drop=True)
    entity = _entity(bulk)
    neg = bulk[entity.isin(("negative keyword", "campaign negative keyword"))]
    if len(neg) and "keyword_text" in neg.columns:
        if "state" in neg.columns:
            neg = neg[_as_text(neg["state"]).str.lower() != "archived"]
        negatives = pd.DataFrame(
            {
                "campaign_id": neg["campaign_id"],
                "ad_group_id": neg["ad_group_id"] if "ad_group_id" in neg.columns else None,
                "key": keyword_key(neg["keyword_text"]),
                "match_type": neg["match_type"] if "match_type" in neg.columns else None,
            }
        ).reset_index(drop=True)
    else:
        negatives = empty["negatives"]
    return {"ad_groups": groups, "negatives": negatives}


def link_ids(frame: pd.DataFrame, campaign: str, ad_group: str, ad_groups: pd.DataFrame) -> pd.DataFrame:
    """``campaign_id``, ``ad_group_id`` and ``id_match`` for the (campaign name, ad group name) of each row.

    Names are joined exactly first; a row that does not match is joined case-insensitively where that
    names one ad group (``id_match = "case-insensitive"``, flagged); otherwise it gets no ID
    (``"not found"``): no guessing.

    Examples
    --------
    >>> groups = pd.DataFrame({"campaign": ["Mats"], "ad_group": ["G"], "campaign_id": ["1"], "ad_group_id": ["2"]})
    >>> link_ids(pd.DataFrame({"c": ["Mats", "mats", "Rugs"], "g": ["G"] * 3}), "c", "g", groups)["id_match"].tolist()
    ['exact', 'case-insensitive', 'not found']
    """
    out = pd.DataFrame(index=frame.index)
    left = pd.DataFrame(
        {"campaign": frame[campaign].to_numpy(), "ad_group": frame[ad_group].to_numpy()}, index=frame.index
    )
    exact = left.reset_index().merge(ad_groups, on=["campaign", "ad_group"], how="left").set_index("index")
    exact = exact[~exact.index.duplicated()]
    folded = ad_groups.assign(cf=ad_groups["campaign"].str.casefold(), gf=ad_groups["ad_group"].str.casefold())
    unique = folded.drop_duplicates(["cf", "gf"], keep=False)
    loose = (
        left.assign(cf=left["campaign"].astype("str").str.casefold(), gf=left["ad_group"].astype("str").str.casefold())
        .reset_index()
        .merge(unique[["cf", "gf", "campaign_id", "ad_group_id"]], on=["cf", "gf"], how="left")
        .set_index("index")
    )
    out["campaign_id"] = exact["campaign_id"].reindex(frame.index)
    out["ad_group_id"] = exact["ad_group_id"].reindex(frame.index)
    found = out["campaign_id"].notna()
    out["campaign_id"] = out["campaign_id"].fillna(loose["campaign_id"].reindex(frame.index))
    out["ad_group_id"] = out["ad_group_id"].fillna(loose["ad_group_id"].reindex(frame.index))
    out["id_match"] = np.select([found, out["campaign_id"].notna()], ["exact", "case-insensitive"], default="not found")
    out["id_match"] = out["id_match"].astype("str")
    return out


def covered_by_negatives(actions: pd.DataFrame, negatives: pd.DataFrame) -> np.ndarray:
    """Whether each proposed negative is already in the account: the same exact negative, or a negative phrase
    whose words it contains, in its ad group or its campaign.

    Examples
    --------
    >>> actions = pd.DataFrame({"campaign_id": ["1", "1", "1"], "ad_group_id": ["2", "2", "2"],
    ...                         "keyword_text": ["cheap mat", "plastic spoon", "mat"]})
    >>> negatives = pd.DataFrame({"campaign_id": ["1", "1"], "ad_group_id": ["2", None], "key": ["cheap mat", "plastic"],
    ...                           "match_type": ["negativeExact", "negativePhrase"]})
    >>> covered_by_negatives(actions, negatives).tolist()
    [True, True, False]
    """
    if actions.empty or negatives.empty:
        return np.zeros(len(actions), dtype=bool)
    keys = keyword_key(actions["keyword_text"]).tolist()
    phrase = _as_text(negatives.get("match_type", pd.Series("", index=negatives.index))).str.lower() == "negativephrase"
    rules: dict[tuple, list[tuple[str, bool]]] = {}
    for c, g, k, p in zip(negatives["campaign_id"], negatives["ad_group_id"], negatives["key"], phrase):
        rules.setdefault((c, None if pd.isna(g) else g), []).append((k, bool(p)))
    out = []
    for c, g, key in zip(actions["campaign_id"], actions["ad_group_id"], keys):
        found = False
        for k, is_phrase in rules.get((c, g), []) + rules.get((c, None), []):
            if key == k or (is_phrase and f" {k} " in f" {key} "):
                found = True
                break
        out.append(found)
    return np.array(out, dtype=bool)


def link_bulk_ids(
    negatives: pd.DataFrame, harvest: pd.DataFrame, rows: pd.DataFrame, bulk: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The IDs of every action, and the rows an Amazon Ads bulk sheet can take.

    IDs come from the bulk download (its names joined as :func:`link_ids` does), else from the search-term
    report where it carries them (the Ads API's). Each action table gets ``campaign_id, ad_group_id,
    id_match, bulk_note``: ``bulk_note`` is empty for a row in the bulk sheet, else why it is not (no ID,
    keyword text Amazon refuses, a negative that exists already, no exact ad group to add the keyword to).

    Returns
    -------
    negatives, harvest, bulk_negatives, bulk_keywords
        The action tables with the ID columns, and the tidy tables for
        :func:`sellerops.show.actions.write_bulksheet` (``campaign_id, ad_group_id, keyword_text,
        match_type`` and ``bid``).
    """
    index = index_bulk(bulk)
    groups = index["ad_groups"]
    reported = rows.dropna(subset=["campaign_id", "ad_group_id"])[
        ["campaign", "ad_group", "campaign_id", "ad_group_id"]
    ]
    reported = reported.drop_duplicates(["campaign", "ad_group"])
    if len(reported):
        known = set(zip(groups["campaign"], groups["ad_group"]))
        extra = reported[[(c, g) not in known for c, g in zip(reported["campaign"], reported["ad_group"])]]
        groups = pd.concat([groups, extra], ignore_index=True)
    neg = negatives.drop(columns=["campaign_id", "ad_group_id"], errors="ignore")
    neg = pd.concat([neg, link_ids(neg, "campaign", "ad_group", groups)], axis=1)
    text = (
        neg["keyword_text"].map(lambda t: bulk_text_problem(t, "negativeExact"))
        if len(neg)
        else pd.Series([], dtype="str")
    )
    dup = covered_by_negatives(neg, index["negatives"])
    neg["bulk_note"] = (
        np.select(
            [neg["id_match"] == "not found", text != "", np.array(dup, dtype=bool)],
            ["no campaign / ad group ID (no bulk download names it)", text, "a negative keyword already"],
            default="",
        ).astype("str")
        if len(neg)
        else pd.Series([], dtype="str")
    )
    har = harvest.copy()
    har = pd.concat([har, link_ids(har, "destination_campaign", "destination_ad_group", groups)], axis=1)
    htext = har["keyword_text"].map(bulk_text_problem) if len(har) else pd.Series([], dtype="str")
    har["bulk_note"] = (
        np.select(
            [har["destination_campaign"].isna(), har["id_match"] == "not found", htext != ""],
            [
                "no exact-match ad group advertises this product: create one",
                "no campaign / ad group ID (no bulk download names it)",
                htext,
            ],
            default="",
        ).astype("str")
        if len(har)
        else pd.Series([], dtype="str")
    )
    bulk_negatives = neg.loc[neg["bulk_note"] == "", ["campaign_id", "ad_group_id", "keyword_text", "match_type"]]
    bulk_keywords = har.loc[har["bulk_note"] == "", ["campaign_id", "ad_group_id", "keyword_text", "match_type"]]
    bulk_keywords = bulk_keywords.assign(bid=har.loc[har["bulk_note"] == "", "suggested_bid"])
    return neg, har, bulk_negatives.reset_index(drop=True), bulk_keywords.reset_index(drop=True)


# --------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class KeywordOpportunity(Result):
    """Keywords to go after, search terms to harvest and to negate, with their evidence.

    Tables: ``universe`` (research keywords, scored and marked), ``top_keywords`` (the highest scores),
    ``long_tail`` (keywords meeting the rule), ``queries`` (SQP shares) and ``query_problems`` (queries
    with a listing or visibility problem), ``ngrams`` (1-3-word roots), ``waste_roots``,
    ``converting_roots`` and ``roots`` (the first 5 of each, intervals in words), ``judged`` (evidence
    per term and ad group), ``negatives``, ``rules`` (where the two rules disagree) and ``rules_top``
    (the costliest 4 of each kind), ``harvest``, ``classes`` (brand / competitor / generic / ASIN),
    ``economics`` (per ad group), ``bulk_negatives`` and ``bulk_keywords`` (rows of an uploadable bulk
    sheet).
    """

    marketplace: str | None = None
    currency: str = ""
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    months: float = float("nan")
    settings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    #: True when the folder gave the IDs a bulk sheet needs and there is at least one row to upload.
    uploadable: bool = False

    @property
    def money_format(self) -> str:
        """The format string of an amount in the result's currency (``"${:,.2f}"``, ``"GBP {:,.2f}"``)."""
        sign = CURRENCY_SIGNS.get(self.currency)
        return (sign + "{:,.2f}") if sign else ((self.currency + " {:,.2f}") if self.currency else "{:,.2f}")

    @property
    def competition_label(self) -> str:
        """Which column is competition, per tool (``Cerebro Title Density``)."""
        return ", ".join(self.counts.get("competition_sources", [])) or "not given by any export"

    def _money(self, value: float) -> str:
        """An amount in a finding: ISO code first (``USD 1,234.50``); a ``$`` sign in Markdown would start a
        formula in the report wherever a sentence holds two amounts."""
        if value != value:
            return "n/a"
        text = f"{abs(value):,.2f}"
        text = f"{self.currency} {text}" if self.currency else text
        return "-" + text if value < 0 else text

    def _where(self) -> str:
        return self.marketplace or "the folder"

    def findings_by_topic(self) -> dict[str, str]:
        t, s, c = self.tables, self.settings, self.counts
        out: dict[str, str] = {}
        if not c.get("search_term_rows"):
            out["search_terms"] = (
                f"No search-term row for {self._where()} between {s['start']} and {s['end']}: nothing to harvest, "
                "negate or classify."
            )
        research = t["universe"]
        if research.empty:
            out["universe"] = (
                f"No keyword research export (Helium 10 Cerebro or Magnet, Jungle Scout, Search Query Performance) "
                f"for {self._where()}: the keyword universe, its opportunity score and the long-tail finder cannot be "
                "shown. The search terms are analysed below all the same."
            )
        else:
            top = research.sort_values(["opportunity_score", "keyword"], ascending=[False, True], kind="stable").iloc[0]
            out["universe"] = (
                f"{plural(len(research), 'research keyword')} from {', '.join(c['tools'])}; the highest opportunity "
                f"score is {top['opportunity_score']:.1f} of 100 for “{top['keyword']}” "
                f"({top['search_volume']:,.0f} searches a month). Competition: {self.competition_label}."
            )
        lt = t["long_tail"]
        rule = (
            f"volume above {s['min_volume']:,.0f} a month, competition below {s['max_competition']:g}, "
            f"{s['min_words']} words or more"
        )
        if research.empty:
            out["long_tail"] = "Without keyword research there is no search volume or competition: no long-tail finder."
        elif lt.empty:
            out["long_tail"] = f"No research keyword meets the long-tail rule ({rule}): no long-tail opportunity."
        else:
            untouched = lt[lt["status"] == "untouched"]
            counts = lt["status"].value_counts()
            text = (
                f"{plural(len(lt), 'keyword')} meet the long-tail rule ({rule}): "
                f"{int(counts.get('targeted', 0))} targeted already, {int(counts.get('converts in search terms', 0))} "
                f"converting in the search terms, {int(counts.get('searched, no order', 0))} searched without an order, "
                f"{plural(len(untouched), 'untouched opportunity', 'untouched opportunities')}"
            )
            if len(untouched):
                text += ", the best: " + ", ".join(f"“{k}”" for k in untouched["keyword"].head(3))
            out["long_tail"] = text + "."
        queries = t["queries"]
        if queries.empty:
            out["sqp"] = (
                f"No Brand Analytics Search Query Performance export for {self._where()}: the brand's share of "
                "impressions, clicks, cart adds and purchases per query cannot be shown."
            )
        else:
            listing = queries[queries["problem"].str.startswith("listing")]
            visibility = queries[queries["problem"].str.startswith("visibility")]
            share = metrics._ratio(queries["purchases_own"].sum(), queries["purchases_total"].sum())
            text = (
                f"Across {plural(len(queries), 'query', 'queries')} the brand has {share:.1%} of purchases; "
                f"{plural(len(listing), 'query', 'queries')} where it wins clicks but loses purchases (a listing "
                f"problem) and {plural(len(visibility), 'query', 'queries')} where it converts well but lacks "
                "impressions (a visibility problem)"
            )
            if len(listing):
                text += "; listing first: " + ", ".join(f"“{q}”" for q in listing["search_query"].head(3))
            out["sqp"] = text + "."
        grams = t["ngrams"]
        if grams.empty:
            out["ngrams"] = "No search terms with clicks: no n-gram roots."
        else:
            waste, conv = t["waste_roots"], t["converting_roots"]
            text = (
                f"{plural(int(c['unique_terms']), 'distinct search term')} give {plural(len(grams), 'root')} of one to "
                f"three words; {plural(int((grams['verdict'] == 'wastes money').sum()), 'root')} convert below "
                f"break-even beyond chance, {int((grams['verdict'] == 'converts').sum())} above"
            )
            if len(waste):
                text += (
                    f"; the costliest wasting root is “{waste.iloc[0]['ngram']}” "
                    f"({self._money(waste.iloc[0]['spend'])}, {waste.iloc[0]['orders']:,.0f} orders)"
                )
            if len(conv):
                text += f"; the best converting root “{conv.iloc[0]['ngram']}” ({self._money(conv.iloc[0]['sales'])} of sales)"
            out["ngrams"] = text + "."
        harvest = t["harvest"]
        if harvest.empty:
            out["harvest"] = (
                f"No customer search term from automatic, broad or phrase targeting has {s['min_orders']} orders or more "
                f"and converts, with {s['confidence']:.0%} confidence, at a rate that meets the target ACoS of "
                f"{s['target_acos']:.0%}: nothing to harvest."
            )
        else:
            homed = int(harvest["destination_campaign"].notna().sum())
            out["harvest"] = (
                f"{plural(len(harvest), 'search term')} to harvest as exact keywords: at least {s['min_orders']} orders, "
                f"{s['confidence']:.0%} sure to meet the target ACoS of {s['target_acos']:.0%}, not yet exact anywhere; "
                f"{self._money(harvest['sales'].sum())} of sales in the period, led by “{harvest.iloc[0]['search_term']}” "
                f"({harvest.iloc[0]['orders']:,.0f} orders, suggested bid {self._money(harvest.iloc[0]['suggested_bid'])}). "
                + (
                    f"{homed} of them can go into an exact-match ad group that advertises their product; the others need "
                    "one (harvest.csv names their source campaign)."
                    if homed
                    else "No exact-match ad group advertises their products yet: create one (harvest.csv names the source "
                    "campaigns)."
                )
            )
        neg = t["negatives"]
        economics = t["economics"]
        stand_in = economics[economics["economics"] != "break-even ACoS of the advertised products"]
        if neg.empty:
            out["negate"] = (
                "No search term's conversion rate is, with the chosen confidence, below what its clicks cost: nothing to "
                "negate."
            )
        else:
            out["negate"] = (
                f"{plural(len(neg), 'search term')} to negate: the probability that their conversion rate reaches "
                f"break-even is below {1 - s['confidence']:.0%}; they cost {self._money(neg['spend'].sum())} in the "
                f"period ({self._money(c['negation_savings_per_month'])} a month) for "
                f"{self._money(neg['sales'].sum())} of sales; the costliest is “{neg.iloc[0]['search_term']}” "
                f"({self._money(neg.iloc[0]['spend'])}, {neg.iloc[0]['clicks']:,.0f} clicks, "
                f"{neg.iloc[0]['orders']:,.0f} orders)."
            )
        if len(stand_in):
            out["negate"] += (
                f" For {plural(len(stand_in), 'ad group')} the break-even ACoS is unknown (no product master, "
                f"transactions or product mapping): the target ACoS of {s['target_acos']:.0%} stands in."
            )
        rules = t["rules"]
        judged = t["judged"]
        both = int(((judged["evidence"] == "negate") & (judged["rule"] == "negate")).sum()) if len(judged) else 0
        only_ev = rules[rules["disagreement"] == "evidence negates, rule keeps"]
        only_rule = rules[rules["disagreement"] == "rule negates, evidence keeps"]
        text = (
            f"The fixed rule ({s['rule_clicks']} clicks, no order) and the evidence agree on {plural(both, 'negative')}"
        )
        if only_ev.empty and only_rule.empty:
            text += " and disagree on no term"
        if len(only_ev):
            text += (
                f"; the evidence also negates {plural(len(only_ev), 'term')} the rule keeps (an order or too few clicks "
                f"for the rule, yet a conversion rate too low for their cost: "
                f"{self._money(only_ev['spend_per_month'].sum())} a month the rule goes on spending)"
            )
        if len(only_rule):
            text += (
                f"; the rule negates {plural(len(only_rule), 'term')} the evidence keeps (too few clicks to prove their "
                f"cost: {self._money(only_rule['spend_per_month'].sum())} a month, where the rule would give up "
                f"{self._money(only_rule['expected_sales_per_month'].sum())} of expected sales a month)"
            )
        out["rules"] = text + "."
        classes = t["classes"]
        if len(classes):
            parts = [
                f"{r['term_class']} {r['spend_share']:.0%} of spend and {r['sales_share']:.0%} of sales"
                for _, r in classes.iterrows()
            ]
            out["classes"] = "Search terms by kind: " + "; ".join(parts) + "."
            if not s["brand_terms"]:
                out["classes"] += " No brand terms were given (brand_terms): no term counts as the brand's."
        out["actions"] = self._actions_text()
        return out

    def _actions_text(self) -> str:
        c = self.counts
        files = "negatives.csv, harvest.csv and long_tail.csv"
        if self.uploadable:
            text = (
                f"The Amazon Ads bulk sheet (bulksheets 2.0) holds {plural(c['bulk_negatives'], 'negative exact keyword')} "
                f"and {plural(c['bulk_keywords'], 'new exact keyword')} with bids, linked by the IDs of "
                f"{'the bulk download' if c['bulk_rows'] else 'the search-term report'}; {files} list every action "
                "with its evidence"
            )
            left = c["negatives"] - c["bulk_negatives"] + c["harvest"] - c["bulk_keywords"]
            if left:
                text += f" ({plural(left, 'action')} could not go into the bulk sheet: the CSVs say why)"
            if c.get("case_insensitive"):
                text += f"; {plural(c['case_insensitive'], 'name')} matched the bulk download only case-insensitively: check them"
            return text + "."
        if c["bulk_rows"]:
            why = "no action could be linked to the IDs of the bulk download"
        else:
            why = (
                f"the folder holds no Amazon Ads bulk download for {self._where()} and the search-term report carries "
                "no IDs. A bulk sheet links every row by the numeric campaign and ad group IDs of a bulk download "
                "(names are not keys, and a text ID would create a new campaign)"
            )
        return (
            f"No uploadable bulk sheet: {why}. The actions are written as review files ({files}) to act on in the "
            "console, or download a bulk file (Sponsored ads, Bulk operations, a custom spreadsheet) into the data "
            "folder and run again for an uploadable sheet."
        )

    def kpis(self) -> list[KPI]:
        c, s = self.counts, self.settings
        money = f"money:{self.currency or 'USD'}"
        research = not self.tables["universe"].empty
        acos_bench = BENCHMARKS["acos_well_run"].value
        return [
            KPI(
                "long_tail_opportunities",
                "long-tail opportunities",
                c["untouched"] if research else None,
                "count",
                status="info",
                note="untouched keywords meeting the long-tail rule" if research else "no keyword research export",
            ),
            KPI(
                "negation_savings",
                "wasted spend negation saves",
                c["negation_savings_per_month"],
                money,
                status="info",
                note=f"per month, {plural(c['negatives'], 'term')} to negate",
            ),
            KPI(
                "harvest_sales",
                "sales of harvest candidates",
                c["harvest_sales"],
                money,
                status="info",
                note=f"in the period, {plural(c['harvest'], 'term')} to harvest",
            ),
            KPI(
                "search_term_acos",
                "search-term ACoS",
                c["acos"],
                "fraction",
                benchmark=s.get("acos_benchmark", acos_bench),
                direction="max",
                watch=BENCHMARKS["acos_industry_average"].value,
                note="spend over sales of every search term",
            ),
        ]


# --------------------------------------------------------------------------- entry point
def _frame(inputs, kind: str) -> pd.DataFrame | None:
    frame = inputs.frames.get(kind)
    return frame if frame is not None and len(frame) else None


def assess_keywords(
    inputs,
    *,
    brand_terms: str | Sequence[str] = "",
    competitor_terms: str | Sequence[str] = "",
    min_volume: float = BENCHMARKS["long_tail_search_volume_min"].value,
    max_competition: float = BENCHMARKS["long_tail_competition_max"].value,
    min_words: int = 3,
    competition_column: str = "",
    target_acos: float = BENCHMARKS["acos_well_run"].value,
    min_clicks: int = 5,
    rule_clicks: int = 10,
    min_orders: int = 3,
    confidence: float = 0.9,
    usd_rates: Mapping[str, float] | None = None,
    bid_limits: Mapping[str, tuple[float, float]] | None = None,
    top: int = 10,
) -> KeywordOpportunity:
    """The whole analysis of notebook 01 in one call.

    Parameters
    ----------
    inputs : Inputs
        ``catalog.load_inputs(["sp_search_term"], OPTIONAL_INPUTS, marketplace=, start=, end=)``: its
        ``frames`` (kind -> frame), ``missing``, ``labels``, ``marketplace``, ``start``, ``end`` are used.
    brand_terms, competitor_terms : str or list of str
        The seller's brand names and its competitors' (comma-separated in a string).
    min_volume, max_competition, min_words : number
        The long-tail rule (the article's: more than 10,000 searches a month, competition below 50; three
        words or more).
    competition_column : str
        ``""`` for each tool's default (:data:`COMPETITION_DEFAULTS`) or one of :data:`COMPETITION_COLUMNS`.
    target_acos : float
        The ACoS a new keyword should run at (its starting bid; the harvest threshold).
    min_clicks : int
        Minimum evidence: a term with fewer clicks gets no verdict from the evidence rule.
    rule_clicks : int
        The fixed rule shown beside it: negate after this many clicks without an order.
    min_orders : int
        Minimum evidence for harvesting: orders in one ad group.
    confidence : float
        Decision confidence (0.9: negate when the chance of reaching break-even is below 10 %; harvest
        when the chance of meeting the target ACoS is at least 90 %).
    usd_rates : mapping, optional
        Exchange rates (:func:`sellerops.core.money.parse_rates`) for unit costs in another currency.
    bid_limits : mapping, optional
        Marketplace -> (min, max) keyword bid (``sellerops.show.actions.SP_BID_LIMITS``).
    top : int
        Rows of the ``waste_roots`` and ``converting_roots`` tables.

    Raises
    ------
    ValueError
        When the search terms hold several currencies (run one marketplace at a time), or a parameter is
        out of range.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (0.9 for 90 %), got {confidence!r}")
    if not 0 < target_acos < 1:
        raise ValueError(f"target_acos must be a fraction between 0 and 1 (0.22 for 22 %), got {target_acos!r}")
    frames = inputs.frames
    search_terms = frames["sp_search_term"]
    currencies = sorted(set(search_terms["currency"].dropna())) if "currency" in search_terms.columns else []
    if len(currencies) > 1:
        raise ValueError(
            f"the search terms hold {', '.join(currencies)}: choose one marketplace (the marketplace parameter) so "
            "that money is never summed across currencies"
        )
    currency = currencies[0] if currencies else ""
    marketplace = inputs.marketplace
    brands, competitors = parse_terms(brand_terms), parse_terms(competitor_terms)
    settings = {
        "start": f"{inputs.start:%Y-%m-%d}" if inputs.start is not None else "",
        "end": f"{inputs.end:%Y-%m-%d}" if inputs.end is not None else "",
        "brand_terms": brands,
        "competitor_terms": competitors,
        "min_volume": min_volume,
        "max_competition": max_competition,
        "min_words": min_words,
        "competition_column": competition_column,
        "target_acos": target_acos,
        "min_clicks": min_clicks,
        "rule_clicks": rule_clicks,
        "min_orders": min_orders,
        "confidence": confidence,
    }
    first, last, months = measure_period(search_terms, inputs.start, inputs.end)
    products, bulk = _frame(inputs, "product_master"), _frame(inputs, "sp_bulk")
    limits = (bid_limits or {}).get(marketplace or "", None)

    # search terms: rows per ad group, unit economics per ad group, evidence per term
    rows = summarise_search_terms(search_terms)
    rows["term_class"] = classify_terms(rows["search_term"], brands, competitors)
    skus = map_ad_groups_to_products(_frame(inputs, "sp_advertised_product"), bulk, products)
    break_even = measure_break_even(
        products,
        _frame(inputs, "payments_transactions"),
        _frame(inputs, "listing_history"),
        marketplace=marketplace,
        usd_rates=usd_rates,
    )
    if currency and len(break_even):
        break_even = break_even[break_even["currency"] == currency]
    economics = price_ad_groups(rows, skus, break_even, target_acos=target_acos)
    rows = rows.merge(economics, on=["campaign", "ad_group"], how="left")
    rows["margin_clicks"] = rows["clicks"] * rows["margin_per_order"]
    judged = judge_terms(
        rows, confidence=confidence, min_clicks=min_clicks, rule_clicks=rule_clicks, target_acos=target_acos
    )
    negatives = find_negatives(judged, months)
    exact = find_exact_keywords(rows, _frame(inputs, "sp_targeting"), bulk)
    exact_classes = classify_terms(exact["key"], brands, competitors)
    destinations = choose_destinations(exact, skus, rows, exact_classes)
    harvest = find_harvest(
        judged,
        exact,
        destinations=destinations,
        ad_group_products=skus,
        min_orders=min_orders,
        confidence=confidence,
        target_acos=target_acos,
        bid_limits=limits,
    )
    negatives, harvest, bulk_negatives, bulk_keywords = link_bulk_ids(negatives, harvest, rows, bulk)

    # distinct terms: n-gram roots and brand / competitor / generic shares
    terms = _unique_terms(rows)
    terms["term_class"] = classify_terms(terms["search_term"], brands, competitors)
    grams = measure_ngrams(terms, confidence=confidence) if len(terms) else measure_ngrams(terms.head(0))
    roots = grams[~((grams["n"] == 1) & grams["ngram"].isin(STOP_WORDS))]  # "for" is no root
    waste_roots = (
        roots[roots["verdict"] == "wastes money"].sort_values(["spend", "ngram"], ascending=[False, True]).head(top)
    )
    converting = (
        roots[roots["verdict"] == "converts"].sort_values(["sales", "ngram"], ascending=[False, True]).head(top)
    )
    classes = classify_spend(terms) if len(terms) else classify_spend(terms.assign(term_class=pd.Series(dtype="str")))

    # keyword research: universe, score, long tail
    research = {k: f for k in RESEARCH_KINDS if (f := _frame(inputs, k)) is not None}
    sqp = _frame(inputs, "brand_analytics_sqp")
    universe = merge_research(research, sqp, competition_column)
    universe = score_keywords(universe, build_vocabulary(products, rows))
    targeted = set(keyword_key(rows.loc[rows["match"].isin(("exact", "phrase", "broad")), "targeting"]))
    if (targeting := _frame(inputs, "sp_targeting")) is not None:
        kinds = classify_match(targeting["targeting"], targeting["match_type"])
        targeted |= set(keyword_key(targeting.loc[kinds.isin(("exact", "phrase", "broad")), "targeting"]))
    if bulk is not None and "keyword_text" in bulk.columns:
        targeted |= set(keyword_key(bulk.loc[_entity(bulk) == "keyword", "keyword_text"].dropna()))
    marked = find_long_tail(
        universe, rows, targeted, min_volume=min_volume, max_competition=max_competition, min_words=min_words
    )
    long_tail = marked[marked["long_tail"]].reset_index(drop=True)
    queries = measure_query_shares(sqp, confidence) if sqp is not None else pd.DataFrame(columns=_QUERY_COLUMNS)

    rules = compare_rules(judged, months)
    spend, sales = float(rows["spend"].sum()), float(rows["sales"].sum())
    per_month = months if months and months > 0 else float("nan")
    counts = {
        "search_term_rows": len(search_terms),
        "unique_terms": len(terms),
        "tools": [TOOL_LABELS[k] for k in (*research, *(["brand_analytics_sqp"] if sqp is not None else []))],
        "competition_sources": sorted(set(universe["competition_source"]) - {""}),
        "untouched": int((long_tail["status"] == "untouched").sum()) if len(long_tail) else 0,
        "negatives": len(negatives),
        "harvest": len(harvest),
        "harvest_sales": float(harvest["sales"].sum()),
        "negation_savings_per_month": float(negatives["spend"].sum()) / per_month,
        "acos": metrics.acos(spend, sales),
        "bulk_rows": 0 if bulk is None else len(bulk),
        "bulk_negatives": len(bulk_negatives),
        "bulk_keywords": len(bulk_keywords),
        "case_insensitive": int(
            (negatives["id_match"] == "case-insensitive").sum() + (harvest["id_match"] == "case-insensitive").sum()
        ),
    }
    return KeywordOpportunity(
        title="Keyword opportunity",
        tables={
            "universe": marked,
            "top_keywords": marked.sort_values(
                ["opportunity_score", "search_volume", "keyword"], ascending=[False, False, True], kind="stable"
            )
            .head(top)
            .reset_index(drop=True),
            "long_tail": long_tail,
            "queries": queries,
            "query_problems": queries[queries["problem"] != ""]
            .sort_values(
                ["problem", "search_query_volume", "search_query"], ascending=[True, False, True], kind="stable"
            )
            .reset_index(drop=True),
            "ngrams": grams,
            "waste_roots": waste_roots.reset_index(drop=True),
            "converting_roots": converting.reset_index(drop=True),
            "roots": describe_intervals(pd.concat([waste_roots.head(5), converting.head(5)], ignore_index=True)),
            "judged": judged,
            "negatives": negatives,
            "rules": rules,
            "rules_top": rules.groupby("disagreement", sort=True).head(4).reset_index(drop=True),
            "harvest": harvest,
            "classes": classes,
            "economics": economics,
            "bulk_negatives": bulk_negatives,
            "bulk_keywords": bulk_keywords,
        },
        marketplace=marketplace,
        currency=currency,
        start=first,
        end=last,
        months=months,
        settings=settings,
        counts=counts,
        missing=tuple(inputs.labels.get(k, k) for k in inputs.missing),
        uploadable=bool(len(bulk_negatives) + len(bulk_keywords)),
    )


_QUERY_COLUMNS = [
    "search_query",
    "search_query_volume",
    "impressions_share",
    "clicks_share",
    "cart_adds_share",
    "purchases_share",
    "brand_cvr",
    "brand_cvr_lower",
    "brand_cvr_upper",
    "market_cvr",
    "problem",
    "purchases_own",
    "purchases_total",
]
