"""Properties of the gross bijstand (variables/bijstand_fiscaal.py) that must hold for everyone.

- The gross-up is consistent: G − [T(O + G) − T(O)] = N within € 1 per year, with T written here
  independently from the raw parameters (brackets, premies, AHK), not with openfisca_nl_sz.box1.
- G ≥ N (tax is never negative); N = 0 gives G = 0.
- Through the whole chain: the persons' net shares add up to the gezin's bijstand, and the
  toetsingsinkomen is exactly the box-1 income plus the gross bijstand.

Each Hypothesis example builds one simulation with a batch of persons (vectorised).
"""

import math

import numpy
from hypothesis import given, settings, strategies as st
from openfisca_core.simulations import SimulationBuilder

PERIODS = ["2024-01", "2025-01", "2026-01"]


def _t_onafhankelijk(inkomen, p):
    """Tax + premies − AHK (≥ 0) for one yearly income, from the raw parameter values (no shared code)."""
    x = math.floor(round(max(inkomen, 0.0), 2))
    schaal = p.inkomstenbelasting.tarief.belasting
    drempels = list(schaal.thresholds) + [float("inf")]
    belasting = sum(
        tarief * max(0.0, min(x, drempels[i + 1]) - drempels[i]) for i, tarief in enumerate(schaal.rates)
    )
    pv = p.inkomstenbelasting.premies_volksverzekeringen
    premie = pv.percentage * min(x, pv.maximum_premie_inkomen)
    ahk = p.inkomstenbelasting.heffingskortingen.algemene_heffingskorting
    korting = max(ahk.maximum - ahk.afbouwpercentage * max(x - ahk.afbouwpunt, 0), 0)
    return max(belasting + premie - korting, 0.0)


def _bruto(tbs, period, netto_maand, ander_jaar):
    """ib_bijstand_bruto_jaar for persons with the given net share and other income set as inputs."""
    personen, huishoudens = {}, {}
    for i, (n, o) in enumerate(zip(netto_maand, ander_jaar)):
        personen[f"p{i}"] = {
            "ib_bijstand_netto_aandeel": {period: float(n)},
            "ib_belastbaar_inkomen_jaar": {period: float(o)},
        }
        huishoudens[f"h{i}"] = {"aanvragers": [f"p{i}"]}
    sim = SimulationBuilder().build_from_entities(tbs, {"personen": personen, "huishoudens": huishoudens})
    return sim.calculate("ib_bijstand_bruto_jaar", period).astype(numpy.float64)


cases = st.lists(
    st.tuples(
        st.one_of(st.just(0), st.integers(min_value=0, max_value=3000), st.floats(min_value=0, max_value=3000)),
        st.one_of(st.just(0), st.integers(min_value=0, max_value=120000)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None)
@given(cases=cases, period=st.sampled_from(PERIODS))
def test_gross_up_consistent(tbs, cases, period):
    netto_maand = [n for n, _ in cases]
    ander = [o for _, o in cases]
    bruto = _bruto(tbs, period, netto_maand, ander)
    p = tbs.parameters(period)
    for n, o, g in zip(netto_maand, ander, bruto):
        netto_jaar = 12 * float(numpy.float32(n))  # the input is stored as float32
        if netto_jaar == 0:
            assert g == 0
            continue
        extra = _t_onafhankelijk(o + g, p) - _t_onafhankelijk(o, p)
        assert abs(g - extra - netto_jaar) <= 1.0, (n, o, g, extra)
        assert g >= netto_jaar - 0.01, (n, o, g)


households = st.lists(
    st.fixed_dictionaries(
        {
            "leeftijd": st.integers(min_value=18, max_value=70),
            "partner": st.booleans(),
            "partner_leeftijd": st.integers(min_value=18, max_value=70),
            "partner_student": st.sampled_from([False, False, True]),
            "loon": st.sampled_from([0, 0, 300, 800, 1500, 2500]),
            "partner_loon": st.sampled_from([0, 0, 500, 1200, 3000]),
            "vermogen": st.sampled_from([0, 0, 5000, 20000]),
        }
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(hh=households, period=st.sampled_from(PERIODS))
def test_chain_shares_and_toetsingsinkomen(tbs, hh, period):
    personen, huishoudens = {}, {}
    for i, h in enumerate(hh):
        personen[f"a{i}"] = {
            "leeftijd": {period: h["leeftijd"]},
            "loon": {period: h["loon"]},
            "vermogen": {period: h["vermogen"]},
        }
        huis = {"aanvragers": [f"a{i}"], "huur": {period: 650}}
        if h["partner"]:
            personen[f"b{i}"] = {
                "leeftijd": {period: h["partner_leeftijd"]},
                "loon": {period: h["partner_loon"]},
                "studeert_met_studiefinanciering": {period: h["partner_student"]},
            }
            huis["partners"] = [f"b{i}"]
        huishoudens[f"h{i}"] = huis
    sim = SimulationBuilder().build_from_entities(tbs, {"personen": personen, "huishoudens": huishoudens})
    bijstand = sim.calculate("bijstand", period)
    aandeel = sim.calculate("ib_bijstand_netto_aandeel", period)
    bruto = sim.calculate("ib_bijstand_bruto_jaar", period)
    box1 = sim.calculate("ib_belastbaar_inkomen_jaar", period)
    toets = sim.calculate("awir_toetsingsinkomen", period)
    som = sim.populations["huishouden"].sum(aandeel)
    numpy.testing.assert_allclose(som, bijstand, atol=0.01)
    assert (bruto >= 12 * aandeel - 0.05).all()
    assert (bruto[aandeel == 0] == 0).all()
    numpy.testing.assert_allclose(toets, numpy.maximum(box1 + bruto, 0), atol=0.05)
