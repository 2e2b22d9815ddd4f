"""Header matching (readers/matching.py): exact after normalising, first header wins, data lifted out."""

from __future__ import annotations

from sellerops.readers.matching import HeaderMatch, match_headers, missing_required, nearest_headers
from sellerops.readers.registry import get_kind

SEARCH_TERM = get_kind("sp_search_term")
CEREBRO = get_kind("h10_cerebro")


def test_aliases_match_after_normalising_never_by_substring():
    m = match_headers(["CAMPAIGN NAME ", "Campaign Name Extra", "7 Days Total Sales"], SEARCH_TERM)
    assert {raw: col.name for raw, col in m.columns.items()} == {
        "CAMPAIGN NAME ": "campaign",
        "7 Days Total Sales": "sales",
    }
    assert m.unknown == ["Campaign Name Extra"]
    assert m.found == frozenset({"campaign", "sales"})


def test_the_first_header_for_a_column_wins_and_the_second_is_unknown():
    m = match_headers(["Spend", "Spend "], SEARCH_TERM)
    assert list(m.columns) == ["Spend"] and m.unknown == ["Spend "]


def test_window_and_currency_sign_are_data_about_the_file():
    m = match_headers(["14 Day Total Sales (₹)", "Spend"], SEARCH_TERM)
    assert m.windows == {14} and m.currency_symbols == {"₹"}
    assert match_headers(["Spend"], SEARCH_TERM).windows == set()


def test_extra_columns_by_pattern_get_their_canonical_name():
    m = match_headers(["Keyword Phrase", "B0ABCDEF12", "B0XYZ"], CEREBRO)
    assert m.extras == {"B0ABCDEF12": "rank_b0abcdef12"}
    assert m.unknown == ["B0XYZ"]  # not an ASIN: ten characters starting B0


def test_blank_headers_are_neither_matched_nor_unknown():
    assert match_headers(["", "  "], SEARCH_TERM) == HeaderMatch()


def test_missing_required_in_the_kinds_order_and_nearest_headers():
    m = match_headers(["Campaign Name", "Impressions", "Clicks", "Spend", "7 Day Total Sales"], SEARCH_TERM)
    assert missing_required(m, SEARCH_TERM) == ["ad_group", "targeting", "match_type", "search_term"]
    assert nearest_headers(["Ad Group", "Customer Search"], SEARCH_TERM, ["ad_group", "search_term"]) == [
        "Ad Group",
        "Customer Search",
    ]
    assert nearest_headers(["a", "b"], SEARCH_TERM, ["ad_group"]) == ["a", "b"]  # nothing close: the first headers
