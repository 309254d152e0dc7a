"""Benchmark of the whole chain (issue 14 points 2, 4, 5 and 6), measured in one run. Prints; asserts nothing.

    python benchmarks/chain.py [--households 200000] [--loop 300] [--memory-households 1000000]
                               [--calc-persons 50000]

One month (2026-01) of `besteedbaar_inkomen`, the whole Dutch chain, through the generic OpenFisca
API, and what the speed-ups of issue 14 changed, each beside what it replaced:

1. Vectorised: N single-person households (random age 18-80 and wage, 0 for a third) in one
   simulation built from arrays; households per second with this package's populations
   (openfisca_nl_sz/populations.py: role masks once per simulation, short path for values in memory)
   and with OpenFisca's own populations. Beside it the country-template's figure for its whole chain
   (`disposable_income`) through the same code path, where `openfisca_country_template` is installed.
2. One simulation per household (what `nlsz calc`, the web API and every small simulation do):
   `--loop` households of the shipped examples, each validated, built and computed for the output
   variables of `nlsz calc`; households per second now (this package's populations, array builder)
   and with OpenFisca's populations and dict builder (the engine as before issue 14, today's law and
   other speed-ups kept), and the vectorised rate divided by the one-by-one rate. Then the figure
   the issue asks to halve: today's code against the code when issue 14 was filed (commit 2077008,
   written out of the git history by before_issue_14.py), each in a process of its own, taking turns.
3. Peak memory: a separate process builds and computes `--memory-households` households (default
   1 million, the figure of the issue) and reports its peak resident memory (VmHWM) and the
   increase over the process before the population was made; the increase is also given per 100k.
4. A situation of `--calc-persons` persons (about half in couples, some with children, some with a
   WIA benefit) written as JSON, and then as YAML, and given to `nlsz calc` in a subprocess: wall
   time; beside it
   OpenFisca's dict builder against the array builder (situation.build_from_arrays) on a tenth of it.

Every figure is one measurement on a shared 2-core machine: rerun and read the ratios, which are
measured side by side. The whole run takes well under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

import numpy as np
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

import before_issue_14

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2026-01"


def plain_populations(system):
    """`system` building OpenFisca's own populations instead of this package's."""
    system.instantiate_entities = types.MethodType(TaxBenefitSystem.instantiate_entities, system)
    return system


def single_households(n: int, seed: int = 14):
    rng = np.random.default_rng(seed)
    leeftijd = rng.integers(18, 81, n)
    loon = np.where(rng.random(n) < 1 / 3, 0.0, rng.uniform(0, 5000, n)).round(2)
    return leeftijd, loon


def vector_simulation(system, leeftijd, loon):
    n = leeftijd.size
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("persoon", np.arange(n))
    households = builder.declare_entity("huishouden", np.arange(n))
    builder.join_with_persons(households, np.arange(n), np.zeros(n, dtype=np.int64))  # all aanvrager
    simulation = builder.build(system)
    simulation.set_input("leeftijd", PERIOD, leeftijd)
    simulation.set_input("loon", PERIOD, loon)
    return simulation


def vectorised_rates(systems: dict, n: int, rounds: int = 3) -> tuple[dict, dict, dict]:
    """Best of `rounds` (households per second) per system, build + compute and compute alone, the
    systems taking turns in each round so that a burst of load elsewhere on the machine hits them
    alike; and each system's result."""
    leeftijd, loon = single_households(n)
    total = {name: float("inf") for name in systems}
    compute = dict(total)
    results = {}
    for _ in range(rounds):
        for name, system in systems.items():
            start = time.perf_counter()
            simulation = vector_simulation(system, leeftijd, loon)
            built = time.perf_counter()
            results[name] = np.asarray(simulation.calculate("besteedbaar_inkomen", PERIOD))
            done = time.perf_counter()
            total[name] = min(total[name], done - start)
            compute[name] = min(compute[name], done - built)
    return ({name: n / seconds for name, seconds in total.items()},
            {name: n / seconds for name, seconds in compute.items()}, results)


