"""`nlsz compare` in chunks: each chunk of households is generated and simulated on its own, baseline
and reform, and returns only additive summaries; the client adds them up.

What a chunk returns (never household arrays): the sums behind every figure of
`compare.engine.summarise` (WIA stock and outlay, budget components), the planning line's sums, the
calibration measures, the totals of extra variables, and per group (household type, outcome, AO
band) the weight, count, weighted baseline income, weighted change, weighted losers and winners.
Deciles come from a mergeable sketch: the same six sums per EUR 1 bin of baseline besteedbaar
inkomen (EUR -5,000 to 30,000 a month, one bin below and one above). The decile of a household is
the decile of its bin, so households in the same euro fall in the same decile: the decile
boundaries are exact to EUR 1 (the single-process report can split a euro's households between two
deciles; this cannot, which is why it is a sketch and not a copy of the in-process sort).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from openfisca_nl_sz.distributed import chunks as chunking
from openfisca_nl_sz.distributed.cluster import ChunkFailed, InProcess
from openfisca_nl_sz.errors import InputError

#: The decile sketch: EUR 1 bins of baseline besteedbaar inkomen per month.
SKETCH_LOW, SKETCH_HIGH = -5_000, 30_000
#: Per group and per bin: weight, count, weight x baseline, weight x change, weight x loser, weight x winner.
STATS = 6
#: Keys of the planning line that are ratios of two sums: recomputed after the merge.
RATIO_KEYS = ("gross_per_extra_eur", "net_per_extra_eur")
#: Calibration measures that are ratios: average = outlay / stock, recomputed after the merge.
AVERAGE_KEYS = {"average_iva_eur_per_year": ("outlay_iva_mln", "stock_iva"),
                "average_wga_eur_per_year": ("outlay_wga_mln", "stock_wga")}
SHARE_KEYS = ("bijstand_aandeel_tot_27", "bijstand_aandeel_27_45", "bijstand_aandeel_45_plus")


@dataclass(frozen=True)
class Job:
    """What every chunk needs to know; small and picklable (workers rebuild the systems themselves)."""

    scenario_path: str
    strict: bool
    size: int
    seed: int


@functools.lru_cache(maxsize=4)
def _systems(scenario_path: str, strict: bool):
    """(baseline, reform, scenario), built once per worker process and scenario."""
    from openfisca_nl_sz import CountryTaxBenefitSystem
    from openfisca_nl_sz.scenarios import load_scenario

    baseline = CountryTaxBenefitSystem()
    scenario = load_scenario(scenario_path, baseline, strict=strict)
    return baseline, scenario.build_reform_system(baseline), scenario


def _group_sums(groups, n, delta, base, w, income_change):
    out = np.zeros((n, STATS))
    for k, values in enumerate((w, np.ones_like(w), w * base, w * delta, w * (delta < -income_change), w * (delta > income_change))):
        out[:, k] = np.bincount(groups, weights=values, minlength=n)[:n]
    return out


def _sketch_bins(values):
    idx = np.floor(np.asarray(values, dtype=np.float64) - SKETCH_LOW).astype(np.int64) + 1
    return np.clip(idx, 0, SKETCH_HIGH - SKETCH_LOW + 1)


def chunk_summary(pop, base: dict, ref: dict, scenario) -> dict:
    """The additive summaries of one chunk (see the module doc)."""
    from openfisca_nl_sz.compare.calibration import baseline_measures
    from openfisca_nl_sz.compare.engine import AO_BANDS, _head_ao, summarise
    from openfisca_nl_sz.compare.planning import builds_up, planning_line

    deciles, income_change = scenario.outputs["deciles"], scenario.thresholds["income_change"]
    summary = summarise(pop, base, ref, deciles, income_change)
    notes = summary.pop("notes")
    summary.pop("income", None)
    out = {"summary": summary, "notes": notes, "households": pop.population.n_households, "persons": pop.population.n_persons,
           "inflow_sum": float(np.sum(pop.inflow_weight, dtype=np.float64)),
           "missing": sorted(set(base["_missing"]) | set(ref["_missing"]))}
    stock_w = pop.stock_weight.astype(np.float64)
    if "besteedbaar_inkomen" in base and "besteedbaar_inkomen" in ref:
        bi_b, bi_r = base["besteedbaar_inkomen"], ref["besteedbaar_inkomen"]
        delta = bi_r - bi_b
        band = np.digitize(_head_ao(pop), [b[1] for b in AO_BANDS[:-1]])
        args = (delta, bi_b, stock_w, income_change)
        out["income"] = {
            "total": _group_sums(np.zeros(delta.size, dtype=np.int64), 1, *args),
            "by_household_type": _group_sums(pop.household_type, len(pop.household_types), *args),
            "by_outcome": _group_sums(pop.outcome, len(pop.outcome_labels), *args),
            "by_ao_band": _group_sums(band, len(AO_BANDS), *args),
            "sketch": _group_sums(_sketch_bins(bi_b), SKETCH_HIGH - SKETCH_LOW + 2, *args),
            "net_change_sum": float(np.sum(stock_w * 12.0 * delta, dtype=np.float64)),
        }
    extra = scenario.outputs["variables"]
    out["variables"] = {name: [float(np.sum(stock_w * 12 * base[name])), float(np.sum(stock_w * 12 * ref[name]))]
                        for name in extra if name in base and name in ref}
    line = planning_line(pop, base, ref, builds_up(scenario, pop))
    for part in [line["structural"], *line["years"].values()]:
        for key in RATIO_KEYS:
            part.pop(key, None)
    out["planning"] = line
    measures = baseline_measures(pop, base)
    # the age shares are ratios: carried as sums with their denominator (the weight of the bijstand
    # persons, computed as baseline_measures does) and divided after the merge
    if "bijstand" in base:
        p = pop.population
        member = (p.role <= 1) & (base["bijstand"] > 0)[p.household]
        total = float(np.sum(stock_w[p.household] * member))
        measures["_bijstand_person_weight"] = total
        for key in SHARE_KEYS:
            measures[key] = measures.get(key, 0.0) * total
    # averages are ratios of two sums: recomputed after the merge, as baseline_measures computes them
    for key in AVERAGE_KEYS:
        measures.pop(key, None)
    out["calibration"] = measures
    return out


def add(a, b):
    """The sum of two chunk summaries, leaf by leaf (numbers add, flags AND, text stays)."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict):
        return {k: add(a.get(k), b.get(k)) for k in {**a, **b}}
    if isinstance(a, np.ndarray):
        return a + b
    if isinstance(a, list):
        if a and isinstance(a[0], str):
            return sorted(set(a) | set(b))
        return [add(x, y) for x, y in zip(a, b)]
    if isinstance(a, bool):
        return a and b
    if isinstance(a, (int, float)):
        return a + b
    return a


