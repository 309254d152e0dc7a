"""The exact gross-up of the bijstand (openfisca_nl_sz/legal/gross_up.py), under the law and under reforms.

Properties (Hypothesis, the "ci" profile of tests/conftest.py):
- gross-up then tax gives back the net to the cent: G − [T(O + G) − T(O)] = N, with T the law's own
  box-1 heffing after the loonheffingskorting (box1.heffing_na_algemene_heffingskorting), for 2024,
  2025 and 2026, below and from the AOW age (with and without the alleenstaande ouderenkorting);
- G is the highest gross that fits: a brute force over every whole euro above G (2.000 of them) finds
  no income at which the net is N or less;
- the same under a test-only reform with a 75 % box-1 tariff in every bracket (first bracket
  belastingdeel 47,35 % + premies 27,65 %), where the gross is more than 2,5 × the net: the earlier
  bisection searched only up to net / (1 − 0,6) + 1 and could not reach it;
- above 100 % (test-only reforms where the net falls with the gross): the highest gross of the first
  run of fitting whole euros, or +inf where none fits, against a brute force over every whole euro.
Hand-worked cases: the two fits of one net under the law (the higher is taken), the 75 % reform, and a
reform above 100 % where a net is out of reach (+inf).
"""

import numpy
import pytest
from hypothesis import given, settings, strategies as st
from openfisca_core import periods
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.legal import box1, gross_up

PERIODS = ["2024-01", "2025-01", "2026-01"]
BOVEN_BRUTO = 2000  # whole euros above the gross checked by brute force


def _tarief_reform(tbs, gecombineerd):
    """Test-only reform: the combined box-1 rate (belastingdeel + premies below the AOW age) is `gecombineerd`
    in every bracket, or per bracket if it is a tuple of three."""
    per_schijf = gecombineerd if isinstance(gecombineerd, tuple) else (gecombineerd,) * 3

    class Tarief(Reform):
        name = f"box 1 at {per_schijf}"

        def apply(self):
            def wijzig(parameters):
                ib = parameters.inkomstenbelasting
                for jaar in (2024, 2025, 2026):
                    premies = ib.premies_volksverzekeringen.percentage(f"{jaar}-01-01")
                    for i, schijf in enumerate(ib.tarief.belasting.brackets):
                        # The premies volksverzekeringen are levied in the first bracket only.
                        waarde = per_schijf[i] - (premies if i == 0 else 0)
                        schijf.rate.update(period=periods.period(str(jaar)), value=waarde)
                return parameters

            self.modify_parameters(modifier_function=wijzig)

    return Tarief(tbs)


@pytest.fixture(scope="module")
def reform_75(tbs):
    return _tarief_reform(tbs, 0.75)


def _netto(bruto, ander, p, aow, aok):
    """Gross-up then tax: the net the gross leaves, with the law's own heffing."""
    heffing = box1.heffing_na_algemene_heffingskorting
    return bruto - (heffing(ander + bruto, p, aow, aok) - heffing(ander, p, aow, aok))


def _bruto(netto, ander, p, aow, aok):
    return gross_up.bruto_uit_netto_box1(netto, ander, p, aow, aok)


cents = st.integers(min_value=0, max_value=6_000_000).map(lambda c: c / 100)
personen = st.lists(
    st.tuples(
        st.one_of(st.just(0.0), cents, st.floats(min_value=0.01, max_value=60_000)),  # net per year
        st.one_of(st.just(0.0), st.integers(min_value=0, max_value=15_000_000).map(lambda c: c / 100)),  # other income
        st.booleans(),  # AOW age
        st.booleans(),  # alleenstaande ouderenkorting (only from the AOW age)
    ),
    min_size=1,
    max_size=20,
)


