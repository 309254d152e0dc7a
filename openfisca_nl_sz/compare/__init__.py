"""`nlsz compare`: a scenario's reform against the baseline on a synthetic population.

Flow (one way): scenario file → population → baseline and reform simulations → comparison dict →
comparison.json and report.html (+ PNG charts). `run_compare` is what the CLI calls.
"""

from __future__ import annotations

import time
from pathlib import Path

from openfisca_nl_sz.atomic import write_json
from openfisca_nl_sz.compare.engine import evaluate, harm_diff, summarise
from openfisca_nl_sz.compare.report import write_report
from openfisca_nl_sz.population.generator import generate
from openfisca_nl_sz.scenarios import load_scenario

__all__ = ["run_compare", "compare_scenario", "harm_diff"]


def compare_scenario(scenario, baseline, progress=print) -> dict:
    """The comparison dict for a loaded scenario (no files written)."""
    t0 = time.perf_counter()
    reform = scenario.build_reform_system(baseline)
    spec = scenario.population
    # issue 15 point 4: before the full run, can the reform affect anyone in this population?
    from openfisca_nl_sz.compare.planning import probe, reach_warning

    small = probe(scenario, baseline, reform)
    reach = reach_warning(scenario, *small)
    if reach:
        progress(f"warning: {reach}")
    pop = generate(spec.size, spec.seed, spec.config)
    progress(f"population: {pop.population.n_households:,} households, {pop.population.n_persons:,} persons "
             f"({time.perf_counter() - t0:.1f} s)")
    extra = scenario.outputs["variables"]
    base = evaluate(baseline, pop, scenario.period, extra)
    progress(f"baseline computed ({time.perf_counter() - t0:.1f} s)")
    ref = evaluate(reform, pop, scenario.period, extra)
    progress(f"reform computed ({time.perf_counter() - t0:.1f} s)")
    comparison = {"scenario": scenario.summary(), "reach_warning": reach}
    comparison.update(summarise(pop, base, ref, scenario.outputs["deciles"], scenario.thresholds["income_change"]))
    if extra:
        w = pop.stock_weight
        comparison["variables"] = {
            name: {"baseline_mln_per_year": float((w * 12 * base[name]).sum() / 1e6),
                   "reform_mln_per_year": float((w * 12 * ref[name]).sum() / 1e6)}
            for name in extra if name in base and name in ref
        }
    # issue 15: baseline vs published figures, the planning-bureau line and its ranges
    from openfisca_nl_sz.compare.calibration import baseline_measures, calibration_table
    from openfisca_nl_sz.compare.planning import builds_up, planning_line, ranges

    comparison["calibration"] = calibration_table(spec.config, baseline_measures(pop, base))
    for line in comparison["calibration"]["missed"]:
        progress(f"warning: {line}")
        comparison["notes"].append("WARNING " + line)
    comparison["planning"] = planning_line(pop, base, ref, builds_up(scenario, pop))
    if scenario.outputs.get("ranges", True):
        comparison["ranges"] = ranges(scenario, baseline, reform, comparison["planning"], progress, small=small)
    if reach:
        comparison["notes"].insert(0, "WARNING " + reach)
    comparison["population"] = {
        "kind": pop.kind,
        "households": pop.population.n_households,
        "persons": pop.population.n_persons,
        "seed": pop.seed,
        "assessments_per_year": float(pop.inflow_weight.sum()),
        "description": spec.config.get("description", ""),
        "assumptions": spec.config.get("assumptions", {}),
        "calibration": spec.config.get("calibration", {}),
    }
    if scenario.outputs.get("harm_search", True):
        progress("differential harm search: the same households under baseline and reform")
        comparison["harms"] = harm_diff(baseline, reform, scenario, examples=scenario.outputs.get("harm_search_examples", 30),
                                        population=pop.population)
        progress(f"harms: {len(comparison['harms']['removed'])} removed, {len(comparison['harms']['created'])} created "
                 f"({time.perf_counter() - t0:.1f} s)")
    else:
        comparison["harms"] = {}
    comparison["notes"].append(
        "Every number that is not law or a published statistic is in the population config "
        "(assumptions) or the scenario's reform options; see docs/scenarios.md."
    )
    # issue 12 point 5: an indexed amount not found for this half year keeps the previous value; say so
    from openfisca_nl_sz.legal import coverage

    comparison["period_note"] = coverage.notice(baseline, scenario.period)
    if comparison["period_note"]:
        comparison["notes"].append(comparison["period_note"] + " (no amount for this half year found yet; "
                                   "the previous half year's value is used)")
        progress(f"note: {comparison['period_note']}")
    comparison["elapsed_seconds"] = round(time.perf_counter() - t0, 2)
    return comparison


def run_compare(scenario_path: str, out_dir: str, progress=print) -> dict:
    """Load and check the scenario, compare, write DIR/comparison.json and DIR/report.html.

    Raises InputError (the CLI turns it into exit 2) for any problem in the scenario or population file.
    """
    from openfisca_nl_sz import CountryTaxBenefitSystem

    baseline = CountryTaxBenefitSystem()
    scenario = load_scenario(scenario_path, baseline)
    progress(f"scenario: {scenario.name} ({scenario.period})")
    comparison = compare_scenario(scenario, baseline, progress)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    write_report(comparison, out_dir, scenario.outputs["charts"])
    write_json(Path(out_dir) / "comparison.json", comparison)
    progress(f"wrote {Path(out_dir) / 'comparison.json'} and {Path(out_dir) / 'report.html'}")
    return comparison
