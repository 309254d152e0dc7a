"""Evaluate many household templates in one vectorised OpenFisca simulation.

All households of one call share one simulation, whatever inputs each sets: a member or household
that does not set an input gets the variable's default, and an input with a formula default is
marked "not given" so that he gets his own formula value (openfisca_nl_sz/formula_defaults.py).
tests/metamorphic shows that a household's results do not depend on who else is in its simulation,
and tests/search/test_batch.py that the scan's findings are the same. (Before issue 14 households were
grouped by the inputs they set, one simulation per group; `Evaluator.group_by_signature = True`
still does that.) Person variables are summed per household, so that every result is one number per
household.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from openfisca_nl_sz.population import build_simulation
from openfisca_nl_sz.search.household import Household, to_population


class Evaluator:
    #: One simulation per set of inputs given (the behaviour before issue 14), instead of one in all.
    group_by_signature = False

    def __init__(self, tax_benefit_system, period: str):
        self.system = tax_benefit_system
        self.period = period
        self.evaluations = 0  # household evaluations, for the benchmark and progress

    def has(self, variable: str) -> bool:
        return variable in self.system.variables

    def _groups(self, households: list[Household]) -> list[list[int]]:
        """The indices of the households that share one simulation."""
        if not self.group_by_signature:
            return [list(range(len(households)))] if households else []
        groups: dict[tuple, list[int]] = defaultdict(list)
        for index, household in enumerate(households):
            groups[household.signature()].append(index)
        return list(groups.values())

    def evaluate(self, households: list[Household], variables: list[str], member: str | None = None) -> dict[str, np.ndarray]:
        """{variable: float64 array with one value per household, in the order given}.

        Person variables are summed over the household, or, with `member`, taken from the member
        with that id only (0 where the household has no such member).
        """
        variables = [v for v in variables if self.has(v)]
        out = {v: np.zeros(len(households), dtype=np.float64) for v in variables}
        for indices in self._groups(households):
            members = [households[i] for i in indices]
            simulation = build_simulation(self.system, to_population(self.system, members), self.period)
            entity = simulation.populations["huishouden"]
            for variable in variables:
                values = simulation.calculate(variable, self.period)
                if self.system.variables[variable].entity.is_person:
                    values = values.astype(np.float64)
                    if member is not None:
                        ids = np.array([m.id for h in members for m in h.ordered_members()])
                        values = np.where(ids == member, values, 0.0)
                    values = entity.sum(values)
                out[variable][indices] = np.asarray(values, dtype=np.float64)
            self.evaluations += len(indices)
        return out

    def evaluate_persons(self, household: Household, variables: list[str]) -> dict[str, dict]:
        """Every requested variable for one household, per person / for the household (for explanations)."""
        return self.evaluate_persons_many([household], variables)[0]

    def evaluate_persons_many(self, households: list[Household], variables: list[str]) -> list[dict[str, dict]]:
        """`evaluate_persons` of each household, in one simulation per group of households that set
        the same inputs (issue 14: the explanation of every finding in one batch)."""
        out: list[dict] = [{} for _ in households]
        for indices in self._groups(households):
            members = [households[i].ordered_members() for i in indices]
            simulation = build_simulation(self.system, to_population(self.system, [households[i] for i in indices]), self.period)
            starts = np.cumsum([0] + [len(m) for m in members])
            for variable in variables:
                if not self.has(variable):
                    continue
                try:
                    values = simulation.calculate(variable, self.period)
                except Exception:  # a variable that needs another period or input: not an explanation
                    continue
                is_person = self.system.variables[variable].entity.is_person
                for k, index in enumerate(indices):
                    if is_person:
                        own = values[starts[k]:starts[k + 1]]
                        out[index][variable] = {m.id: _scalar(v) for m, v in zip(members[k], own)}
                    else:
                        out[index][variable] = {"huishouden": _scalar(values[k])}
            self.evaluations += len(indices)
        return out


def _scalar(value):
    if hasattr(value, "item"):
        value = value.item()
    if hasattr(value, "name"):
        return value.name
    if isinstance(value, bytes):
        return value.decode()
    return value
