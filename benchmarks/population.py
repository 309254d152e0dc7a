"""Benchmark: generate a synthetic WIA population and compute it.

    python benchmarks/population.py [N_ASSESSED] [--compute]

Generates N assessed persons (default 1,000,000, each with a household: about 2.4 N persons) and
reports the time; with --compute it also builds one simulation and computes wia_uitkering and
besteedbaar_inkomen for 2025-01 (needs the law modules).
"""

from __future__ import annotations

import sys
import time

from openfisca_nl_sz.population.generator import generate, implied_stock


def main(argv):
    n = int(argv[0]) if argv and argv[0].isdigit() else 1_000_000
    t = time.perf_counter()
    pop = generate(n, seed=1)
    gen = time.perf_counter() - t
    print(f"generate: {n:,} households, {pop.population.n_persons:,} persons in {gen:.2f} s")
    print(f"implied structural WIA stock (baseline outcomes): {implied_stock(pop, pop.outcome > 0):,.0f}")
    if "--compute" in argv:
        from openfisca_nl_sz import CountryTaxBenefitSystem
        from openfisca_nl_sz.population import build_simulation

        tbs = CountryTaxBenefitSystem()
        t = time.perf_counter()
        sim = build_simulation(tbs, pop.restricted_to(tbs.variables), "2025-01")
        print(f"build simulation: {time.perf_counter() - t:.2f} s")
        for name in ("wia_uitkering", "besteedbaar_inkomen"):
            t = time.perf_counter()
            values = sim.calculate(name, "2025-01")
            print(f"calculate {name}: {time.perf_counter() - t:.2f} s (mean {values.mean():.2f})")


if __name__ == "__main__":
    main(sys.argv[1:])
