"""Properties of the Awir allowances that must hold for every household.

- No allowance is ever negative.
- Each allowance is non-increasing in the household's income: more income never buys more
  zorgtoeslag, huurtoeslag or kindgebonden budget. The cliffs of these laws (Awir € 24 minimum, asset
  limits, maximum rent) are all drops, so monotonicity holds through them too.
- Each allowance is non-increasing in assets.

Each Hypothesis example builds one simulation with the same household repeated along a ladder of
incomes (or assets), with the same inputs in every month of PERIODS, and checks every period: the
check is vectorised and covers the 2024-2025 and 2026 huurtoeslag systems in one go.
"""

import numpy
from hypothesis import given, settings, strategies as st
from openfisca_core.simulations import SimulationBuilder

ALLOWANCES = ["zorgtoeslag", "huurtoeslag", "kindgebonden_budget"]
PERIODS = ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01"]

households = st.fixed_dictionaries(
    {
        "leeftijd": st.integers(min_value=18, max_value=75),
        "partner": st.booleans(),
        "partner_leeftijd": st.integers(min_value=17, max_value=75),
        "partner_inkomen": st.integers(min_value=0, max_value=40000),
        "kinderen": st.one_of(
            st.just([]), st.lists(st.integers(min_value=0, max_value=24), max_size=3)
        ),
        "kind_inkomen": st.integers(min_value=0, max_value=15000),
        "medebewoner": st.sampled_from([False, False, True]),
        "medebewoner_inkomen": st.integers(min_value=0, max_value=30000),
        "huur": st.integers(min_value=0, max_value=1400),
        "servicekosten": st.integers(min_value=0, max_value=80),
        "vermogen": st.one_of(st.just(0), st.integers(min_value=0, max_value=200000)),
    }
)


def _alle(waarde):
    """The same input value in every period."""
    return {period: waarde for period in PERIODS}


def _situation(h, inkomens, vermogens):
    """One household per (income, assets) pair; only the aanvrager's income/assets vary."""
    personen, huishoudens = {}, {}
    for i, (inkomen, vermogen) in enumerate(zip(inkomens, vermogens)):
        a = f"a{i}"
        personen[a] = {
            "leeftijd": _alle(h["leeftijd"]),
            "awir_toetsingsinkomen": _alle(float(inkomen)),
            "vermogen": _alle(float(vermogen)),
        }
        hh = {
            "aanvragers": [a],
            "huur": _alle(float(h["huur"])),
            "servicekosten": _alle(float(h["servicekosten"])),
            "kinderen": [],
        }
        if h["partner"]:
            personen[f"b{i}"] = {
                "leeftijd": _alle(h["partner_leeftijd"]),
                "awir_toetsingsinkomen": _alle(float(h["partner_inkomen"])),
            }
            hh["partners"] = [f"b{i}"]
        for j, leeftijd in enumerate(h["kinderen"]):
            kind_inkomen = float(h["kind_inkomen"]) if leeftijd >= 16 else 0.0
            personen[f"k{i}_{j}"] = {
                "leeftijd": _alle(leeftijd),
                "awir_toetsingsinkomen": _alle(kind_inkomen),
            }
            hh["kinderen"].append(f"k{i}_{j}")
        if h["medebewoner"]:
            personen[f"m{i}"] = {
                "leeftijd": _alle(30),
                "awir_toetsingsinkomen": _alle(float(h["medebewoner_inkomen"])),
            }
            hh["medebewoners"] = [f"m{i}"]
        huishoudens[f"h{i}"] = hh
    return {"personen": personen, "huishoudens": huishoudens}


def _check_non_negative_and_non_increasing(tbs, h, inkomens, vermogens, ladder):
    sim = SimulationBuilder().build_from_entities(tbs, _situation(h, inkomens, vermogens))
    for period in PERIODS:
        for naam in ALLOWANCES:
            bedragen = numpy.asarray(sim.calculate(naam, period), dtype=float)
            assert (bedragen >= 0).all(), (naam, period, bedragen)
            assert (numpy.diff(bedragen) <= 1e-6).all(), (naam, period, ladder, bedragen)


@settings(max_examples=150, deadline=None)
@given(
    h=households,
    start=st.integers(min_value=0, max_value=70000),
    steps=st.lists(st.integers(min_value=0, max_value=6000), min_size=4, max_size=12),
)
def test_allowances_non_negative_and_non_increasing_in_income(tbs, h, start, steps):
    inkomens = start + numpy.cumsum([0] + steps)
    vermogens = [h["vermogen"]] * len(inkomens)
    _check_non_negative_and_non_increasing(tbs, h, inkomens, vermogens, inkomens)


@settings(max_examples=60, deadline=None)
@given(
    h=households,
    inkomen=st.integers(min_value=0, max_value=60000),
    steps=st.lists(st.integers(min_value=0, max_value=60000), min_size=3, max_size=8),
)
def test_allowances_non_increasing_in_assets(tbs, h, inkomen, steps):
    vermogens = numpy.cumsum([0] + steps)
    inkomens = [inkomen] * len(vermogens)
    _check_non_negative_and_non_increasing(tbs, h, inkomens, vermogens, vermogens)
