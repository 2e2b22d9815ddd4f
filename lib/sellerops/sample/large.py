"""A large Sponsored Products search term CSV in the console format, for benchmarks.

Written in chunks (bounded memory), fully vectorised; the same (n_rows, seed) gives the same bytes.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "st.csv"
>>> write_large_search_terms(p, 1000, seed=1)
1000
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .writers import headers as H
from .writers import text as T

HEADER = ["Start Date", "End Date"] + H.SEARCH_TERM_US[1:]
_WORDS = (
    "bamboo wooden silicone stainless steel glass kitchen bath cooking utensil spoon spatula set mat "
    "non slip memory foam shower caddy rack organizer towel holder large small black white heavy duty "
    "for with and gift brightnest hearthly kozico cutting board knife strip magnetic dish drying"
).split()


def _vocabulary(rng: np.random.Generator, n: int) -> np.ndarray:
    k = rng.integers(2, 6, n)
    w = np.array(_WORDS)[rng.integers(0, len(_WORDS), (n, 5))]
    cols = [pd.Series(w[:, j]).where(k > j, "") for j in range(5)]
    s = cols[0]
    for c in cols[1:]:
        s = s + " " + c
    return s.str.strip().str.replace(r"\s+", " ", regex=True).to_numpy()


def write_large_search_terms(path: str | Path, n_rows: int, seed: int = 20261031, chunk: int = 500_000) -> int:
    """Write ``n_rows`` SP search term rows (summary time unit) as a console CSV.

    Dates look like ``"Jan 05, 2026"``, money like ``$1,234.56``, rates like ``12.34%``; UTF-8 BOM;
    ACOS empty when sales are 0. Values are random but realistic in scale.

    Parameters
    ----------
    path : path
        Output CSV.
    n_rows : int
        Number of data rows.
    seed : int
        Seed of the numpy Generator.
    chunk : int
        Rows generated and written per step (memory bound).

    Returns
    -------
    int
        Rows written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> write_large_search_terms(pathlib.Path(tempfile.mkdtemp()) / "x.csv", 10, 3)
    10
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 200_000)
    campaigns = np.array(
        [
            f"SP - Campaign {i:03d} - {m}"
            for i, m in zip(range(400), np.resize(["Auto", "Broad", "Exact", "Phrase"], 400))
        ]
    )
    match = np.array(["BROAD", "PHRASE", "EXACT", "-"])
    start = np.datetime64("2025-11-01")
    with open(path, "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + (",".join(f'"{h}"' if h.endswith(" ") else h for h in HEADER) + "\n").encode())
        done = 0
        while done < n_rows:
            n = min(chunk, n_rows - done)
            r = np.random.default_rng([seed, done])
            d = start + r.integers(0, 365, n).astype("timedelta64[D]")
            c = r.integers(0, len(campaigns), n)
            term = vocab[r.integers(0, len(vocab), n)]
            imp = r.geometric(0.002, n)
            clicks = np.maximum(1, r.binomial(imp, 0.004))
            cpc = np.round(r.gamma(4, 0.2, n), 2)
            spend = np.round(clicks * cpc, 2)
            orders = r.binomial(clicks, 0.09)
            units = orders + r.binomial(orders, 0.05)
            price = np.round(r.uniform(9, 80, n), 2)
            sales = np.round(units * price, 2)
            adv_units = r.binomial(units, 0.85)
            adv_sales = np.round(adv_units * price, 2)
            other_sales = np.round(sales - adv_sales, 2)
            date_txt = '"' + T.console_date_text(d) + '"'
            with np.errstate(divide="ignore", invalid="ignore"):
                acos = T.percent_text(np.where(sales > 0, spend / np.where(sales > 0, sales, 1), 0))
                roas = T.fixed_text(np.where(spend > 0, sales / np.where(spend > 0, spend, 1), 0))
            cols = [
                date_txt,
                date_txt,
                pd.Series(np.where(c % 3 == 0, "Kitchen", "No Portfolio")),
                pd.Series(["USD"] * n),
                pd.Series(campaigns[c]),
                pd.Series(campaigns[c]).str.replace("SP - ", "Ad group - ", regex=False),
                pd.Series(term),
                pd.Series(match[c % 4]),
                pd.Series(term),
                pd.Series(imp).astype(str),
                pd.Series(clicks).astype(str),
                T.percent_text(clicks / imp),
                '"' + T.money_text(cpc, "$") + '"',
                '"' + T.money_text(spend, "$") + '"',
                '"' + T.money_text(sales, "$") + '"',
                acos.where(sales > 0, ""),
                roas,
                pd.Series(orders).astype(str),
                pd.Series(units).astype(str),
                T.percent_text(orders / clicks),
                pd.Series(adv_units).astype(str),
                pd.Series(units - adv_units).astype(str),
                '"' + T.money_text(adv_sales, "$") + '"',
                '"' + T.money_text(other_sales, "$") + '"',
            ]
            line = cols[0]
            for col in cols[1:]:
                line = line + "," + col
            fh.write(("\n".join(line.tolist()) + "\n").encode("utf-8"))
            done += n
    return n_rows
