"""Properties of the income tax encoding that must hold for every household, checked with Hypothesis.

- tax after heffingskortingen is never negative (kortingen are non-refundable);
- net income does not fall when the gross wage rises (marginal rate of the tax alone stays below
  100 %), apart from the rounding of the yearly tax to whole euros (at most € 1/12 per person);
- net income never exceeds gross income, except for the payout of the algemene heffingskorting to a
  partner born before 1963.

Each example builds one simulation with many households, so the test stays fast.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

BENEFITS = ("wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag")
PERIODS = ["2024-02", "2024-08", "2025-05", "2026-01", "2026-09"]
ROUNDING = 1 / 12 + 0.02  # one euro of yearly rounding per person, plus float32 noise


def _person(period, loon, benefits=(0, 0, 0), leeftijd=40):
    data = {"loon": {period: loon}, "leeftijd": {period: leeftijd}}
    for name, amount in zip(BENEFITS, benefits):
        data[name] = {period: amount}
    return data


def _simulate(tbs, situation, period, variables):
    simulation = SimulationBuilder().build_from_entities(tbs, situation)
    return {v: np.asarray(simulation.calculate(v, period), dtype=np.float64) for v in variables}


money = st.floats(min_value=0, max_value=15000, allow_nan=False).map(lambda x: round(x, 2))
benefit = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=6000, allow_nan=False).map(lambda x: round(x, 2)))

household = st.fixed_dictionaries({
    "aanvrager": st.tuples(money, st.tuples(benefit, benefit, benefit), st.integers(18, 66)),
    "partner": st.one_of(st.none(), st.tuples(money, st.tuples(benefit, benefit, benefit), st.integers(18, 66))),
    "kinderen": st.lists(st.integers(0, 17), max_size=3),
})


def _situation(period, households):
    personen, huishoudens = {}, {}
    for i, hh in enumerate(households):
        loon, ben, age = hh["aanvrager"]
        personen[f"a{i}"] = _person(period, loon, ben, age)
        entry = {"aanvragers": [f"a{i}"], "kinderen": []}
        if hh["partner"] is not None:
            loon, ben, age = hh["partner"]
            personen[f"p{i}"] = _person(period, loon, ben, age)
            entry["partners"] = [f"p{i}"]
        for j, age in enumerate(hh["kinderen"]):
            personen[f"k{i}_{j}"] = _person(period, 0, leeftijd=age)
            entry["kinderen"].append(f"k{i}_{j}")
        huishoudens[f"h{i}"] = entry
    return {"personen": personen, "huishoudens": huishoudens}


@settings(max_examples=25, deadline=None)
@given(period=st.sampled_from(PERIODS), households=st.lists(household, min_size=1, max_size=12))
def test_tax_never_negative_and_net_at_most_gross(tbs, period, households):
    out = _simulate(tbs, _situation(period, households), period, [
        "inkomstenbelasting", "ib_belasting_na_kortingen_jaar", "netto_inkomen", "loon",
        "ib_uitbetaling_algemene_heffingskorting", *BENEFITS,
    ])
    assert (out["inkomstenbelasting"] >= 0).all()
    assert (out["ib_belasting_na_kortingen_jaar"] >= 0).all()
    bruto = out["loon"] * 1.08 + sum(out[b] for b in BENEFITS)
    # without the pre-1963 payout, net never exceeds gross
    assert (out["netto_inkomen"] - out["ib_uitbetaling_algemene_heffingskorting"] <= bruto + 0.01).all()
    assert (out["netto_inkomen"] >= -0.01).all()


@settings(max_examples=20, deadline=None)
@given(
    period=st.sampled_from(PERIODS),
    benefits=st.tuples(benefit, benefit, benefit),
    kind=st.one_of(st.none(), st.integers(0, 17)),
    start=st.floats(min_value=0, max_value=14000, allow_nan=False),
)
def test_net_income_single_nondecreasing_in_wage(tbs, period, benefits, kind, start):
    """Single person (possibly an alleenstaande ouder): a wage grid, net income non-decreasing along it."""
    wages = np.round(np.sort(start + np.concatenate([[0], np.cumsum(np.full(40, 37.37))])), 2)
    personen, huishoudens = {}, {}
    for i, w in enumerate(wages):
        personen[f"a{i}"] = _person(period, float(w), benefits)
        huishoudens[f"h{i}"] = {"aanvragers": [f"a{i}"]}
        if kind is not None:
            personen[f"k{i}"] = _person(period, 0, leeftijd=kind)
            huishoudens[f"h{i}"]["kinderen"] = [f"k{i}"]
    out = _simulate(tbs, {"personen": personen, "huishoudens": huishoudens}, period,
                    ["netto_inkomen", "inkomstenbelasting", "is_aanvrager"])
    aanvrager = out["is_aanvrager"].astype(bool)
    netto = out["netto_inkomen"][aanvrager]
    tax = out["inkomstenbelasting"][aanvrager]
    assert (np.diff(netto) >= -ROUNDING).all(), netto
    # the tax alone takes less than the whole wage increase
    assert (np.diff(tax) <= np.diff(wages) * 1.08 + ROUNDING).all()


@settings(max_examples=20, deadline=None)
@given(
    period=st.sampled_from(PERIODS),
    partner_loon=money,
    kind=st.one_of(st.none(), st.integers(0, 11)),
    start=st.floats(min_value=0, max_value=12000, allow_nan=False),
)
def test_household_net_income_nondecreasing_in_wage(tbs, period, partner_loon, kind, start):
    """Couple (both below 60, so no payout): the aanvrager's wage rises along a grid; the couple's net
    income does not fall (the IACK may move from one partner to the other on the way)."""
    wages = np.round(start + np.arange(41) * 41.41, 2)
    personen, huishoudens = {}, {}
    for i, w in enumerate(wages):
        personen[f"a{i}"] = _person(period, float(w), leeftijd=45)
        personen[f"p{i}"] = _person(period, partner_loon, leeftijd=40)
        huishoudens[f"h{i}"] = {"aanvragers": [f"a{i}"], "partners": [f"p{i}"]}
        if kind is not None:
            personen[f"k{i}"] = _person(period, 0, leeftijd=kind)
            huishoudens[f"h{i}"]["kinderen"] = [f"k{i}"]
    simulation = SimulationBuilder().build_from_entities(tbs, {"personen": personen, "huishoudens": huishoudens})
    netto = np.asarray(simulation.calculate("netto_inkomen", period), dtype=np.float64)
    per_household = simulation.populations["huishouden"].sum(netto)
    assert (np.diff(per_household) >= -2 * ROUNDING).all(), per_household