def _rows(labels, sums):
    rows = []
    for label, (w, count, wb, wd, wl, ww) in zip(labels, sums):
        if w <= 0:
            rows.append({"group": label, "households": 0.0, "mean_delta_eur_per_month": None,
                         "mean_baseline_eur_per_month": None, "share_losers": None, "share_winners": None})
            continue
        rows.append({"group": label, "households": float(w), "sample_households": int(round(count)),
                     "mean_baseline_eur_per_month": float(wb / w), "mean_delta_eur_per_month": float(wd / w),
                     "share_losers": float(wl / w), "share_winners": float(ww / w)})
    return rows


def decile_sums(sketch: np.ndarray, n: int) -> np.ndarray:
    """Per decile, the six sums, from the per-EUR sketch (a bin's decile: its cumulative weight)."""
    cum = np.cumsum(sketch[:, 0])
    total = cum[-1]
    groups = np.minimum((cum / total * n - 1e-12).astype(np.int64), n - 1) if total > 0 else np.zeros(cum.size, np.int64)
    groups = np.maximum(groups, 0)
    out = np.zeros((n, STATS))
    np.add.at(out, groups, sketch)
    return out


def finish(merged: dict, pop_meta, scenario) -> dict:
    """The comparison figures (as compare_scenario gives them) from the merged chunk summaries."""
    from openfisca_nl_sz.compare.engine import AO_BANDS

    result = dict(merged["summary"])
    result["notes"] = list(merged["notes"])
    if "income" in merged:
        inc = merged["income"]
        deciles = scenario.outputs["deciles"]
        result["income"] = {
            "measure": "besteedbaar_inkomen (EUR per month, household), weights = stock weights",
            "income_change_threshold": scenario.thresholds["income_change"],
            "total": _rows(["alle"], inc["total"])[0],
            "by_household_type": _rows(list(pop_meta.household_types), inc["by_household_type"]),
            "by_decile": _rows([f"D{i + 1}" for i in range(deciles)], decile_sums(inc["sketch"], deciles)),
            "by_outcome": _rows(list(pop_meta.outcome_labels), inc["by_outcome"]),
            "by_ao_band": _rows([f"{lo:g}-{min(hi, 100):g}" for lo, hi in AO_BANDS], inc["by_ao_band"]),
            "net_change_mln_per_year": inc["net_change_sum"] / 1e6,
            "deciles_method": f"mergeable sketch: EUR 1 bins of baseline besteedbaar inkomen ({SKETCH_LOW:,} to {SKETCH_HIGH:,})",
        }
    for part in [merged["planning"]["structural"], *merged["planning"]["years"].values()]:
        extra = part["extra_benefits"]
        per = abs(extra) >= 1.0
        part["gross_per_extra_eur"] = part["gross_wia_mln"] * 1e6 / extra if per else None
        part["net_per_extra_eur"] = part["net_mln"] * 1e6 / extra if per else None
    measures = dict(merged["calibration"])
    total = measures.pop("_bijstand_person_weight", None)
    for key in SHARE_KEYS:
        if key in measures:
            if total:
                measures[key] = measures[key] / total
            else:
                del measures[key]
    for key, (outlay, stock) in AVERAGE_KEYS.items():
        if measures.get(stock, 0) > 0:
            measures[key] = measures[outlay] * 1e6 / measures[stock]
    return result, merged["planning"], measures