def _controleer_eigenschappen(p, gevallen):
    netto = numpy.array([g[0] for g in gevallen])
    ander = numpy.array([g[1] for g in gevallen])
    aow = numpy.array([g[2] for g in gevallen])
    aok_bedrag = float(p.inkomstenbelasting.heffingskortingen.alleenstaande_ouderenkorting)
    aok = numpy.array([aok_bedrag if g[2] and g[3] else 0.0 for g in gevallen])
    bruto = _bruto(netto, ander, p, aow, aok)

    assert numpy.isfinite(bruto).all()
    assert (bruto[netto == 0] == 0).all()
    # Gross-up then tax gives back the net to the cent.
    terug = _netto(bruto, ander, p, aow, aok)
    numpy.testing.assert_allclose(terug, netto, rtol=0, atol=0.005)
    assert (bruto >= netto - 1e-6).all()  # the heffing never falls with income under these tariffs

    # The highest fit: on every whole euro g of income above O + G the net is more than N. (The lowest
    # net of the euro segment of g is at its first half cent, g − 0,005: so net(g) ≥ N + 0,005.)
    heeft = netto > 0
    stappen = numpy.arange(1, BOVEN_BRUTO + 1)
    g = box1.euro_down(ander + bruto)[heeft, None] + stappen
    o = numpy.repeat(ander[heeft], BOVEN_BRUTO)
    a = numpy.repeat(aow[heeft], BOVEN_BRUTO)
    k = numpy.repeat(aok[heeft], BOVEN_BRUTO)
    netto_hoger = _netto(g.reshape(-1) - o, o, p, a, k).reshape(g.shape)
    assert (netto_hoger - netto[heeft, None] >= 0.005 - 2e-6).all()
    return bruto, netto


@settings(max_examples=30, deadline=None)
@given(gevallen=personen, period=st.sampled_from(PERIODS))
def test_gross_up_then_tax_gives_the_net_under_the_law(tbs, gevallen, period):
    _controleer_eigenschappen(tbs.parameters(period), gevallen)


@settings(max_examples=30, deadline=None)
@given(gevallen=personen, period=st.sampled_from(PERIODS))
def test_gross_up_then_tax_gives_the_net_under_a_75_percent_tariff(reform_75, gevallen, period):
    _controleer_eigenschappen(reform_75.parameters(period), gevallen)


def test_two_fits_under_the_law_the_higher_is_taken(tbs):
    # 2026, below the AOW age: O = 10.368 (wage 800 × 12 × 1,08), N = 9.042 (bijstand 753,50 × 12),
    # as in bijstand_bruto.yaml. T(O) = 0,3575 × 10.368 − 3.115 = 591,56; below 29.736 (AHK afbouwpunt)
    # T(O + G) − T(O) = 0,3575 × floor(O + G) − 3.115 − 591,56, so G = 9.042 + 0,3575 × floor(O + G) − 3.706,56:
    # - floor(O + G) = 24.441: G = 9.042 + 8.737,6575 − 3.706,56 = 14.073,0975 (O + G = 24.441,0975 ✓)
    # - floor(O + G) = 24.440: G = 9.042 + 8.737,30 − 3.706,56 = 14.072,74 (O + G = 24.440,74 ✓)
    # Both give exactly N; the higher (what solving by hand gives) is the result.
    p = tbs.parameters("2026-01")
    for g in (14073.0975, 14072.74):
        assert _netto(numpy.array([g]), numpy.array([10368.0]), p, False, 0) == pytest.approx(9042, abs=1e-6)
    bruto = _bruto([9042.0], [10368.0], p, False, 0)
    assert bruto[0] == pytest.approx(14073.0975, abs=1e-6)


def test_75_percent_tariff_beyond_the_old_cap(reform_75):
    # 2026, 75 % combined in every bracket, O = 0, N = 9.000. Below the AHK afbouwpunt 29.736:
    # T(G) = 0,75 × floor(G) − 3.115 (AHK 2026), so G = 9.000 − 3.115 + 0,75 × floor(G) = 5.885 + 0,75 × floor(G).
    # Unrounded: 0,25 G = 5.885 → G = 23.540; floor 23.540: G = 5.885 + 17.655 = 23.540,00 ✓
    # (floor 23.541 would give 23.540,75, not in that euro). Check: tax 17.655 − 3.115 = 14.540;
    # 23.540 − 14.540 = 9.000. The old bisection searched up to 9.000 / 0,4 + 1 = 22.501 < 23.540.
    p = reform_75.parameters("2026-01")
    bruto = _bruto([9000.0], [0.0], p, False, 0)
    assert bruto[0] == pytest.approx(23540.00, abs=1e-6)
    assert bruto[0] > 9000 / (1 - 0.6) + 1


