"""Benchmark: the exact gross-up of the bijstand against the iterative one it replaced (issue 14 point 1).

    python benchmarks/gross_up.py [N_HOUSEHOLDS]

Builds N single-person households (default 200,000; random age 18-80, so some at the AOW age, and a
random wage, 0 for about a third, so that many get bijstand) through the generic OpenFisca API and
computes one month (2026-01) of `besteedbaar_inkomen`, the whole chain, twice in this one run:
- "before": the model with `ib_bijstand_bruto_jaar` replaced (by a reform, only here) with an inline
  copy of the former gross-up: 60 steps of bisection over EVERY person, the box-1 heffing evaluated 62
  times, capped at a marginal rate of 60 %;
- "after": the model as it is (openfisca_nl_sz/legal/gross_up.py: exact, only persons with bijstand).
It prints households per second of each, the speed-up, the time spent inside the gross-up function
during the chain (timed by a wrapper), and how far the two results are apart: the new gross-up takes the
highest gross that gives the net where the whole-euro rounding lets two fit (the old one took either),
so the gross can differ by up to about € 1 a year and the chain's result by cents.
Each figure is one measurement (a few seconds in all); on a loaded machine rerun and compare ratios.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from openfisca_core.model_api import MONTH, Variable
from openfisca_core.reforms import Reform

from openfisca_nl_sz import CountryTaxBenefitSystem
from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.legal import box1, gross_up

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chain import PERIOD, vector_simulation  # noqa: E402 - the chain benchmark's simulation of single households

_IN_GROSS_UP = [0.0]  # seconds spent inside the gross-up function, per run


def _getimed(functie):
    def gemeten(*args, **kwargs):
        t = time.perf_counter()
        try:
            return functie(*args, **kwargs)
        finally:
            _IN_GROSS_UP[0] += time.perf_counter() - t

    return gemeten


def oude_bruto_uit_netto(netto, ander_inkomen, parameters, aow_gerechtigd=False, aok=0):
    """The former gross-up (variables/bijstand_fiscaal.py before issue 14), kept here only to compare."""
    netto = np.maximum(np.asarray(netto, dtype=np.float64), 0)
    ander = np.maximum(np.asarray(ander_inkomen, dtype=np.float64), 0)
    heffing_ander = box1.heffing_na_algemene_heffingskorting(ander, parameters, aow_gerechtigd, aok)
    onder = netto.copy()
    boven = netto / (1 - 0.6) + 1
    for _ in range(60):
        midden = (onder + boven) / 2
        extra = box1.heffing_na_algemene_heffingskorting(ander + midden, parameters, aow_gerechtigd, aok) - heffing_ander
        te_laag = midden - extra < netto
        onder = np.where(te_laag, midden, onder)
        boven = np.where(te_laag, boven, midden)
    return np.where(netto > 0, (onder + boven) / 2, 0)


class ib_bijstand_bruto_jaar(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Gross bijstand per year, former iterative gross-up (benchmark only)"

    def formula(persoon, period, parameters):
        netto_jaar = 12 * np.maximum(persoon("ib_bijstand_netto_aandeel", period), 0)
        ander = persoon("ib_belastbaar_inkomen_jaar", period)
        aow = persoon("ib_boven_aow_leeftijd", period)
        aok = persoon("ib_alleenstaande_ouderenkorting_jaar", period)
        return _getimed(oude_bruto_uit_netto)(netto_jaar, ander, parameters(period), aow_gerechtigd=aow, aok=aok)


class OudeGrossUp(Reform):
    name = "former iterative gross-up of the bijstand"

    def apply(self):
        self.update_variable(ib_bijstand_bruto_jaar)


def meet(sim, variabele):
    t = time.perf_counter()
    waarden = sim.calculate(variabele, PERIOD)
    return time.perf_counter() - t, np.asarray(waarden, dtype=np.float64)


def main(argv):
    n = int(argv[0]) if argv and argv[0].isdigit() else 200_000
    rng = np.random.default_rng(14)
    leeftijd = rng.integers(18, 81, n)
    loon = np.where(rng.random(n) < 1 / 3, 0.0, rng.uniform(0, 5000, n)).round(2)

    nu = CountryTaxBenefitSystem()
    voor = OudeGrossUp(nu)
    # The variable's formula calls gross_up.bruto_uit_netto_box1 through the module: time it there.
    gross_up.bruto_uit_netto_box1 = _getimed(gross_up.bruto_uit_netto_box1)

    uitkomst = {}
    for naam, tbs in (("before", voor), ("after", nu)):
        sim = vector_simulation(tbs, leeftijd, loon)
        _IN_GROSS_UP[0] = 0.0
        tijd, besteedbaar = meet(sim, "besteedbaar_inkomen")
        bruto = np.asarray(sim.calculate("ib_bijstand_bruto_jaar", PERIOD), dtype=np.float64)  # cached
        uitkomst[naam] = (tijd, besteedbaar, _IN_GROSS_UP[0], bruto)
        print(f"{naam:>6}: besteedbaar_inkomen {n / tijd:>10,.0f} households/s ({tijd:.2f} s),"
              f" of which in the gross-up {_IN_GROSS_UP[0]:.3f} s")

    (t_voor, b_voor, g_voor, br_voor), (t_na, b_na, g_na, br_na) = uitkomst["before"], uitkomst["after"]
    met_bijstand = int((br_na > 0).sum())
    print(f"speed-up: whole chain {t_voor / t_na:.1f}x, gross-up itself {g_voor / g_na:.1f}x"
          f" ({met_bijstand:,} of {n:,} households have bijstand)")
    print(f"difference after - before: gross bijstand per year max {np.abs(br_na - br_voor).max():.2f} EUR"
          f" (after ≥ before - 0.01 for all: {bool((br_na >= br_voor - 0.01).all())});"
          f" besteedbaar_inkomen per month max {np.abs(b_na - b_voor).max():.2f} EUR,"
          f" {int((np.abs(b_na - b_voor) > 0.005).sum()):,} households differ by more than half a cent")


if __name__ == "__main__":
    main(sys.argv[1:])