def compare_chunk(job: Job, chunk: chunking.Chunk) -> dict:
    """One chunk: generate its households, baseline and reform, summaries (runs on a worker)."""
    from openfisca_nl_sz.compare.engine import evaluate

    baseline, reform, scenario = _systems(job.scenario_path, job.strict)
    pop = chunking.generate_chunk(chunk, job.size, scenario.population.config)
    extra = scenario.outputs["variables"]
    base = evaluate(baseline, pop, scenario.period, extra)
    ref = evaluate(reform, pop, scenario.period, extra)
    summary = chunk_summary(pop, base, ref, scenario)
    del pop, base, ref
    release_memory()
    return summary


def release_memory() -> None:
    """Give a finished chunk's memory back before the next chunk.

    An OpenFisca simulation holds reference cycles (simulation <-> populations), so its arrays wait for
    the cyclic garbage collector, which rarely runs when the allocations are numpy arrays; and glibc
    keeps freed memory in its arenas. Measured on 12 chunks of 50,000 households: without this the
    resident memory grows chunk after chunk (216 -> 547 MB), with it the peak stays at one chunk's (220 MB).
    """
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, Windows): the gc.collect() is what matters most
        pass


def _variant_line(job: Job, config: dict) -> dict:
    """One uncertainty draw of the ranges (a range end of one assumption), on a worker."""
    from openfisca_nl_sz.compare.engine import evaluate
    from openfisca_nl_sz.compare.planning import VARIANT_SIZE, builds_up, planning_line
    from openfisca_nl_sz.population.generator import generate

    baseline, reform, scenario = _systems(job.scenario_path, job.strict)
    pop = generate(min(scenario.population.size, VARIANT_SIZE), scenario.population.seed, config)
    line = planning_line(pop, evaluate(baseline, pop, scenario.period), evaluate(reform, pop, scenario.period),
                         builds_up(scenario, pop))
    release_memory()
    return line