def test_75_percent_tariff_through_the_chain(reform_75):
    # A single person of 30 without income, 2026: bijstand 1.401,50 (norm incl. vakantietoeslag), N = 16.818.
    # Under the 75 % tariff the gross is far above the old cap 16.818 / 0,4 + 1 = 42.046; the gross,
    # taxed with the reform's own heffing, gives back the net (to 2 cents: the variable is float32,
    # whose step near 60.000 is 0,004).
    situatie = {
        "personen": {"a": {"leeftijd": {"2026-01": 30}}},
        "huishoudens": {"h": {"aanvragers": ["a"], "huur": {"2026-01": 600}}},
    }
    sim = SimulationBuilder().build_from_entities(reform_75, situatie)
    assert sim.calculate("bijstand", "2026-01")[0] == pytest.approx(1401.50, abs=0.005)
    bruto = sim.calculate("ib_bijstand_bruto_jaar", "2026-01").astype(numpy.float64)
    p = reform_75.parameters("2026-01")
    assert bruto[0] > 16818 / (1 - 0.6) + 1
    assert _netto(bruto, numpy.zeros(1), p, False, 0)[0] == pytest.approx(16818, abs=0.02)


personen_klein = st.lists(
    st.tuples(
        # net per year up to 10.000, mostly whole hundreds of euros and above (Hypothesis likes tiny values,
        # which all fall in the tax-free range)
        st.one_of(st.integers(min_value=1, max_value=1_000_000), st.integers(min_value=100_00, max_value=10_000_00))
        .map(lambda c: c / 100),
        st.one_of(st.just(0.0), st.integers(min_value=0, max_value=5_000_000).map(lambda c: c / 100)),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)
BOVEN_ONBEREIKBAAR = 30_000  # whole euros above O checked by brute force where no gross is found


@settings(max_examples=15, deadline=None)
@given(gevallen=personen_klein, period=st.sampled_from(PERIODS), tarief=st.sampled_from([1.10, (0.75, 0.75, 1.10)]))
def test_above_100_percent_the_first_run_of_fits_or_none(tbs, gevallen, period, tarief):
    # Test-only reforms: 110 % combined in every bracket, so the net falls with the gross above the
    # AHK's reach; or 75 % up to the top bracket and 110 % in it, so the net rises (with several fits of
    # one net about a euro apart) and then falls. The gross gives the net (to the cent) and is the
    # highest of the first run of fitting whole euros; +inf if none fits.
    # Brute force over every whole euro g from O up: the euro segment of g (incomes rounding to g) holds
    # a solution iff net(g) − N lies in [−0,995; 0,005] (the net rises by 1 per euro inside it).
    p = _tarief_reform(tbs, tarief).parameters(period)
    netto = numpy.array([g[0] for g in gevallen])
    ander = numpy.array([g[1] for g in gevallen])
    aow = numpy.array([g[2] for g in gevallen])
    bruto = _bruto(netto, ander, p, aow, 0.0)
    for n, o, a, b in zip(netto, ander, aow, bruto):
        g_o = box1.euro_down(o)
        if numpy.isfinite(b):
            assert _netto(numpy.array([b]), numpy.array([o]), p, a, 0.0)[0] == pytest.approx(n, abs=0.005)
            euros = numpy.arange(g_o, box1.euro_down(o + b) + 2)  # up to one euro above G's
        else:
            euros = numpy.arange(g_o, g_o + BOVEN_ONBEREIKBAAR)
        verschil = _netto(euros - o, numpy.full(euros.shape, o), p, a, 0.0) - n
        # The segment of g_o starts at O itself (G = 0, net 0): it holds a solution iff N ≤ g_o + 0,995 − O.
        verschil[0] = g_o - o - n
        past = (verschil <= 0.005 - 1e-6) & (verschil >= -0.995 + 1e-6)
        if numpy.isfinite(b):
            # No fit, then fits up to G's whole euro, and the euro above it no fit.
            eerste = numpy.argmax(past)
            assert past[-2] and not past[-1], (n, o, a, b)
            assert past[eerste:-1].all() and not past[:eerste].any(), (n, o, a, b)
        else:
            assert not past.any(), (n, o, a, euros[past][:3])


def test_above_100_percent_at_the_top_the_first_run(tbs):
    # Test-only reform, 2026: 75 % combined up to 78.426, 110 % above; O = 0, N = 9.000. Below 29.736 (AHK
    # afbouwpunt), T(G) = 0,75 × floor(G) − 3.115, so G = 5.885 + 0,75 × floor(G). A whole euro g fits iff
    # 5.885 + 0,75 g lies in [g − 0,005; g + 0,995), i.e. 0,25 g in (5.884,005; 5.885,005]: g = 23.537 … 23.540,
    # G = 23.537,75; 23.538,50; 23.539,25; 23.540,00, all with net exactly 9.000: one run of fits, whose
    # highest is taken, 23.540,00, as under the 75 % tariff in every bracket (test_75_percent_tariff_beyond_the_old_cap).
    # Above 78.426 (110 %) the net falls and meets 9.000 again: at 78.426 the AHK is 0 (it ends at
    # 29.736 + 3.115 / 0,06398 = 78.423), the net is 78.426 − 0,75 × 78.426 = 19.606,50, and it falls by
    # 0,10 per euro, so it is 9.000 again from about 78.426 + 106.065 = 184.491: a later run, not taken.
    p = _tarief_reform(tbs, (0.75, 0.75, 1.10)).parameters("2026-01")
    bruto = _bruto([9000.0], [0.0], p, False, 0)
    assert bruto[0] == pytest.approx(23540.00, abs=1e-6)


def test_out_of_reach_above_100_percent(tbs):
    # Test-only reform, 2026: combined rate 110 % in every bracket, O = 0. T(G) = max(1,10 × floor(G) − AHK, 0)
    # with AHK 3.115 below 29.736: no heffing up to floor(G) = 2.831 (1,10 × 2.831 = 3.114,10), so the net
    # is G up to 2.831,99…, and above it the net falls (each euro of gross costs 1,10 in heffing).
    # - N = 1.000: G = 1.000 (no heffing), the first gross that gives it. (Far above, around
    #   floor(G) ≈ 27.650, where 0,10 × floor(G) − 3.115 ≈ −1.000 + (0 … 1), the falling net passes 1.000 once more.)
    # - N = 5.000: the net never gets above 2.832: no gross, +inf.
    p = _tarief_reform(tbs, 1.10).parameters("2026-01")
    bruto = _bruto([1000.0, 5000.0, 0.0], [0.0, 0.0, 0.0], p, False, 0)
    assert bruto[0] == pytest.approx(1000.0, abs=1e-6)
    assert bruto[1] == numpy.inf
    assert bruto[2] == 0


def test_only_persons_with_a_net_are_computed(tbs):
    # The heffing is asked only about persons with N > 0 (the others get 0 without a call).
    p = tbs.parameters("2026-01")
    gezien = []

    def heffing(inkomen, rijen):
        gezien.append(numpy.unique(rijen))
        return box1.heffing_na_algemene_heffingskorting(inkomen, p)

    netto = numpy.array([0.0, 12000.0, 0.0, 500.0])
    bruto = gross_up.bruto_uit_netto(netto, numpy.zeros(4), heffing, gross_up.knikken_box1(p))
    assert set(numpy.concatenate(gezien)) <= {1, 3}
    assert bruto[0] == 0 and bruto[2] == 0
    # N = 500 is below the AHK's reach (T = 0 up to 3.115 / 0,3575 = 8.713), so G = N.
    assert bruto[3] == pytest.approx(500.0, abs=1e-9)
