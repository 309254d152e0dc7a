"""Properties of the WIA encoding that must hold for every input, checked with Hypothesis.

Each example builds ONE vectorised simulation with many persons (each alone in a household) for one
month drawn from the dated values 2024-01 … 2026-01, so a property is checked on many persons at once.
The bounds come from the law (art. 51, 52, 60-62), not from running the code.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

MONTHS = ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01"]
TOL = 0.02  # float32 money

person = st.fixed_dictionaries(
    {
        "arbeidsongeschiktheidspercentage": st.floats(0, 100, allow_nan=False),
        "wia_dagloon": st.floats(0, 600, allow_nan=False).map(lambda x: round(x, 2)),  # whole cents, as paid
        "loon": st.floats(0, 8000, allow_nan=False).map(lambda x: round(x, 2)),
        "wia_maanden_sinds_aanvang": st.integers(0, 40),
        "wia_duurzaam": st.booleans(),
        "wia_arbeidsverleden_jaren": st.integers(0, 45),
        "wia_voldoet_aan_referte_eis": st.booleans(),
    }
)
populations = st.lists(person, min_size=1, max_size=40)
months = st.sampled_from(MONTHS)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def simulate(tbs, persons, month, **overrides):
    """One simulation: person i alone in household i; inputs from the dicts, `overrides` replace a column."""
    n = len(persons)
    sb = SimulationBuilder()
    sb.create_entities(tbs)
    sb.declare_person_entity("persoon", [f"p{i}" for i in range(n)])
    huishouden = sb.declare_entity("huishouden", [f"h{i}" for i in range(n)])
    sb.join_with_persons(huishouden, np.arange(n), np.array(["aanvrager"] * n))
    sim = sb.build(tbs)
    for name in persons[0]:
        values = overrides.get(name, [p[name] for p in persons])
        sim.set_input(name, month, np.asarray(values))
    return sim


def calc(sim, name, month):
    return np.asarray(sim.calculate(name, month), dtype=float)


@SETTINGS
@given(populations, months)
def test_no_wia_below_the_toegangsgrens(tbs, persons, month):
    sim = simulate(tbs, persons, month)
    grens = tbs.parameters(month).wia.toegangsgrens
    ao = calc(sim, "arbeidsongeschiktheidspercentage", month)
    total = calc(sim, "wia_uitkering", month)
    assert np.all(total[ao < grens] == 0)


@SETTINGS
@given(populations, months)
def test_benefits_are_never_negative_and_at_most_one_kind(tbs, persons, month):
    sim = simulate(tbs, persons, month)
    parts = np.stack(
        [
            calc(sim, name, month)
            for name in (
                "iva_uitkering",
                "wga_loongerelateerde_uitkering",
                "wga_loonaanvullingsuitkering",
                "wga_vervolguitkering",
            )
        ]
    )
    assert np.all(parts >= 0)
    assert np.all((parts > 0).sum(axis=0) <= 1)
    assert np.allclose(parts.sum(axis=0), calc(sim, "wia_uitkering", month), atol=TOL)


@SETTINGS
@given(populations, months)
def test_no_benefit_above_75_percent_of_the_capped_maandloon(tbs, persons, month):
    """IVA art. 51 and LGU art. 61 lid 1 pay at most 75 %, LAU and VVU at most 70 % of the maandloon,
    and the maandloon is at most 21,75 × the maximum dagloon."""
    sim = simulate(tbs, persons, month)
    maximum = 21.75 * tbs.parameters(month).wfsv.maximum_dagloon
    maandloon = calc(sim, "wia_maandloon", month)
    assert np.all(maandloon <= maximum + TOL)
    lgu = calc(sim, "wga_loongerelateerde_uitkering", month)
    assert np.all(lgu <= 0.75 * maandloon + TOL)
    assert np.all(calc(sim, "wia_uitkering", month) <= 0.75 * maandloon + TOL)
    for name in ("wga_loonaanvullingsuitkering", "wga_vervolguitkering"):
        assert np.all(calc(sim, name, month) <= 0.70 * maandloon + TOL)


@SETTINGS
@given(populations, months, st.floats(0, 1, allow_nan=False))
def test_vervolguitkering_does_not_depend_on_earnings_below_the_inkomenseis(tbs, persons, month, share):
    """Art. 62: the vervolguitkering is G × H whatever the person earns below the inkomenseis."""
    zonder = simulate(tbs, persons, month, loon=[0.0] * len(persons))
    eis = calc(zonder, "wia_inkomenseis", month)
    # earnings strictly below the inkomenseis: B = loon × 1,08 < eis
    loon = share * eis / 1.08 * 0.999
    met = simulate(tbs, persons, month, loon=loon)
    vvu_zonder = calc(zonder, "wga_vervolguitkering", month)
    vvu_met = calc(met, "wga_vervolguitkering", month)
    in_vvu = vvu_zonder > 0
    assert np.allclose(vvu_met[in_vvu], vvu_zonder[in_vvu], atol=TOL)
    # and nobody in the VVU band moves to another benefit by earning below the eis
    assert np.all(vvu_met[in_vvu] > 0)


@SETTINGS
@given(populations, months)
def test_iva_is_at_least_the_wga_for_the_same_person(tbs, persons, month):
    """At AO ≥ 80 %, being durable (IVA: 75 % A − 70 % B·C/D) never pays less than the WGA the same
    person gets when not durable (LGU 75 %/70 % of A − B·C/D, LAU 70 % of A − B·C/D)."""
    n = len(persons)
    ao = [max(p["arbeidsongeschiktheidspercentage"], 80.0) for p in persons]
    iva = simulate(tbs, persons, month, arbeidsongeschiktheidspercentage=ao, wia_duurzaam=[True] * n)
    wga = simulate(tbs, persons, month, arbeidsongeschiktheidspercentage=ao, wia_duurzaam=[False] * n)
    assert np.all(calc(iva, "wia_uitkering", month) >= calc(wga, "wia_uitkering", month) - TOL)


@SETTINGS
@given(populations, months)
def test_more_earnings_never_raise_the_loongerelateerde_uitkering(tbs, persons, month):
    sim = simulate(tbs, persons, month)
    more = simulate(tbs, persons, month, loon=[p["loon"] + 100 for p in persons])
    assert np.all(
        calc(more, "wga_loongerelateerde_uitkering", month)
        <= calc(sim, "wga_loongerelateerde_uitkering", month) + TOL
    )


@SETTINGS
@given(populations, months)
def test_lgu_duration_within_3_and_24_months(tbs, persons, month):
    sim = simulate(tbs, persons, month)
    duur = calc(sim, "wga_lgu_duur_maanden", month)
    assert np.all((duur >= 3) & (duur <= 24))


@SETTINGS
@given(populations, months)
def test_wia_minimumloon_includes_the_vakantiebijslag(tbs, persons, month):
    sim = simulate(tbs, persons, month)
    assert np.allclose(
        calc(sim, "wia_minimumloon", month), 1.08 * calc(sim, "minimumloon_per_maand", month), atol=TOL
    )


def test_lowering_the_toegangsgrens_reaches_the_35_minners(tbs):
    """A reform that lowers the grens (and adds a class) gives a 30 % person a WGA; the baseline does not."""
    from openfisca_core.periods import period as make_period
    from openfisca_core.reforms import Reform

    class Grens25(Reform):
        def apply(self):
            def modify(parameters):
                parameters.wia.toegangsgrens.update(period=make_period("month:2025-01:12"), value=25)
                return parameters

            self.modify_parameters(modifier_function=modify)

    persons = [
        {
            "arbeidsongeschiktheidspercentage": 30.0,
            "wia_dagloon": 100.0,
            "loon": 0.0,
            "wia_maanden_sinds_aanvang": 0,
            "wia_duurzaam": False,
            "wia_arbeidsverleden_jaren": 5,
            "wia_voldoet_aan_referte_eis": True,
        }
    ]
    base = simulate(tbs, persons, "2025-01")
    reformed = simulate(Grens25(tbs), persons, "2025-01")
    assert calc(base, "wia_uitkering", "2025-01")[0] == 0
    # first month LGU: 0,75 × 21,75 × 100 = 1631,25
    assert abs(calc(reformed, "wia_uitkering", "2025-01")[0] - 1631.25) < TOL
