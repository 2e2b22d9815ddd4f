"""Unit economics (analysis/margins.py): fees measured from transactions, break-even ACoS by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sellerops.analysis.margins import break_even_by_product, measure_unit_fees
from sellerops.core.money import parse_rates


def _transactions():
    return pd.DataFrame(
        {
            "type": ["Order", "Order", "Order", "Refund", "Service Fee", "Order"],
            "sku": ["A", "A", "B", "A", None, "A"],
            "quantity": [1, 3, 2, 1, 0, 1],
            "product_sales": [25.0, 75.0, 30.0, -25.0, 0.0, 20.0],
            "selling_fees": [-3.75, -11.25, -2.4, 3.0, 0.0, -3.0],
            "fba_fees": [-5.2, -15.6, -6.0, 0.0, 0.0, -4.0],
            "currency": ["USD", "USD", "USD", "USD", "USD", "GBP"],
        }
    )


def test_fees_are_measured_from_order_rows_per_currency():
    fees = measure_unit_fees(_transactions()).set_index(["sku", "currency"])
    # A in USD: 4 units, 100.00 of sales, 15.00 referral, 20.80 FBA
    assert fees.loc[("A", "USD"), ["units", "price", "referral_rate", "fba_fee"]].tolist() == [4, 25.0, 0.15, 5.2]
    # B: 2 units at 15.00, referral 2.40 of 30.00 = 8 %, FBA 3.00 a unit
    assert fees.loc[("B", "USD"), ["units", "price", "referral_rate", "fba_fee"]].tolist() == [2, 15.0, 0.08, 3.0]
    assert fees.loc[("A", "GBP"), "units"] == 1


def test_break_even_by_hand_with_a_cost_in_another_currency():
    products = pd.DataFrame({"sku": ["A", "B", "C"], "unit_cost": [10.0, 5.0, 2.0], "currency": ["USD"] * 3})
    fees = measure_unit_fees(_transactions())
    out = break_even_by_product(products, fees, usd_rates=parse_rates("GBP=1.25")).set_index(["sku", "currency"])
    # A in USD: (25.00 - 10.00 - 3.75 - 5.20) / 25.00 = 0.242
    assert out.loc[("A", "USD"), "break_even_acos"] == pytest.approx(0.242)
    # A in GBP: cost 10 USD = 8.00 GBP; (20.00 - 8.00 - 3.00 - 4.00) / 20.00 = 0.25
    assert out.loc[("A", "GBP"), "unit_cost"] == 8.0
    assert out.loc[("A", "GBP"), "break_even_acos"] == pytest.approx(0.25)
    # B: (15 - 5 - 1.20 - 3.00) / 15 = 0.38667
    assert out.loc[("B", "USD"), "break_even_acos"] == pytest.approx(0.3867, abs=1e-4)
    assert ("C", "USD") not in out.index  # neither a sale nor a list price


def test_a_sku_without_sales_takes_its_list_price_and_the_median_fees():
    products = pd.DataFrame({"sku": ["A", "B", "C"], "unit_cost": [10.0, 5.0, 2.0], "currency": ["USD"] * 3})
    fees = measure_unit_fees(_transactions()[lambda f: f["currency"] == "USD"])
    prices = pd.DataFrame({"sku": ["C"], "currency": ["USD"], "price": [10.0]})
    out = break_even_by_product(products, fees, prices=prices).set_index("sku")
    assert not out.loc["C", "fees_measured"] and out.loc["A", "fees_measured"]
    # median of 15 % and 8 % is 11.5 %; median FBA of 5.20 and 3.00 is 4.10: (10 - 2 - 1.15 - 4.10) / 10
    assert out.loc["C", "break_even_acos"] == pytest.approx(0.275)


def test_costs_in_another_currency_need_rates():
    products = pd.DataFrame({"sku": ["A"], "unit_cost": [10.0], "currency": ["USD"]})
    with pytest.raises(ValueError, match="unit costs are in USD and sales in GBP: give exchange rates"):
        break_even_by_product(products, measure_unit_fees(_transactions()))
