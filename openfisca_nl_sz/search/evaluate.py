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

from openfisca_nl_sz.population import Population, build_simulation
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
        with that id only (0 where the household has no such member). `households` may also be an
        `AxisPoints` (the households of one axis, built as arrays without a template each).
        """
        return self.evaluate_parts([households], variables, member)

    def evaluate_parts(self, parts: list, variables: list[str], member: str | None = None) -> dict[str, np.ndarray]:
        """`evaluate` of the households of all `parts` (lists of households or `AxisPoints`) one
        after the other, in one simulation (issue 14: the asks of many searches in one batch)."""
        if self.group_by_signature:
            return self._evaluate_grouped([h for part in parts for h in part], variables, member)
        variables = [v for v in variables if self.has(v)]
        parts = [part for part in parts if len(part)]
        total = sum(len(part) for part in parts)
        out = {v: np.zeros(total, dtype=np.float64) for v in variables}
        if not total:
            return out
        simulation = build_simulation(self.system, concatenate([_population_of(self.system, part) for part in parts],
                                                               self.system), self.period)
        entity = simulation.populations["huishouden"]
        ids = None
        for variable in variables:
            values = simulation.calculate(variable, self.period)
            if self.system.variables[variable].entity.is_person:
                values = values.astype(np.float64)
                if member is not None:
                    if ids is None:
                        ids = np.concatenate([_member_ids(part) for part in parts])
                    values = np.where(ids == member, values, 0.0)
                values = entity.sum(values)
            out[variable][:] = np.asarray(values, dtype=np.float64)
        self.evaluations += total
        return out

    def _evaluate_grouped(self, households: list[Household], variables: list[str], member: str | None = None) -> dict[str, np.ndarray]:
        """One simulation per set of inputs given (before issue 14)."""
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


class AxisPoints:
    """The households of `axis.apply(household, x)` for each x, as a sequence; evaluated as arrays
    (the household once, tiled, the axis input set per point) instead of one template per point.

    The arrays are those `to_population` builds from the templates (tests/search/test_batch.py):
    the axis value is converted as `Axis.apply` converts it, and a member without the input gets
    the variable's default."""

    def __init__(self, household: Household, axis, xs):
        self.household = household
        self.axis = axis
        self.xs = xs

    def __len__(self) -> int:
        return len(self.xs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.axis.apply(self.household, self.xs[index])

    def __iter__(self):
        return (self.axis.apply(self.household, x) for x in self.xs)

    def population(self, system) -> Population:
        axis = self.axis
        if axis.joining is not None:
            return to_population(system, list(self))
        base = to_population(system, [self.household])
        n, persons = len(self.xs), base.n_persons
        meta = system.variables[axis.variable]
        values = np.asarray([int(round(x)) if axis.integer else float(x) for x in self.xs], dtype=meta.dtype)
        person_inputs = {name: np.tile(column, n) for name, column in base.person_inputs.items()}
        household_inputs = {name: np.repeat(column, n) for name, column in base.household_inputs.items()}
        if axis.member is None:
            household_inputs[axis.variable] = values
        else:
            position = [m.id for m in self.household.ordered_members()].index(axis.member)
            column = person_inputs.get(axis.variable)
            if column is None:
                column = np.full(n * persons, meta.default_value, dtype=meta.dtype)
            column[position::persons] = values
            person_inputs[axis.variable] = column
        return Population(
            household=np.repeat(np.arange(n, dtype=np.int64), persons),
            role=np.tile(base.role, n),
            person_inputs=dict(sorted(person_inputs.items())),
            household_inputs=dict(sorted(household_inputs.items())),
        )


def _population_of(system, part) -> Population:
    if isinstance(part, AxisPoints):
        return part.population(system)
    return to_population(system, list(part))


def _member_ids(part) -> np.ndarray:
    if isinstance(part, AxisPoints) and part.axis.joining is None:
        return np.tile(np.array([m.id for m in part.household.ordered_members()]), len(part))
    return np.array([m.id for h in part for m in h.ordered_members()])


def concatenate(populations: list[Population], system) -> Population:
    """One population of all households of `populations`, one after the other; an input that one
    of them does not set gets the variable's default there (as `to_population` fills it)."""
    if len(populations) == 1:
        return populations[0]
    variables = system.variables
    offsets = np.cumsum([0] + [p.n_households for p in populations])
    person_names = sorted({name for p in populations for name in p.person_inputs})
    household_names = sorted({name for p in populations for name in p.household_inputs})

    def column(name, own, size):
        meta = variables[name]
        values = own.get(name)
        return np.full(size, meta.default_value, dtype=meta.dtype) if values is None else np.asarray(values, dtype=meta.dtype)

    return Population(
        household=np.concatenate([p.household + offset for p, offset in zip(populations, offsets)]),
        role=np.concatenate([p.role for p in populations]),
        person_inputs={name: np.concatenate([column(name, p.person_inputs, p.n_persons) for p in populations])
                       for name in person_names},
        household_inputs={name: np.concatenate([column(name, p.household_inputs, p.n_households) for p in populations])
                          for name in household_names},
    )
