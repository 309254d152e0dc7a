"""Benchmark of the harm search. Prints figures; asserts nothing (run: python benchmarks/search.py).

1. Household evaluations per second: the vectorised scan (one simulation for all points of an axis)
   against one simulation per household, on the same households, measured in the same run so that
   the ratio is meaningful on a shared, noisy machine.
2. Time to the first finding of each kind in a default `nlsz scan` (grid + Hypothesis), without
   the final shrinking and report.
"""

from __future__ import annotations

import argparse
import tempfile
import time

import numpy as np

from openfisca_nl_sz import CountryTaxBenefitSystem
from openfisca_nl_sz.search.config import load_config
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.run import Progress, run_scan


def evaluations_per_second(system, config, points: int, loop_sample: int) -> None:
    name, household = config.templates[1]
    axis = next(a for a in config.axes_for(household) if a.name == "loon@partner")
    households = [axis.apply(household, x) for x in np.linspace(0, 5000, points)]
    evaluator = Evaluator(system, config.period)

    start = time.perf_counter()
    vectorised = evaluator.evaluate(households, ["besteedbaar_inkomen"])["besteedbaar_inkomen"]
    vector_seconds = time.perf_counter() - start

    sample = households[:: max(1, points // loop_sample)][:loop_sample]
    start = time.perf_counter()
    looped = [evaluator.evaluate([h], ["besteedbaar_inkomen"])["besteedbaar_inkomen"][0] for h in sample]
    loop_seconds = time.perf_counter() - start

    index = list(range(0, points, max(1, points // loop_sample)))[:loop_sample]
    assert np.allclose(vectorised[index], looped), "vectorised and looped results differ"
    vector_rate = points / vector_seconds
    loop_rate = len(sample) / loop_seconds
    print(f"household template: {name}, axis {axis.name}")
    print(f"  vectorised: {points:>7} households in {vector_seconds:7.3f} s = {vector_rate:>10,.0f} households/s")
    print(f"  one simulation per household: {len(sample):>4} households in {loop_seconds:7.3f} s = {loop_rate:>10,.0f} households/s")
    print(f"  ratio vectorised / loop: {vector_rate / loop_rate:,.0f}x (same households, same run; results identical)")


def time_to_first_finding(system, config) -> None:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = run_scan(config, out, system=system, progress=Progress(False), shrink_findings=False)
        seconds = time.perf_counter() - start
    timings = result["_timings"]
    print(f"default scan without shrinking: {seconds:.1f} s, {timings['evaluations']:,} household evaluations "
          f"({timings['evaluations'] / seconds:,.0f}/s), {len(result['findings'])} findings")
    for kind, first in sorted(timings["first_seen_seconds"].items(), key=lambda kv: kv[1]):
        print(f"  first {kind:<24} after {first:6.2f} s")
    missing = {"cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum", "samenloop"} - set(timings["first_seen_seconds"])
    if missing:
        print(f"  not found in this run: {', '.join(sorted(missing))}")
    print("  (samenloop is decided per harm in the finish phase, by switching laws off; its time includes the scan)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=20_000, help="households in the vectorised evaluation")
    parser.add_argument("--loop-sample", type=int, default=200, help="households evaluated one by one")
    parser.add_argument("--examples", type=int, default=60, help="Hypothesis examples in the timed scan")
    args = parser.parse_args()
    system = CountryTaxBenefitSystem()
    config = load_config(None, system)
    config.max_examples = args.examples
    evaluations_per_second(system, config, args.points, args.loop_sample)
    time_to_first_finding(system, config)


if __name__ == "__main__":
    main()
