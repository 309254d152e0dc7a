"""`nlsz scan`: find, explain, shrink and pin the harsh effects of the encoded laws.

The run has four phases, each bounded:
1. *replay* — the findings of an earlier run in the same output folder are checked first, so a
   harm that was found once is found again before anything new is tried;
2. *grid* — every starting household of the config is scanned along every axis that applies to
   it (systematic, deterministic);
3. *search* — Hypothesis draws households over the whole contract space and a random axis, and
   `hypothesis.target()` climbs towards the worst harm of each kind; its example database (in the
   output folder) replays the best examples of earlier runs;
4. *finish* — each distinct harm (kind, axis, causing rules) is shrunk to a minimal household,
   explained by the rules that changed, tested for samenloop, and written out.

Reproducibility: the same config and seed on an empty output folder give the same files, byte for
byte, as long as the `max_examples` budget is reached before `budget_seconds` (the time budget is a
safety cap; findings.json records which of the two ended the search).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from openfisca_nl_sz.search.config import ScanConfig, load_config
from openfisca_nl_sz.search.batch import Ask, run_all
from openfisca_nl_sz.search.detect import Harm, scan, scan_steps
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.explain import (Neutraliser, changed_rules_steps, involved_regelingen_steps, money_causes,
                                            money_causes_steps, plain_attribution_steps)
from openfisca_nl_sz.legal import coverage
from openfisca_nl_sz.search.findings import attribution_to_json, dedupe_key, make_finding
from openfisca_nl_sz.search.household import Household
from openfisca_nl_sz.search.axes import Axis

KINDS = ("cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum", "samenloop")


class Progress:
    def __init__(self, enabled: bool = True, stream=None):
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        if self.enabled:
            self.stream.write(f"[{time.monotonic() - self.start:6.1f}s] {message}\n")
            self.stream.flush()


class Collector:
    """Keeps one harm per (kind, axis, causing rules, period): the most severe one seen."""

    def __init__(self, evaluators: dict[str, Evaluator]):
        self.evaluators = evaluators
        self.harms: dict[tuple, tuple[Harm, list]] = {}
        self.first_seen: dict[str, float] = {}
        self.start = time.monotonic()
        #: (period, axis variable) → the plausible ranges scanned, for the threshold coverage.
        self.reach: dict[tuple, list] = {}
        #: phase → wall seconds (replay, grid, search, shrink, explain, cards)
        self.phases: dict[str, float] = {}

    def add(self, harm: Harm, causes: list | None = None) -> tuple:
        if causes is None:
            causes = money_causes(self.evaluators[harm.period], harm.household_from, harm.household_to)
        key = dedupe_key(harm, causes) + (harm.period,)
        self.first_seen.setdefault(harm.kind, round(time.monotonic() - self.start, 2))
        kept = self.harms.get(key)
        if kept is None or harm.severity > kept[0].severity + 1e-9:
            self.harms[key] = (harm, causes)
        return key

    def add_many(self, harms: list[Harm]) -> None:
        """`add` each harm, in order, with the causes of all of them computed in one batch."""
        all_causes = run_all([money_causes_steps(self.evaluators[h.period], h.household_from, h.household_to) for h in harms])
        for harm, causes in zip(harms, all_causes):
            self.add(harm, causes)


def run_scan(config: ScanConfig, out_dir: str, system=None, progress=None, shrink_findings: bool = True,
             grid_results=None) -> dict:
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    progress = progress or Progress(False)
    system = system or CountryTaxBenefitSystem()
    evaluators = {period: Evaluator(system, period) for period in config.periods}
    collector = Collector(evaluators)
    # issue 13 (budget): --budget bounds the whole run, the finish included. The search (replay,
    # grid, Hypothesis) may use the first 60%; shrinking stops at 80%; past 90% the remaining harms
    # are left out (counted in findings.json run.left_out_by_budget); past 97% no more charts.
    from openfisca_nl_sz import outdir

    budget_end = outdir.budget_end(config.budget_seconds)  # from the start of the command, if there is one
    deadline = budget_end - 0.4 * config.budget_seconds
    finish_deadlines = (budget_end - 0.2 * config.budget_seconds, budget_end - 0.1 * config.budget_seconds)
    out = Path(out_dir)

    phases = collector.phases  # wall time of each phase (issue 14 point 6: benchmarks/search.py prints them)
    mark = time.monotonic()
    replayed = _replay(out / "findings.json", config, system, evaluators, collector, progress, deadline)
    phases["replay"], mark = time.monotonic() - mark, time.monotonic()

    # Starting households: the config's templates and a handful of seeded households of the
    # synthetic population (issue 11 point 5), so the grid also starts where real people are.
    starting = list(config.templates) + config.population_templates(system)
    if grid_results is not None:
        # issue 16 (`--workers N` / `--scheduler`): the grid computed on Dask workers beforehand
        # (openfisca_nl_sz/distributed/grid.py), added in this loop's order
        from openfisca_nl_sz.distributed.grid import add_to

        add_to(collector, grid_results)
        progress(f"grid (on Dask workers): {len(collector.harms)} distinct harms so far")
    for period, evaluator in (evaluators.items() if grid_results is None else ()):
        progress(f"grid {period}: {len(starting)} starting households × their axes")
        for name, household in starting:
            if time.monotonic() > deadline:
                break
            # issue 14: all axes of a starting household are scanned side by side (one simulation
            # per step for all of them); their harms are added in the order of the axes, as before.
            scans = run_all([scan_steps(evaluator, household, axis, config.thresholds, reach=collector.reach)
                             for axis in config.axes_for(household)], deadline=deadline, left_out=[])
            collector.add_many([harm for harms in scans for harm in harms])
            progress(f"  {name}: {len(collector.harms)} distinct harms so far")

    phases["grid"], mark = time.monotonic() - mark, time.monotonic()
    examples, stopped_by = 0, "max_examples"
    if config.hypothesis and config.max_examples > 0:
        for period, evaluator in evaluators.items():
            done, stopped_by = _hypothesis_search(config, evaluator, collector, deadline, out, progress)
            examples += done

    phases["search"] = time.monotonic() - mark
    progress(f"finish: shrinking and explaining {len(collector.harms)} distinct harms")
    findings = _finish(config, system, evaluators, collector, progress, shrink_findings, finish_deadlines)
    result = {
        "config": config.to_json(),
        "run": {"replayed": replayed, "hypothesis_examples": examples, "stopped_by": stopped_by},
        # months whose indexed amounts were not all found (issue 12 point 5), e.g.
        # {"2026-07": "amounts carried forward from 2026-01: kinderbijslag.bedrag_per_kwartaal"}
        "period_notes": coverage.period_notes(system, config.periods),
        "findings": findings,
        "coverage": _coverage(system, config, collector),
    }
    for note in result["period_notes"].values():
        progress(f"note: {note}")
    result["_timings"] = {"first_seen_seconds": collector.first_seen,
                          "evaluations": sum(e.evaluations for e in evaluators.values()),
                          "seconds": round(time.monotonic() - collector.start, 2),
                          "phases": phases}
    # issue 13 (budget): what the budget cut short, and when the report must stop drawing charts
    if getattr(collector, "left_out_by_budget", 0):
        result["run"]["left_out_by_budget"] = collector.left_out_by_budget
        result["run"]["stopped_by"] = "budget_seconds"
    result["_charts_deadline"] = budget_end - 0.03 * config.budget_seconds
    # -- cards (issue 11 points 1 and 6): one card per mechanism with its reach; sets card_id on
    # each finding and adds result["cards"] and result["expected"] (see search/cards.py) --
    from openfisca_nl_sz.search.cards import attach_cards
    mark = time.monotonic()
    attach_cards(result, config, system)
    phases["cards"] = time.monotonic() - mark
    progress(f"  {len(result['cards'])} cards (mechanisms)")
    # -- end of the cards hook --
    return result


def _coverage(system, config, collector) -> dict:
    """Threshold coverage (issue 11 point 5): the legal thresholds in force in the scanned months
    that the scan crossed on households that can exist, and the list of those it did not."""
    from openfisca_nl_sz.search.law_thresholds import coverage

    result = coverage(system, config.periods, collector.reach)
    result.update({k: v for k, v in config.law.items()})
    return result


def _replay(path: Path, config, system, evaluators, collector, progress, deadline: float | None = None) -> int:
    if not path.is_file():
        return 0
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return 0
    count = 0
    for finding in previous.get("findings", []):
        if deadline is not None and time.monotonic() > deadline:  # issue 13 (budget)
            break
        try:
            household = Household.from_dict(finding["template"])
            axis_data = dict(finding["axis_definition"])
            joining = axis_data.pop("joining", None)
            axis = Axis(**axis_data)
            if joining:
                from openfisca_nl_sz.search.household import Member
                axis.joining = Member(joining["id"], joining["role"], joining["inputs"])
        except (KeyError, TypeError):
            continue
        period = finding.get("period", config.period)
        if period not in evaluators:
            evaluators[period] = Evaluator(system, period)
        collector.add_many(scan(evaluators[period], household, axis, config.thresholds))
        count += 1
    progress(f"replay: rechecked {count} findings of the previous run")
    return count


def _hypothesis_search(config, evaluator, collector, deadline, out, progress):
    from hypothesis import HealthCheck, Phase, given, settings, target
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from hypothesis.database import DirectoryBasedExampleDatabase

    from openfisca_nl_sz.search.strategies import households

    state = {"examples": 0, "stopped_by": "max_examples"}
    progress(f"search {evaluator.period}: up to {config.max_examples} Hypothesis examples (seed {config.seed})")

    # issue 13 (outdir): `settings` must sit outside `seed`, because `seed` switches the example
    # database off (settings(database=None)); in this order the seed holds and the database is used.
    @settings(
        max_examples=config.max_examples,
        deadline=None,
        database=DirectoryBasedExampleDatabase(str(out / ".hypothesis" / evaluator.period)),
        phases=[Phase.reuse, Phase.generate, Phase.target],
        suppress_health_check=list(HealthCheck),
        derandomize=False,
        print_blob=False,
    )
    @hypothesis_seed(config.seed)
    @given(household=households(evaluator.system, evaluator.period), axis_choice=st.integers(0, 10_000))
    def search(household, axis_choice):
        if time.monotonic() > deadline:
            state["stopped_by"] = "budget_seconds"
            return
        axes = config.axes_for(household, points=config.search_points)
        if not axes:
            return
        axis = axes[axis_choice % len(axes)]
        state["examples"] += 1
        best: dict[str, float] = {}
        harms = scan(evaluator, household, axis, config.thresholds, reach=collector.reach)
        collector.add_many(harms)
        for harm in harms:
            best[harm.kind] = max(best.get(harm.kind, 0.0), harm.severity)
        for kind in KINDS[:4]:  # samenloop is a tag, not a kind that can be targeted
            target(best.get(kind, 0.0), label=kind)
        if state["examples"] % 25 == 0:
            progress(f"  {state['examples']} examples, {len(collector.harms)} distinct harms")

    search()
    return state["examples"], state["stopped_by"]


#: Harms explained side by side in one batch of the finish phase: big enough that each step is one
#: simulation per neutralised world for many harms, small enough that the budget can stop between batches.
FINISH_BATCH = 64


def _finish(config, system, evaluators, collector, progress, shrink_findings: bool, deadlines=None) -> list[dict]:
    """Shrink, explain and describe every distinct harm.

    issue 14: all harms are shrunk side by side, and then explained in batches of `FINISH_BATCH`
    (openfisca_nl_sz/search/batch.py), so that each step is one simulation per evaluator (and group of
    households setting the same inputs) for all of them. Each harm goes through exactly the steps it
    went through alone, so the findings are the same (tests/search/test_batch.py)."""
    neutralisers = {}
    for period, evaluator in evaluators.items():
        neutralisers[period] = Neutraliser(system, period)
        neutralisers[period]._cache[frozenset()] = evaluator
    items = sorted(collector.harms.items(), key=lambda kv: (kv[0][0], -kv[1][0].severity, kv[0][1], kv[0][3]))
    # issue 13 (budget): past the first finish deadline no more shrinking, past the second no more findings
    shrink_deadline = deadlines[0] if deadlines is not None else None
    stop_deadline = deadlines[1] if deadlines is not None else None
    mark = time.monotonic()
    if shrink_findings and (shrink_deadline is None or time.monotonic() <= shrink_deadline):
        shrunk = run_all([_shrink_steps(config, evaluators[harm.period], harm, causes, key, shrink_deadline)
                          for key, (harm, causes) in items], deadline=stop_deadline, left_out=None)
        items = [(key, entry if better is None else better) for (key, entry), better in zip(items, shrunk)]
    collector.phases["shrink"], mark = time.monotonic() - mark, time.monotonic()
    findings: dict[tuple, dict] = {}
    for start in range(0, len(items), FINISH_BATCH):
        chunk = items[start:start + FINISH_BATCH]
        if stop_deadline is not None and time.monotonic() > stop_deadline:
            collector.left_out_by_budget = getattr(collector, "left_out_by_budget", 0) + len(chunk)
            continue
        explained = run_all([_explain_steps(config, evaluators[harm.period], neutralisers[harm.period], harm, causes)
                             for _, (harm, causes) in chunk])
        for (key, (harm, _)), finding in zip(chunk, explained):
            final_key = (finding["kind"], finding["axis_name"], key[2], harm.period)
            if final_key not in findings or finding["severity"] > findings[final_key]["severity"]:
                findings[final_key] = finding
            if "samenloop" in finding["tags"]:
                collector.first_seen.setdefault("samenloop", round(time.monotonic() - collector.start, 2))
    ordered = sorted(findings.values(), key=lambda f: (KINDS.index(f["kind"]), -f["severity"], f["period"], f["id"]))
    collector.phases["explain"] = time.monotonic() - mark
    progress(f"  {len(ordered)} findings")
    return ordered


def _shrink_steps(config, evaluator, harm, causes, key, deadline):
    """Step generator: the harm shrunk to a minimal household, with its causes there."""
    from openfisca_nl_sz.search.shrink import shrink_steps

    harm = yield from shrink_steps(evaluator, harm, key[2], config.thresholds, deadline=deadline)
    causes = yield from money_causes_steps(evaluator, harm.household_from, harm.household_to)
    return harm, causes


def _explain_steps(config, evaluator, neutraliser, harm, causes):
    """Step generator: the finding of one (shrunk) harm — the rules that flip, the regelingen
    involved, the samenloop attribution, the state under the minimum and the plain description."""
    household_from, household_to = harm.household_from, harm.household_to
    rules = yield from changed_rules_steps(evaluator, household_from, household_to)
    involved = yield from involved_regelingen_steps(evaluator, household_from, household_to)
    attribution = yield from neutraliser.attribute_steps(harm, involved)
    finding = make_finding(harm, harm.period, causes, rules, config.thresholds,
                           attribution_to_json(attribution) if attribution else None)
    if finding["kind"] == "onder_sociaal_minimum":
        finding["state"] = yield from _minimum_state_steps(evaluator, household_to)
        if not finding["regelingen"]:
            finding["regelingen"] = ["Participatiewet"]
    items = yield from plain_attribution_steps(evaluator, harm)
    _describe(finding, harm, evaluator, attribution, config.thresholds, items)
    return finding


def _describe(finding: dict, harm, evaluator, attribution, thresholds, items=None) -> None:
    """Issue 11 points 3-4: the step in plain Dutch, in the direction the person lives it; the
    samenloop tag (regelingen together take more than each alone) with the interacting regelingen;
    and per regeling, in plain words, what it takes back at the step, adding up to the loss."""
    from openfisca_nl_sz.search.explain import plain_attribution, plain_sentence

    finding["step"] = harm.axis.step_text(harm.x_from, harm.x_to) if harm.x_from != harm.x_to else "geen stap: al aan het begin van de as"
    if items is None:
        items = plain_attribution(evaluator, harm)
    finding["samenloop_attribution"] = items
    finding["attribution_plain"] = plain_sentence(items)
    finding["tags"] = []
    if attribution and _is_samenloop(attribution, thresholds.samenloop_min_interaction):
        finding["tags"].append("samenloop")
        names = _interacting(attribution, thresholds.samenloop_min_interaction)
        if len(names) < 2:  # a rest that no pair explains: name every regeling whose payment moved
            names = sorted(set(names) | {c["regeling"] for c in finding["causes"] if abs(c.get("effect", 0)) >= 0.5})
        finding["samenloop_regelingen"] = names
        finding["samenloop_interaction"] = round(min(max([attribution["non_additive"]] + list(attribution["pairs"].values())),
                                                     finding["severity"]), 2)


#: What a reader needs to see to understand why the last safety net leaves a gap.
MINIMUM_STATE = ("bijstandsnorm", "pw_middelen", "bijstand", "pw_recht_op_bijstand", "pw_vermogen", "pw_vermogensgrens",
                 "sociaal_minimum_tekort")


def _minimum_state(evaluator, household) -> list[dict]:
    from openfisca_nl_sz.search.batch import drive

    return drive(_minimum_state_steps(evaluator, household))


def _minimum_state_steps(evaluator, household):
    from openfisca_nl_sz.search.explain import reference_of

    (values,) = yield Ask(evaluator, [household], [v for v in MINIMUM_STATE if evaluator.has(v)], persons=True)
    state = []
    for variable in MINIMUM_STATE:
        for member, value in values.get(variable, {}).items():
            state.append({"variable": variable, "member": member,
                          "value": round(value, 2) if isinstance(value, float) else value,
                          "reference": reference_of(evaluator.system, variable)})
    return state


def _is_samenloop(attribution: dict, threshold: float) -> bool:
    """Samenloop: the laws together take more than the sum of what each takes on its own."""
    return attribution["non_additive"] > threshold or any(v > threshold for v in attribution["pairs"].values())


def _interacting(attribution: dict, threshold: float) -> list[str]:
    names = set()
    for (a, b), value in attribution["pairs"].items():
        if value > threshold:
            names.update((a, b))
    if not names:
        names = {k for k, v in attribution["single"].items() if abs(v) > 0.5}
    return sorted(names)


def scan_command(args) -> int:
    from openfisca_nl_sz.report.write import write_outputs
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    progress = Progress(not args.quiet)
    system = CountryTaxBenefitSystem()
    config = load_config(args.config, system)
    if getattr(args, "periods", None):
        from openfisca_nl_sz.situation import check_period

        periods = [check_period("--periods", "periods", p.strip()) for p in args.periods.split(",") if p.strip()]
        config.periods, config.period = periods, periods[0]
        config.raw.pop("period", None)
        config.raw["periods"] = periods
    if args.seed is not None:
        config.seed = args.seed
        config.raw["seed"] = args.seed
    if args.budget is not None:
        if args.budget <= 0:
            from openfisca_nl_sz.errors import InputError
            raise InputError("--budget", "budget", f"{args.budget!r} is out of range; allowed: a number of seconds above 0")
        config.budget_seconds = args.budget
        config.raw["budget_seconds"] = args.budget
    progress(f"nlsz scan: {config.source}, period(s) {', '.join(config.periods)}, seed {config.seed}, budget {config.budget_seconds:g} s")
    if getattr(args, "workers", None) is not None or getattr(args, "scheduler", None) is not None:
        # issue 16: only the grid phase runs on the cluster, which is closed before the rest of the scan
        from openfisca_nl_sz.distributed.grid import scan_grid

        result = run_scan(config, args.out, system=system, progress=progress,
                          grid_results=scan_grid(config, system, args.workers, args.scheduler, progress))
    else:
        result = run_scan(config, args.out, system=system, progress=progress)
    paths = write_outputs(result, args.out, system, config, progress)
    counts = {}
    for finding in result["findings"]:
        counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
    progress("found: " + (", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing above the thresholds"))
    progress(f"report: {paths['report']}")
    return 0
