"""Properties of the WW benefit (WW art. 20, 42, 47) that must hold for every input.

Each test builds one simulation with two persons that differ in one input, and compares them.
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

PERIODS = ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01"]
MAXIMUM_DAGLOON = {"2024-01": 274.44, "2024-07": 282.95, "2025-01": 290.67, "2025-07": 297.82, "2026-01": 304.25}

periods = st.sampled_from(PERIODS)
daglonen = st.floats(min_value=0, max_value=600, allow_nan=False).map(lambda x: round(x, 2))  # whole cents
# wages often 0 or small, so that the WW right usually exists in the examples
lonen = st.one_of(st.just(0.0), st.floats(min_value=0, max_value=3_000), st.floats(min_value=0, max_value=12_000)).map(
    lambda x: round(x, 2)
)
maanden = st.integers(min_value=0, max_value=26)
jaren = st.floats(min_value=0, max_value=50, allow_nan=False)

FAST = settings(max_examples=60, deadline=None)


def calculate(tbs, period, personen, variables):
    """Compute `variables` for a list of person input dicts in one simulation."""
    situation = {
        "personen": {f"p{i}": {k: {period: v} for k, v in inputs.items()} for i, inputs in enumerate(personen)},
        "huishoudens": {f"h{i}": {"aanvragers": [f"p{i}"]} for i in range(len(personen))},
    }
    sim = SimulationBuilder().build_from_entities(tbs, situation)
    return {v: sim.calculate(v, period) for v in variables}


def person(dagloon, loon, maand, arbeidsverleden):
    return {
        "ww_dagloon": dagloon,
        "loon": loon,
        "ww_maanden_sinds_aanvang": maand,
        "ww_arbeidsverleden_jaren": arbeidsverleden,
    }


@FAST
@given(period=periods, dagloon=daglonen, loon=lonen, maand=maanden, arbeidsverleden=jaren)
def test_ww_is_never_negative_and_never_above_75_percent_of_the_capped_maandloon(
    tbs, period, dagloon, loon, maand, arbeidsverleden
):
    r = calculate(tbs, period, [person(dagloon, loon, maand, arbeidsverleden)], ["ww_uitkering", "ww_maandloon"])
    ww, maandloon = float(r["ww_uitkering"][0]), float(r["ww_maandloon"][0])
    assert ww >= 0
    # The art. 47 amount already contains the vakantiebijslag (art. 33 lid 3), so the bound is 0,75 x A
    # (stricter than 0,75 x A x 1,08), and A itself is at most 21,75 x the maximum dagloon.
    assert ww <= 0.75 * maandloon + 0.01
    assert maandloon <= 21.75 * MAXIMUM_DAGLOON[period] + 0.01


@FAST
@given(
    period=periods, dagloon=daglonen, loon=lonen, vroeg=st.integers(0, 3), extra=st.integers(0, 20), arbeidsverleden=jaren
)
def test_ww_does_not_increase_with_the_months_since_the_start(tbs, period, dagloon, loon, vroeg, extra, arbeidsverleden):
    laat = vroeg + extra
    r = calculate(
        tbs, period,
        [person(dagloon, loon, vroeg, arbeidsverleden), person(dagloon, loon, laat, arbeidsverleden)],
        ["ww_uitkering"],
    )
    ww = r["ww_uitkering"]
    assert ww[1] <= ww[0] + 0.01


@FAST
@given(period=periods, dagloon=daglonen, l1=lonen, l2=lonen, maand=maanden, arbeidsverleden=jaren)
def test_more_wage_never_lowers_wage_plus_ww_while_the_right_continues(
    tbs, period, dagloon, l1, l2, maand, arbeidsverleden
):
    laag, hoog = min(l1, l2), max(l1, l2)
    r = calculate(
        tbs, period,
        [person(dagloon, laag, maand, arbeidsverleden), person(dagloon, hoog, maand, arbeidsverleden)],
        ["ww_uitkering", "ww_inkomen", "ww_inkomen_boven_grens", "ww_uitkering_berekend"],
    )
    ww, inkomen, boven = r["ww_uitkering"], r["ww_inkomen"], r["ww_inkomen_boven_grens"]
    if boven[1] and not boven[0]:
        return  # crossing the 87,5 % limit of art. 20 lid 1 c: a legal cliff, tested separately below
    if ww[1] == 0 and r["ww_uitkering_berekend"][1] > 0:
        return  # the art. 41 payment floor (about EUR 13 a month): a legal cliff for tiny daglonen
    assert ww[1] + inkomen[1] >= ww[0] + inkomen[0] - 0.01
    # At most 75 % of the extra income (incl. vakantiebijslag) is deducted (art. 47, C/D <= 1).
    assert ww[0] - ww[1] <= 0.75 * (inkomen[1] - inkomen[0]) + 0.01


@FAST
@given(period=periods, dagloon=st.floats(min_value=20, max_value=600), maand=st.integers(0, 9))
def test_the_87_5_percent_limit_is_a_cliff(tbs, period, dagloon, maand):
    """Just above 87,5 % of the maandloon the whole remaining WW (0,75 or 0,7 x 12,5 % of A) is lost."""
    c = min(dagloon, MAXIMUM_DAGLOON[period])
    a = 21.75 * c
    # loon such that B x C/D = loon x 1,08 x C/D is 87,5 % of A, minus / plus one euro of income
    grens_loon = 0.875 * a / 1.08 / (c / dagloon)
    r = calculate(
        tbs, period,
        [person(dagloon, grens_loon - 1, maand, 10), person(dagloon, grens_loon + 1, maand, 10)],
        ["ww_uitkering", "ww_percentage"],
    )
    ww, pct = r["ww_uitkering"], float(r["ww_percentage"][0])
    assert ww[1] == 0
    # below the limit the remaining WW is about pct x 12,5 % x A
    assert abs(ww[0] - pct * 0.125 * a) <= pct * 1.08 * (c / dagloon) + 0.05


@FAST
@given(period=periods, j1=jaren, j2=jaren)
def test_duration_is_between_3_and_24_months_and_grows_with_the_work_history(tbs, period, j1, j2):
    kort, lang = min(j1, j2), max(j1, j2)
    r = calculate(
        tbs, period,
        [{"ww_arbeidsverleden_jaren": kort}, {"ww_arbeidsverleden_jaren": lang}],
        ["ww_duur_maanden"],
    )
    duur = r["ww_duur_maanden"]
    assert 3 <= duur[0] <= duur[1] <= 24


@FAST
@given(
    period=periods,
    ao=st.floats(min_value=35, max_value=79.99),
    wia_dagloon=st.floats(min_value=0, max_value=270).map(lambda x: round(x, 2)),  # below every maximum dagloon
    ww_dagloon=st.floats(min_value=0, max_value=270).map(lambda x: round(x, 2)),
    loon=lonen,
    wia_maand=st.integers(0, 30),
    ww_maand=maanden,
    jaren_wia=jaren,
    jaren_ww=jaren,
)
def test_lgu_and_ww_together_never_pay_more_than_75_percent_of_the_higher_maandloon(
    tbs, period, ao, wia_dagloon, ww_dagloon, loon, wia_maand, ww_maand, jaren_wia, jaren_ww
):
    """WW next to the WGA loongerelateerde uitkering does not stack (issue 12): while a WW right runs, the
    LGU counts the WW maandloon M as income (AIB art. 3:3 lid 5), so with A the WIA maandloon and no
    dagloon above the maximum (C/D = 1): LGU <= 0,75 x (A - M) when M < A, else 0, and WW <= 0,75 x M.
    Without that rule a WGA 50 % person with both dagloons 150 got 140 % of his old wage."""
    r = calculate(
        tbs, period,
        [{
            "arbeidsongeschiktheidspercentage": ao, "wia_dagloon": wia_dagloon, "ww_dagloon": ww_dagloon,
            "loon": loon, "wia_maanden_sinds_aanvang": wia_maand, "ww_maanden_sinds_aanvang": ww_maand,
            "wia_arbeidsverleden_jaren": int(jaren_wia), "ww_arbeidsverleden_jaren": jaren_ww,
        }],
        ["wga_loongerelateerde_uitkering", "ww_uitkering", "wia_maandloon", "ww_maandloon"],
    )
    lgu, ww = float(r["wga_loongerelateerde_uitkering"][0]), float(r["ww_uitkering"][0])
    hoogste = max(float(r["wia_maandloon"][0]), float(r["ww_maandloon"][0]))
    assert lgu + ww <= 0.75 * hoogste + 0.01
