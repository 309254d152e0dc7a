"""The grid phase of `nlsz scan` in chunks: one task per (period, starting household), all its axes.

A thin layer over the search's public functions (Evaluator, ScanConfig.axes_for, detect.scan_steps,
batch.run_all), which another part of the package owns and speeds up: each task does on a worker
exactly what one pass of the grid loop of search/run.py does in-process, and returns the harms and
the plausible ranges scanned (`reach`). The client adds them to the Collector in the grid's own
order (period, then starting household), so the kept harms do not depend on which worker finished
first.

`nlsz scan --workers N / --scheduler` computes the grid with `scan_grid` before `run_scan`, closes
the cluster, and hands the results to run_scan, which adds them where its own grid loop would. The
grid on workers has no time budget (the deadline of the in-process loop is a clock of this
machine); its size is fixed by the config.
"""

from __future__ import annotations

import functools

from openfisca_nl_sz.distributed.cluster import ChunkFailed, InProcess
from openfisca_nl_sz.errors import InputError


@functools.lru_cache(maxsize=1)
def _system():
    from openfisca_nl_sz.system import CountryTaxBenefitSystem

    return CountryTaxBenefitSystem()


@functools.lru_cache(maxsize=8)
def _evaluator(period: str):
    from openfisca_nl_sz.search.evaluate import Evaluator

    return Evaluator(_system(), period)


def grid_task(config, item) -> tuple[list, dict]:
    """One starting household along all its axes in one period: (harms, reach)."""
    from openfisca_nl_sz.search.batch import run_all
    from openfisca_nl_sz.search.detect import scan_steps

    period, _index, _name, household = item
    evaluator = _evaluator(period)
    reach: dict = {}
    scans = run_all([scan_steps(evaluator, household, axis, config.thresholds, reach=reach)
                     for axis in config.axes_for(household)])
    return [harm for harms in scans for harm in harms], reach


def grid_items(config, starting) -> list[tuple]:
    """(period, index, name, household) for every period and starting household, in grid order."""
    return [(period, i, name, household) for period in config.periods for i, (name, household) in enumerate(starting)]


def describe(item) -> str:
    period, index, name, _household = item
    return f"grid task {index} (starting household {name!r}, period {period})"


def grid_results(config, starting, runner=None) -> list[tuple]:
    """[(item, harms, reach)] in grid order, computed through `runner` (default: in-process)."""
    runner = runner or InProcess()
    items = grid_items(config, starting)
    results: dict = {}
    try:
        for item, (harms, reach) in runner.map(functools.partial(grid_task, config), items, describe=describe):
            results[(item[0], item[1])] = (item, harms, reach)
    except ChunkFailed as failure:
        raise InputError(config.source, failure.where, f"the law evaluation failed: {failure.error}") from None
    return [results[(item[0], item[1])] for item in items]


def add_to(collector, results) -> None:
    """Add the grid's harms and reach to a search Collector, in grid order (as run.py's loop does)."""
    for _item, harms, reach in results:
        for key, ranges in reach.items():
            collector.reach.setdefault(key, []).extend(ranges)
        collector.add_many(harms)


def scan_grid(config, system, workers=None, scheduler=None, progress=print) -> list[tuple]:
    """The grid of `nlsz scan` on a local (`workers`) or existing (`scheduler`) cluster, closed on return."""
    from openfisca_nl_sz.distributed.cluster import runner

    starting = list(config.templates) + config.population_templates(system)
    with runner(workers, scheduler, progress) as r:
        progress(f"grid {', '.join(config.periods)}: {len(starting)} starting households × their axes on {r.name}")
        return grid_results(config, starting, r)