def run_chunks(job: Job, runner, chunk_size=None, progress=print, task=None):
    """All chunks of the job through `runner`, merged as they complete. Returns (merged, chunks).

    `task(job, chunk)` is `compare_chunk` unless given (tests wrap it to make a chunk fail or a worker die)."""
    plan = chunking.plan(job.size, job.seed, chunk_size)
    merged, done, t0 = None, 0, time.perf_counter()
    every = max(1, len(plan) // 10)
    try:
        for _chunk, summary in runner.map(functools.partial(task or compare_chunk, job), plan, describe=chunking.Chunk.describe):
            merged = add(merged, summary)
            done += 1
            if done % every == 0 or done == len(plan):
                progress(f"chunks: {done}/{len(plan)} ({merged['households']:,} households, {time.perf_counter() - t0:.1f} s)")
    except ChunkFailed as failure:
        raise InputError(job.scenario_path, failure.where,
                         f"the law evaluation failed: {failure.error}; rerun this chunk alone with the same seed and chunk size "
                         "(openfisca_nl_sz.distributed.compare.compare_chunk)") from None
    return merged, plan


def compare_scenario_chunked(scenario_path: str, runner=None, chunk_size=None, size=None, strict=False, progress=print) -> dict:
    """The comparison dict of `compare_scenario`, computed in chunks through `runner` (default: in-process).

    `size` overrides the scenario's population size (benchmarks: more than one process could hold).
    """
    from openfisca_nl_sz.compare import harm_diff
    from openfisca_nl_sz.compare.calibration import calibration_table
    from openfisca_nl_sz.compare.planning import probe, ranges, reach_warning
    from openfisca_nl_sz.legal import coverage

    runner = runner or InProcess()
    t0 = time.perf_counter()
    baseline, reform, scenario = _systems(str(scenario_path), bool(strict))
    spec = scenario.population
    job = Job(str(scenario_path), bool(strict), int(size or spec.size), int(spec.seed))
    small = probe(scenario, baseline, reform)
    reach = reach_warning(scenario, *small)
    if reach:
        progress(f"warning: {reach}")
    if chunk_size is None:
        # at least 4 chunks per worker (all workers busy), at most DEFAULT_CHUNK households per chunk
        # (memory); the figures do not depend on it
        chunk_size = min(chunking.DEFAULT_CHUNK, -(-job.size // (4 * runner.workers)))
    step = chunking.chunk_size_of(chunk_size)
    progress(f"population: {job.size:,} households in chunks of {step:,} on {runner.name}")
    merged, plan = run_chunks(job, runner, step, progress)
    pop_meta = small[0]
    figures, planning, measures = finish(merged, pop_meta, scenario)
    comparison = {"scenario": scenario.summary(), "reach_warning": reach}
    comparison.update(figures)
    if scenario.outputs["variables"]:
        comparison["variables"] = {name: {"baseline_mln_per_year": b / 1e6, "reform_mln_per_year": r / 1e6}
                                   for name, (b, r) in merged["variables"].items()}
    comparison["calibration"] = calibration_table(spec.config, measures)
    for line in comparison["calibration"]["missed"]:
        progress(f"warning: {line}")
        comparison["notes"].append("WARNING " + line)
    comparison["planning"] = planning
    if scenario.outputs.get("ranges", True):
        comparison["ranges"] = ranges(scenario, baseline, reform, planning, progress, small=small,
                                      map_lines=lambda configs: _map_variants(job, runner, configs))
    if reach:
        comparison["notes"].insert(0, "WARNING " + reach)
    comparison["population"] = {
        "kind": pop_meta.kind, "households": merged["households"], "persons": merged["persons"], "seed": job.seed,
        "assessments_per_year": merged["inflow_sum"],
        "description": spec.config.get("description", ""), "assumptions": spec.config.get("assumptions", {}),
        "calibration": spec.config.get("calibration", {}),
    }
    comparison["execution"] = {
        "runner": runner.name, "workers": runner.workers, "chunks": len(plan), "chunk_size": step,
        "seed_block": chunking.BLOCK,
        "method": (f"households drawn in blocks of {chunking.BLOCK:,}, block i from SeedSequence(seed {job.seed}).spawn "
                   "(by index), so the figures do not depend on the workers or the chunk size; deciles from a EUR 1 sketch"),
    }
    if scenario.outputs.get("harm_search", True):
        progress("differential harm search: the same households under baseline and reform")
        comparison["harms"] = harm_diff(baseline, reform, scenario, examples=scenario.outputs.get("harm_search_examples", 30),
                                        population=pop_meta.population)
    else:
        comparison["harms"] = {}
    comparison["notes"].append(
        "Computed in chunks (" + comparison["execution"]["method"] + "). Every number that is not law or a published "
        "statistic is in the population config (assumptions) or the scenario's reform options; see docs/scenarios.md.")
    comparison["period_note"] = coverage.notice(baseline, scenario.period)
    if comparison["period_note"]:
        comparison["notes"].append(comparison["period_note"] + " (no amount for this half year found yet; "
                                   "the previous half year's value is used)")
    comparison["elapsed_seconds"] = round(time.perf_counter() - t0, 2)
    return comparison


def _map_variants(job, runner, configs):
    """The uncertainty draws through the runner, in the order asked."""
    configs = list(configs)
    results = [None] * len(configs)
    indexed = list(enumerate(configs))
    try:
        for (i, _config), line in runner.map(lambda item: _variant_line(job, item[1]), indexed,
                                             describe=lambda item: f"uncertainty draw {item[0]}"):
            results[i] = line
    except ChunkFailed as failure:
        raise InputError(job.scenario_path, failure.where, f"the law evaluation failed: {failure.error}") from None
    return results


def run_compare_chunked(scenario_path: str, out_dir: str, workers=None, scheduler=None, chunk_size=None,
                        strict=False, progress=print) -> dict:
    """`nlsz compare --workers/--scheduler/--chunk-size`: the chunked comparison, files as run_compare."""
    from openfisca_nl_sz.atomic import write_json
    from openfisca_nl_sz.compare.report import write_report
    from openfisca_nl_sz.distributed.cluster import runner as make_runner

    path = str(Path(scenario_path).resolve())
    baseline, _reform, scenario = _systems(path, bool(strict))  # scenario errors first, before a cluster starts
    progress(f"scenario: {scenario.name} ({scenario.period})")
    with make_runner(workers, scheduler, progress) as runner:
        comparison = compare_scenario_chunked(path, runner, chunk_size, strict=strict, progress=progress)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    write_report(comparison, out_dir, scenario.outputs["charts"])
    write_json(Path(out_dir) / "comparison.json", comparison)
    progress(f"wrote {Path(out_dir) / 'comparison.json'} and {Path(out_dir) / 'report.html'}")
    return comparison
