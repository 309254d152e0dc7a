"""Properties of the Awir allowances that must hold for every household.

- No allowance is ever negative.
- Each allowance is non-increasing in the household's income: more income never buys more
  zorgtoeslag, huurtoeslag or kindgebonden budget. The cliffs of these laws (Awir € 24 minimum, asset
  limits, maximum rent) are all drops, so monotonicity holds through them too.
- Each allowance is non-increasing in assets.

Each Hypothesis example builds one simulation with the same household repeated along a ladder of
incomes (or assets), so the check is vectorised and fast.
"""

import numpy
from hypothesis import given, settings, strategies as st
from openfisca_core.simulations import SimulationBuilder

ALLOWANCES = ["zorgtoeslag", "huurtoeslag", "kindgebonden_budget"]
PERIODS = ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01"]

households = st.fixed_dictionaries(
    {
        "period": st.sampled_from(PERIODS),
        "leeftijd": st.integers(min_value=18, max_value=75),
        "partner": st.booleans(),
        "partner_leeftijd": st.integers(min_value=17, max_value=75),
        "partner_inkomen": st.floats(min_value=0, max_value=40000),
        "kinderen": st.lists(st.integers(min_value=0, max_value=24), max_size=3),
        "kind_inkomen": st.floats(min_value=0, max_value=15000),
        "medebewoner": st.booleans(),
        "medebewoner_inkomen": st.floats(min_value=0, max_value=30000),
        "huur": st.floats(min_value=0, max_value=1400),
        "servicekosten": st.floats(min_value=0, max_value=80),
        "vermogen": st.floats(min_value=0, max_value=200000),
    }
)


def _situation(h, inkomens, vermogens):
    """One household per (income, assets) pair; only the aanvrager's income/assets vary."""
    period = h["period"]
    personen, huishoudens = {}, {}
    for i, (inkomen, vermogen) in enumerate(zip(inkomens, vermogens)):
        a = f"a{i}"
        personen[a] = {
            "leeftijd": {period: h["leeftijd"]},
            "ib_belastbaar_inkomen_jaar": {period: float(inkomen)},
            "vermogen": {period: float(vermogen)},
        }
        hh = {
            "aanvragers": [a],
            "huur": {period: h["huur"]},
            "servicekosten": {period: h["servicekosten"]},
        }
        if h["partner"]:
            personen[f"b{i}"] = {
                "leeftijd": {period: h["partner_leeftijd"]},
                "ib_belastbaar_inkomen_jaar": {period: h["partner_inkomen"]},
            }
            hh["partners"] = [f"b{i}"]
        kinderen = []
        for j, leeftijd in enumerate(h["kinderen"]):
            personen[f"k{i}_{j}"] = {
                "leeftijd": {period: leeftijd},
                "ib_belastbaar_inkomen_jaar": {period: h["kind_inkomen"] if leeftijd >= 16 else 0.0},
            }
            kinderen.append(f"k{i}_{j}")
        hh["kinderen"] = kinderen
        if h["medebewoner"]:
            personen[f"m{i}"] = {
                "leeftijd": {period: 30},
                "ib_belastbaar_inkomen_jaar": {period: h["medebewoner_inkomen"]},
            }
            hh["medebewoners"] = [f"m{i}"]
        huishoudens[f"h{i}"] = hh
    return {"personen": personen, "huishoudens": huishoudens}


def _calculate(tbs, h, inkomens, vermogens):
    sim = SimulationBuilder().build_from_entities(tbs, _situation(h, inkomens, vermogens))
    return {v: numpy.asarray(sim.calculate(v, h["period"]), dtype=float) for v in ALLOWANCES}


@settings(max_examples=40, deadline=None)
@given(h=households, start=st.floats(min_value=0, max_value=70000),
       steps=st.lists(st.floats(min_value=0, max_value=5000), min_size=4, max_size=12))
def test_allowances_non_negative_and_non_increasing_in_income(tbs, h, start, steps):
    inkomens = start + numpy.cumsum([0.0] + steps)
    uitkomst = _calculate(tbs, h, inkomens, [h["vermogen"]] * len(inkomens))
    for naam, bedragen in uitkomst.items():
        assert (bedragen >= 0).all(), (naam, bedragen)
        assert (numpy.diff(bedragen) <= 1e-6).all(), (naam, inkomens, bedragen)


@settings(max_examples=25, deadline=None)
@given(h=households, inkomen=st.floats(min_value=0, max_value=60000),
       steps=st.lists(st.floats(min_value=0, max_value=60000), min_size=3, max_size=8))
def test_allowances_non_increasing_in_assets(tbs, h, inkomen, steps):
    vermogens = numpy.cumsum([0.0] + steps)
    uitkomst = _calculate(tbs, h, [inkomen] * len(vermogens), vermogens)
    for naam, bedragen in uitkomst.items():
        assert (bedragen >= 0).all(), (naam, bedragen)
        assert (numpy.diff(bedragen) <= 1e-6).all(), (naam, vermogens, bedragen)


def test_property_check_can_fail():
    """The monotonicity check itself detects a rise (guards against a vacuous assertion)."""
    assert not (numpy.diff(numpy.array([10.0, 9.0, 11.0])) <= 1e-6).all()
