"""Properties of the AOW age that must hold for every household (issue 12 point 3).

Each Hypothesis example is a batch of households computed in one simulation. The properties come
from the law, not from the code:
- WIA art. 43 g / 49 lid 1 b / 56 lid 1 b, WW art. 19 lid 1 i, TW art. 2: no WIA, WW or TW toeslag
  from the AOW age, whatever the other inputs;
- AOW art. 7, 9, 13: from the AOW age a person with insured years gets an AOW, below it nobody does,
  and the gehuwde amount is below the ongehuwde amount;
- Wet IB 2001 art. 2.10a: with the same pension income, someone past the AOW age never pays more
  tax than someone below it (the AOW premium of 17,90 % outweighs the lower algemene heffingskorting:
  their difference, about 1.560, is less than 17,90 % of any income on which the younger person pays tax);
- netto_inkomen never exceeds the gross income (no payout of the algemene heffingskorting here:
  everyone is single).
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

PERIODS = ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01", "2026-07"]

case = st.fixed_dictionaries(
    {
        "leeftijd": st.integers(min_value=60, max_value=95),
        "ao": st.floats(min_value=0, max_value=100).map(lambda x: round(x, 1)),
        "duurzaam": st.booleans(),
        "wia_dagloon": st.floats(min_value=0, max_value=300).map(lambda x: round(x, 2)),
        "wia_maanden": st.integers(min_value=0, max_value=120),
        "ww_dagloon": st.floats(min_value=0, max_value=300).map(lambda x: round(x, 2)),
        "ww_maanden": st.integers(min_value=0, max_value=30),
        "pensioen": st.floats(min_value=0, max_value=6000).map(lambda x: round(x, 2)),
        "opbouw": st.integers(min_value=0, max_value=50).map(lambda jaren: 2 * jaren),
    }
)


def simulate(tbs, period, cases, variables):
    personen, huishoudens = {}, {}
    for i, c in enumerate(cases):
        personen[f"p{i}"] = {
            "leeftijd": {period: c["leeftijd"]},
            "arbeidsongeschiktheidspercentage": {period: c["ao"]},
            "wia_duurzaam": {period: c["duurzaam"]},
            "wia_dagloon": {period: c["wia_dagloon"]},
            "wia_maanden_sinds_aanvang": {period: c["wia_maanden"]},
            "ww_dagloon": {period: c["ww_dagloon"]},
            "ww_maanden_sinds_aanvang": {period: c["ww_maanden"]},
            "ww_arbeidsverleden_jaren": {period: 20},
            "aanvullend_pensioen": {period: c["pensioen"]},
            "aow_opbouwpercentage": {period: c["opbouw"]},
        }
        huishoudens[f"h{i}"] = {"aanvragers": [f"p{i}"]}
    sim = SimulationBuilder().build_from_entities(tbs, {"personen": personen, "huishoudens": huishoudens})
    return {v: sim.calculate(v, period) for v in variables}


@settings(max_examples=25, deadline=None)
@given(cases=st.lists(case, min_size=1, max_size=8), period=st.sampled_from(PERIODS))
def test_no_wia_ww_tw_from_the_aow_age_and_aow_instead(tbs, cases, period):
    out = simulate(tbs, period, cases, ["wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag", "aow_uitkering"])
    aow_leeftijd = tbs.parameters(period).aow.pensioengerechtigde_leeftijd
    for i, c in enumerate(cases):
        if c["leeftijd"] >= aow_leeftijd:
            assert out["wia_uitkering"][i] == 0 and out["ww_uitkering"][i] == 0, c
            assert out["toeslagenwet_toeslag"][i] == 0, c
            assert (out["aow_uitkering"][i] > 0) == (c["opbouw"] > 0), c
        else:
            assert out["aow_uitkering"][i] == 0, c


@settings(max_examples=25, deadline=None)
@given(pensioenen=st.lists(st.floats(min_value=0, max_value=9000).map(lambda x: round(x, 2)), min_size=1, max_size=10),
       period=st.sampled_from(PERIODS))
def test_aow_age_tariff_never_taxes_more_than_the_under_aow_tariff(tbs, pensioenen, period):
    # Only an aanvullend pensioen (AOW opbouw 0), so both get the same box-1 income.
    base = {"ao": 0, "duurzaam": False, "wia_dagloon": 0, "wia_maanden": 0, "ww_dagloon": 0, "ww_maanden": 0, "opbouw": 0}
    jong = [dict(base, leeftijd=60, pensioen=p) for p in pensioenen]
    oud = [dict(base, leeftijd=70, pensioen=p) for p in pensioenen]
    variables = ["inkomstenbelasting", "ib_belastbaar_inkomen_jaar", "netto_inkomen"]
    a, b = simulate(tbs, period, jong, variables), simulate(tbs, period, oud, variables)
    for i, p in enumerate(pensioenen):
        assert a["ib_belastbaar_inkomen_jaar"][i] == b["ib_belastbaar_inkomen_jaar"][i]
        assert b["inkomstenbelasting"][i] <= a["inkomstenbelasting"][i] + 0.005, p
        assert b["netto_inkomen"][i] <= p + 0.01 and a["netto_inkomen"][i] <= p + 0.01, p


@settings(max_examples=10, deadline=None)
@given(period=st.sampled_from(PERIODS))
def test_gehuwde_aow_is_below_the_ongehuwde_aow(tbs, period):
    p = tbs.parameters(period).aow
    assert 0 < p.bruto.gehuwde < p.bruto.alleenstaande
    assert 0 < p.vakantie_uitkering.gehuwde < p.vakantie_uitkering.alleenstaande