def template_rate(n: int) -> float | None:
    try:
        from openfisca_country_template import CountryTaxBenefitSystem as Template
    except ImportError:
        return None
    system = Template()
    rng = np.random.default_rng(14)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        builder = SimulationBuilder()
        builder.create_entities(system)
        builder.declare_person_entity("person", np.arange(n))
        households = builder.declare_entity("household", np.arange(n))
        builder.join_with_persons(households, np.arange(n), np.zeros(n, dtype=np.int64))
        simulation = builder.build(system)
        simulation.set_input("salary", PERIOD, rng.uniform(0, 5000, n).astype(np.float32))
        simulation.set_input("age", PERIOD, rng.integers(18, 81, n))
        simulation.calculate("disposable_income", PERIOD)
        best = min(best, time.perf_counter() - start)
    return n / best


def loop_rates(systems: dict, count: int, rounds: int = 3) -> dict:
    """Households per second, one simulation each, as `nlsz calc` does (validate, build, compute the
    output variables of calc); the systems take turns, `count` households each per round, best round."""
    from openfisca_nl_sz import situation as situation_io
    from openfisca_nl_sz.cli import DEFAULT_HOUSEHOLD_VARIABLES, DEFAULT_PERSON_VARIABLES, _compute
    from openfisca_nl_sz.validation import validate_situation

    situations = [situation_io.load_file(str(path)) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    best = {name: float("inf") for name in systems}
    fast_name = next(iter(systems))  # the first system builds from arrays; the others as before issue 14
    per_round = max(count // rounds, 1)
    for _ in range(rounds):
        for name, system in systems.items():
            names = [n for n in DEFAULT_PERSON_VARIABLES + DEFAULT_HOUSEHOLD_VARIABLES if n in system.variables]
            start = time.perf_counter()
            build = situation_io.build if name == fast_name else (
                lambda system, data, period, source: situation_io.build_from_dict(system, data, period, source))
            for index in range(per_round):
                data = validate_situation(system, situations[index % len(situations)], PERIOD, "loop")
                simulation = build(system, data, PERIOD, "loop")
                _compute(system, simulation, data, names, PERIOD)
            best[name] = min(best[name], (time.perf_counter() - start) / per_round)
    return {name: 1 / seconds for name, seconds in best.items()}


_LOOP_CHILD = r"""
import sys, time
root = sys.argv[1]
sys.path.insert(0, root)
from pathlib import Path
import openfisca_nl_sz
assert openfisca_nl_sz.__file__.startswith(root), openfisca_nl_sz.__file__
from openfisca_nl_sz import CountryTaxBenefitSystem, situation as situation_io
from openfisca_nl_sz.cli import DEFAULT_HOUSEHOLD_VARIABLES, DEFAULT_PERSON_VARIABLES, _compute
from openfisca_nl_sz.validation import validate_situation
system = CountryTaxBenefitSystem()
situations = [situation_io.load_file(str(p)) for p in sorted(Path(root, "examples").glob("*.yaml"))]
names = [n for n in DEFAULT_PERSON_VARIABLES + DEFAULT_HOUSEHOLD_VARIABLES if n in system.variables]
def run(k):
    start = time.perf_counter()
    for i in range(k):
        data = validate_situation(system, situations[i % len(situations)], {period!r}, "loop")
        simulation = situation_io.build(system, data, {period!r}, "loop")
        _compute(system, simulation, data, names, {period!r})
    return (time.perf_counter() - start) / k
run(20)
print(min(run({per_round}) for _ in range({rounds})))
"""


def loop_rates_against(roots: dict, count: int, turns: int = 2, rounds: int = 3) -> dict:
    """Households per second, one simulation each (as loop_rates), of the code in each folder of
    `roots` (name -> repository root), each in a process of its own; the folders take `turns` turns,
    `rounds` rounds of count // rounds households each per turn; the best round counts."""
    per_round = max(count // rounds, 1)
    code = _LOOP_CHILD.format(period=PERIOD, per_round=per_round, rounds=rounds)
    best = {name: float("inf") for name in roots}
    for _ in range(turns):
        for name, root in roots.items():
            out = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                                 cwd=root, check=True)
            best[name] = min(best[name], float(out.stdout.split()[-1]))
    return {name: 1 / seconds for name, seconds in best.items()}


_MEMORY_CHILD = r"""
import sys, numpy as np
sys.path.insert(0, {bench!r})
from chain import single_households, vector_simulation, PERIOD
from openfisca_nl_sz import CountryTaxBenefitSystem
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
def rss():
    return status("VmRSS")
system = CountryTaxBenefitSystem()
before = rss()
leeftijd, loon = single_households({n})
simulation = vector_simulation(system, leeftijd, loon)
total = float(np.asarray(simulation.calculate("besteedbaar_inkomen", PERIOD), dtype=np.float64).sum())
# VmHWM, the peak of this process's own memory (getrusage's ru_maxrss would also count the
# parent's memory at the fork that started this process)
peak = status("VmHWM")
print(before, peak, total)
"""


def peak_memory(n: int) -> tuple[int, int]:
    code = _MEMORY_CHILD.format(bench=str(Path(__file__).parent), n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    before, peak, _total = out.stdout.split()
    return int(before), int(peak)


def big_situation(persons: int, seed: int = 5) -> dict:
    """About `persons` persons in households of 1-4 (couples and children), some with a WIA benefit."""
    rng = np.random.default_rng(seed)
    personen, huishoudens = {}, {}
    number = household = 0
    while number < persons:
        size = int(rng.integers(1, 5))
        ids = []
        for position in range(size):
            pid = f"p{number}"
            number += 1
            adult = position < 2
            person = {"leeftijd": int(rng.integers(40, 66)) if adult else int(rng.integers(0, 18))}
            if adult and rng.random() < 0.2:
                person.update(arbeidsongeschiktheidspercentage=float(rng.integers(35, 80)), wia_dagloon=150.0,
                              wia_maanden_sinds_aanvang=int(rng.integers(0, 60)))
            elif adult and rng.random() < 0.7:
                person["loon"] = float(round(rng.uniform(500, 4500), 2))
            personen[pid] = person
            ids.append(pid)
        entry = {"aanvragers": ids[:1], "huur": float(round(rng.uniform(400, 1000), 2))}
        if size > 1:
            entry["partners"] = ids[1:2]
        if size > 2:
            entry["kinderen"] = ids[2:]
        huishoudens[f"h{household}"] = entry
        household += 1
    return {"personen": personen, "huishoudens": huishoudens}


def calc_wall_time(persons: int, kind: str = "json") -> tuple[float, int, int]:
    """Wall time of `nlsz calc` (a whole process) on a situation of about `persons` persons, written as
    JSON or YAML (the same situation)."""
    situation = big_situation(persons)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"situation.{kind}"
        if kind == "json":
            path.write_text(json.dumps(situation))
        else:
            import yaml

            path.write_text(yaml.safe_dump(situation, sort_keys=False))
        nlsz = Path(sys.executable).with_name("nlsz")
        command = [str(nlsz)] if nlsz.exists() else [sys.executable, "-m", "openfisca_nl_sz.cli"]
        start = time.perf_counter()
        done = subprocess.run([*command, "calc", str(path), "--period", PERIOD, "--format", "json"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"  nlsz calc failed (exit {done.returncode}): {done.stderr.strip()[:300]}")
    return seconds, len(situation["personen"]), done.returncode


def builders(system, persons: int) -> tuple[float, float]:
    from openfisca_nl_sz import situation as situation_io
    from openfisca_nl_sz.validation import validate_situation

    data = validate_situation(system, big_situation(persons), PERIOD, "bench", max_persons=10 * persons)
    start = time.perf_counter()
    situation_io.build_from_dict(system, data, PERIOD, "bench")
    by_dict = time.perf_counter() - start
    start = time.perf_counter()
    situation_io.build_from_arrays(system, data, PERIOD)
    by_arrays = time.perf_counter() - start
    return by_dict, by_arrays


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=200_000)
    parser.add_argument("--loop", type=int, default=450)
    parser.add_argument("--memory-households", type=int, default=1_000_000)
    parser.add_argument("--calc-persons", type=int, default=50_000)
    args = parser.parse_args(argv)

    from openfisca_nl_sz import CountryTaxBenefitSystem

    systems = {"this package's populations": CountryTaxBenefitSystem(),
               "OpenFisca's populations": plain_populations(CountryTaxBenefitSystem())}
    fast_name, plain_name = list(systems)
    n = args.households
    print(f"1. vectorised, {n:,} single-person households, besteedbaar_inkomen {PERIOD} (build + compute, best of 3 alternating rounds)")
    vector, computing, results = vectorised_rates(systems, n)
    same = bool(np.array_equal(results[fast_name], results[plain_name]))
    for name in systems:
        print(f"   {name:28}: {vector[name]:>10,.0f} households/s build + compute,"
              f" {computing[name]:>10,.0f} households/s compute alone")
    print(f"   ratio {vector[fast_name] / vector[plain_name]:.2f}x (compute alone {computing[fast_name] / computing[plain_name]:.2f}x);"
          f" identical results: {same}")
    template = template_rate(n)
    if template is None:
        print("   country-template: not installed (pip install openfisca-country-template to print it here)")
    else:
        print(f"   country-template disposable_income: {template:,.0f} households/s build + compute;"
              f" this chain is {vector[fast_name] / template:.2f} of it")

    print(f"2. one simulation per household ({args.loop} households of examples/ each, as nlsz calc: validate, build, compute)")
    loop_rates(systems, 6, rounds=1)  # warm up both
    loop = loop_rates(systems, args.loop)
    print(f"   {fast_name}: {loop[fast_name]:>8,.0f} households/s")
    print(f"   {plain_name} + dict builder (the engine before issue 14, today's law): {loop[plain_name]:>8,.0f} households/s"
          f"   ratio {loop[fast_name] / loop[plain_name]:.2f}x")
    print(f"   vectorised / one-by-one (this package): {vector[fast_name] / loop[fast_name]:,.0f}x")
    with tempfile.TemporaryDirectory() as folder:
        before_root, why = before_issue_14.extract(Path(folder))
        if before_root is None:
            print(f"   the code when issue 14 was filed: not measured, {why}")
        else:
            against = loop_rates_against({"today": ROOT, "before": before_root}, args.loop)
            print(f"   the same, each in a process of its own taking turns: today's code {against['today']:>8,.0f} households/s,"
                  f" the code when issue 14 was filed (commit {before_issue_14.BEFORE_COMMIT})"
                  f" {against['before']:>6,.0f} households/s   ratio {against['today'] / against['before']:.2f}x")
    fast = systems[fast_name]

    m = args.memory_households
    before, peak = peak_memory(m)
    print(f"3. peak memory, {m:,} households in one simulation (separate process):"
          f" peak RSS {peak / 2**20:,.0f} MiB, of which {(peak - before) / 2**20:,.0f} MiB for the population"
          f" = {(peak - before) / 2**20 / (m / 100_000):,.1f} MiB per 100k households")

    for kind in ("json", "yaml"):
        seconds, persons, code = calc_wall_time(args.calc_persons, kind)
        status = "" if code == 0 else f" (exit {code})"
        print(f"{'4.' if kind == 'json' else '  '} nlsz calc on one situation of {persons:,} persons"
              f" ({kind.upper()}, whole process): {seconds:.1f} s wall{status}")
    tenth = max(args.calc_persons // 10, 100)
    by_dict, by_arrays = builders(fast, tenth)
    print(f"   building a {tenth:,}-person situation: OpenFisca's dict builder {by_dict:.2f} s,"
          f" array builder {by_arrays:.3f} s ({by_dict / by_arrays:,.0f}x)")


if __name__ == "__main__":
    main()
