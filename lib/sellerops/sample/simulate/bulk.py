"""Stage 8, the ads account as the bulk operations download shows it: one row per entity, with Amazon IDs.

Campaigns (budget, bidding strategy, start date, portfolio), their ad group, product ad, keywords or
product targets, the negative keywords already in the account, and three placement bid adjustments
per campaign (``catalogue.PLACEMENT_BID_ADJUSTMENT``). The targets are those of the console reports:
the keywords (``Targeting`` + ``Match Type``) and ``asin="…"`` expressions of ``catalogue.SEARCH_TERMS``,
and the four targeting groups of every auto campaign.

IDs are derived from the names (a BLAKE2 hash of the seed, the entity type and its natural key), not
drawn from a random stream: no other stage's draws move, so every other file stays byte-identical, and
an ID stays the same in a shorter run or when entities are added. Portfolio, campaign and ad group IDs
have 15 digits; ad, keyword and product targeting IDs have 18, beyond a float's exact range (2**53),
so they survive only as text. Bids come from the same hashes: ``BID_OVER_CPC`` x the larger of the
campaign's catalogue CPC and the target's realised CPC over the ads period.

Examples
--------
>>> ids = IdMaker(seed=1)
>>> a = ids.make("campaign", "US|SP - Bath Mat - Exact")
>>> len(a), a == IdMaker(seed=1).make("campaign", "US|SP - Bath Mat - Exact"), len(ids.make("keyword", "x"))
(15, True, 18)
>>> 0 <= unit_hash(1, "bid", "x") < 1
True
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from .. import catalogue as cat

#: Digits of the IDs per entity type (Amazon's are long digit strings; 18 digits need a text cell).
ID_DIGITS = {"portfolio": 15, "campaign": 15, "ad_group": 15, "ad": 18, "keyword": 18, "target": 18}
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"

COLUMNS = [
    "marketplace",
    "entity",
    "campaign",
    "ad_group",
    "portfolio",
    "portfolio_id",
    "campaign_id",
    "ad_group_id",
    "ad_id",
    "keyword_id",
    "product_targeting_id",
    "targeting_type",
    "bidding_strategy",
    "daily_budget",
    "start_date",
    "state",
    "sku",
    "asin",
    "default_bid",
    "bid",
    "keyword_text",
    "match_type",
    "expression",
    "placement",
    "percentage",
    "targeting",
    "console_match_type",
]


def _hash(seed: int, *parts: str) -> int:
    text = "|".join([str(seed), *parts]).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=16).digest(), "big")


def unit_hash(seed: int, *parts: str) -> float:
    """A number in [0, 1) derived from ``parts`` (the same parts, the same number)."""
    return (_hash(seed, "unit", *parts) % 2**53) / 2**53


def account_code(seed: int, marketplace: str) -> str:
    """The advertiser's code in the bulk file name (lower-case letters and digits, as Amazon's)."""
    h, out = _hash(seed, "account", marketplace), ""
    for _ in range(13):
        h, r = divmod(h, 36)
        out += _BASE36[r]
    return "a" + out


class IdMaker:
    """Unique digit-string IDs, one per (entity type, natural key), derived from the key."""

    def __init__(self, seed: int):
        self.seed = seed
        self.used: dict[str, str] = {}

    def make(self, kind: str, key: str) -> str:
        n = ID_DIGITS[kind]
        for attempt in range(100):
            h = _hash(self.seed, "id", kind, key, str(attempt)) if attempt else _hash(self.seed, "id", kind, key)
            value = str(10 ** (n - 1) + h % (9 * 10 ** (n - 1)))  # n digits, the first one not 0
            if self.used.setdefault(value, f"{kind}|{key}") == f"{kind}|{key}":
                return value
        raise RuntimeError(f"no free ID for {kind} {key}")  # pragma: no cover - 1e-15 odds per entity


def _targets(name: str) -> list[tuple[str, str]]:
    """(Targeting, Match Type) of a campaign as the console prints them, in catalogue order."""
    seen: dict[tuple[str, str], None] = {}
    for tg, mt, *_ in cat.SEARCH_TERMS[name]:
        seen.setdefault((tg, mt), None)
    return list(seen)


def _bid(seed: int, key: str, cpc: float) -> float:
    lo, hi = cat.BID_OVER_CPC
    return round(cpc * (lo + (hi - lo) * unit_hash(seed, "bid", key)), 2)


def account_structure(seed: int, campaigns: pd.DataFrame, products: pd.DataFrame, ads: pd.DataFrame) -> pd.DataFrame:
    """Every entity of the Sponsored Products account (no metrics), in the order of the bulk download.

    Parameters
    ----------
    seed : int
        Seed of the run (part of every ID's hash).
    campaigns : DataFrame
        ``AdPlan.campaigns`` (the catalogue's campaigns).
    products : DataFrame
        Products with their ASINs.
    ads : DataFrame
        The term-day frame; its clicks and spend give each target's realised CPC (ads period).

    Returns
    -------
    DataFrame
        One row per entity, columns ``COLUMNS``; ``targeting``/``console_match_type`` are the console
        report's ``Targeting``/``Match Type`` of a keyword or product target (the join key).
    """
    ids = IdMaker(seed)
    asin = products.set_index("sku")["asin"]
    category = products.set_index("sku")["category"]
    period = ads[ads["date"] >= pd.Timestamp(cat.ADS_START)]
    realised = period.groupby(["campaign", "targeting", "match_type"])[["clicks", "spend"]].sum()
    rows: list[dict] = []
    for camp in campaigns.itertuples(index=False):
        mkt, name, ag = camp.marketplace, camp.campaign, cat.AD_GROUPS[camp.campaign]
        portfolio = category[camp.sku] if mkt == "US" else None
        base = {
            "marketplace": mkt,
            "campaign": name,
            "portfolio": portfolio,
            "campaign_id": ids.make("campaign", f"{mkt}|{name}"),
        }
        strategy = "Dynamic bids - up and down" if camp.kind == "exact" else "Dynamic bids - down only"
        rows.append(
            base
            | {
                "entity": "Campaign",
                "portfolio_id": ids.make("portfolio", f"{mkt}|{portfolio}") if portfolio else None,
                "targeting_type": "Auto" if camp.kind == "auto" else "Manual",
                "bidding_strategy": strategy,
                "daily_budget": round(camp.budget * cat.VOLUME, 1),
                "start_date": dt.datetime.strptime(camp.start_date, "%b %d, %Y").date(),
                "state": "enabled",
            }
        )
        adjust = cat.PLACEMENT_BID_ADJUSTMENT_CAMPAIGN.get(name, cat.PLACEMENT_BID_ADJUSTMENT[camp.kind])
        for placement, pct in zip(cat.PLACEMENTS, adjust):
            rows.append(
                base
                | {"entity": "Bidding Adjustment", "bidding_strategy": strategy, "placement": placement}
                | {"percentage": pct}
            )
        negatives = [n for n in cat.NEGATIVE_KEYWORDS if n[0] == name]
        for _, level, text, mt in negatives:
            if level == "campaign":
                key = f"{mkt}|{name}|campaign|{text}|{mt}"
                rows.append(
                    base
                    | {"entity": "Campaign negative keyword", "keyword_id": ids.make("keyword", key)}
                    | {"keyword_text": text, "match_type": mt, "state": "enabled"}
                )
        group = base | {"ad_group": ag, "ad_group_id": ids.make("ad_group", f"{mkt}|{name}|{ag}")}
        default_bid = round(camp.cpc * cat.DEFAULT_BID_OVER_CPC, 2)
        rows.append(group | {"entity": "Ad Group", "default_bid": default_bid, "state": "enabled"})
        rows.append(
            group
            | {"entity": "Product Ad", "ad_id": ids.make("ad", f"{mkt}|{name}|{ag}|{camp.sku}")}
            | {"sku": camp.sku, "asin": asin[camp.sku], "state": "enabled"}
        )
        targets = _targets(name)
        if camp.kind == "auto":
            targets = [(g, "-") for g in cat.AUTO_TARGETING_GROUPS]
        for tg, mt in targets:
            key = f"{mkt}|{name}|{ag}|{tg}|{mt}"
            clicks, spend = realised.loc[(name, tg, mt)] if (name, tg, mt) in realised.index else (0, 0.0)
            cpc = max(camp.cpc, spend / clicks if clicks else 0.0)
            common = {"bid": _bid(seed, key, cpc), "state": "enabled", "targeting": tg, "console_match_type": mt}
            if mt == "-":  # auto targeting groups and asin="…" targets
                target = {"entity": "Product Targeting", "product_targeting_id": ids.make("target", key)}
                rows.append(group | target | common | {"expression": tg})
            else:
                keyword = {"entity": "Keyword", "keyword_id": ids.make("keyword", key)}
                rows.append(group | keyword | common | {"keyword_text": tg, "match_type": mt.lower()})
        for _, level, text, mt in negatives:
            if level == "ad group":
                key = f"{mkt}|{name}|{ag}|negative|{text}|{mt}"
                rows.append(
                    group
                    | {"entity": "Negative keyword", "keyword_id": ids.make("keyword", key)}
                    | {"keyword_text": text, "match_type": mt, "state": "enabled"}
                )
    frame = pd.DataFrame(rows).reindex(columns=COLUMNS)
    frame["percentage"] = frame["percentage"].astype("Int64")
    return frame.astype({c: object for c in COLUMNS if c.endswith("_id")})


def id_columns() -> list[str]:
    """The ID columns of :func:`account_structure`'s frame."""
    return [c for c in COLUMNS if c.endswith("_id")]
