"""Benchmark of the harm search. Prints figures; asserts nothing (run: python benchmarks/search.py).

1. The default `nlsz scan` (both periods of scenarios/scan_default.yaml, its seed, an empty output
   folder, the report written): wall time per phase — replay, grid, Hypothesis search, shrinking,
   explanation (each regeling switched off alone and in pairs), cards with reach, report (charts,
   regression tests, files) — and in total (issue 14: 40 s or less on the 2-core machine).
2. `nlsz compare scenarios/wia_grens_25.yaml`: wall time per phase — population, baseline, reform,
   ranges, differential harm search, report — and in total (issue 14: 6 s or less).
3. Household evaluations per second: the vectorised scan (one simulation for all points of an axis)
   against one simulation per household, on the same households, measured in the same run so that
   the ratio is meaningful on a shared, noisy machine (`--evaluations`).
4. Optionally (`--one-by-one`), the finish phase of a small scan batched against one harm at a time,
   in the same run: the ratio the batching of issue 14 point 3 brings.

Bounded: the scan runs with `--budget` seconds (default 400, the config's own), compare is one
scenario; nothing else runs unless asked for.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from openfisca_nl_sz import CountryTaxBenefitSystem
from openfisca_nl_sz.search.config import load_config
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.run import Progress, run_scan

SCAN_PHASES = (("replay", "replay of an earlier run"), ("grid", "grid (starting households × axes)"),
               ("search", "Hypothesis search"), ("shrink", "shrinking"), ("explain", "explaining (rules, samenloop)"),
               ("cards", "cards and reach"), ("report", "report (charts, regression tests, files)"))


def default_scan(system, budget: float) -> None:
    from openfisca_nl_sz.report.write import write_outputs

    config = load_config(None, system)
    config.budget_seconds = budget
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        result = run_scan(config, out, system=system, progress=Progress(False))
        mark = time.perf_counter()
        write_outputs(result, out, system, config)
        report = time.perf_counter() - mark
        total = time.perf_counter() - start
    phases = dict(result["_timings"]["phases"], report=report)
    print(f"default nlsz scan ({', '.join(config.periods)}; seed {config.seed}; {len(result['findings'])} findings, "
          f"{len(result['cards'])} cards; stopped by {result['run']['stopped_by']}):")
    for key, label in SCAN_PHASES:
        print(f"  {label:<44} {phases.get(key, 0.0):7.1f} s")
    rest = total - sum(phases.get(key, 0.0) for key, _ in SCAN_PHASES)
    print(f"  {'other (coverage, setup)':<44} {rest:7.1f} s")
    print(f"  {'total':<44} {total:7.1f} s   (issue 14 target: 40 s)")
    print(f"  {result['_timings']['evaluations']:,} household evaluations")
    for kind, first in sorted(result["_timings"]["first_seen_seconds"].items(), key=lambda kv: kv[1]):
        print(f"  first {kind:<24} after {first:6.2f} s")


#: compare's progress lines, in order, and the phase that ends with each.
COMPARE_PHASES = (("population:", "population"), ("baseline computed", "baseline"), ("reform computed", "reform"),
                  ("differential harm search", "planning line and ranges"), ("harms:", "differential harm search"),
                  ("wrote ", "report (charts, comparison.json)"))


def compare(scenario: str) -> None:
    from openfisca_nl_sz.compare import run_compare

    stamps = []

    def progress(message: str) -> None:
        stamps.append((time.perf_counter(), message))

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run_compare(scenario, out, progress=progress)
        total = time.perf_counter() - start
    print(f"nlsz compare {scenario}:")
    previous, done = start, set()
    for stamp, message in stamps:
        for prefix, label in COMPARE_PHASES:
            if message.startswith(prefix) and label not in done:
                print(f"  {label:<44} {stamp - previous:7.1f} s")
                previous = stamp
                done.add(label)
    print(f"  {'total':<44} {total:7.1f} s   (issue 14 target: 6 s)")


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


def finish_one_by_one(system, examples: int) -> None:
    """The finish phase (shrink + explain) of one scan, batched and then one harm at a time."""
    import json

    from openfisca_nl_sz.search import run as run_module
    from openfisca_nl_sz.search.batch import drive

    config = load_config(None, system)
    config.max_examples = examples
    config.periods, config.period = config.periods[:1], config.periods[0]
    seconds, outputs = {}, {}
    original = run_module.run_all
    for mode in ("batched", "one harm at a time"):
        if mode != "batched":
            run_module.run_all = lambda generators, deadline=None, left_out=None: [drive(g) for g in generators]
        try:
            with tempfile.TemporaryDirectory() as out:
                result = run_scan(config, out, system=system, progress=Progress(False))
        finally:
            run_module.run_all = original
        phases = result["_timings"]["phases"]
        seconds[mode] = phases["grid"] + phases["shrink"] + phases["explain"]
        outputs[mode] = json.dumps(result["findings"], sort_keys=True, default=str)
    same = "same findings" if outputs["batched"] == outputs["one harm at a time"] else "FINDINGS DIFFER"
    print(f"grid + finish of a one-period scan with {examples} examples:")
    for mode, value in seconds.items():
        print(f"  {mode:<44} {value:7.1f} s")
    print(f"  ratio: {seconds['one harm at a time'] / seconds['batched']:.1f}x ({same})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=400.0, help="--budget of the timed scan (seconds)")
    parser.add_argument("--scenario", default=str(Path(__file__).resolve().parent.parent / "scenarios" / "wia_grens_25.yaml"))
    parser.add_argument("--evaluations", action="store_true", help="also households per second, vectorised vs one by one")
    parser.add_argument("--points", type=int, default=20_000, help="households in the vectorised evaluation")
    parser.add_argument("--loop-sample", type=int, default=200, help="households evaluated one by one")
    parser.add_argument("--one-by-one", type=int, default=0, metavar="EXAMPLES",
                        help="also time the finish phase batched vs one harm at a time (a one-period scan with this many examples)")
    args = parser.parse_args()
    system = CountryTaxBenefitSystem()
    default_scan(system, args.budget)
    compare(args.scenario)
    if args.one_by_one:
        finish_one_by_one(system, args.one_by_one)
    if args.evaluations:
        config = load_config(None, system)
        evaluations_per_second(system, config, args.points, args.loop_sample)


if __name__ == "__main__":
    main()
