"""A population is a set of households held as flat numpy arrays, one entry per person.

Why arrays and not situation dicts: OpenFisca's dict builder is quadratic in the number of
households (each household is added through Python dict handling), while the array builder handles a million
households in about a second. Every large run — scans along an axis, synthetic populations,
scenario comparisons — goes through `build_simulation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from openfisca_core.simulations import SimulationBuilder

#: Role keys of the huishouden, in the order of the entity definition (the integer codes).
ROLES = ("aanvrager", "partner", "kind", "medebewoner")


@dataclass
class Population:
    """Persons and households as arrays.

    `household` gives, per person, the index (0..H-1) of its household; persons must be grouped by
    household, in household order, and every household needs exactly one aanvrager. `role` gives
    per person an integer index into `ROLES`. `person_inputs` and `household_inputs` map input
    variable names to arrays of length P and H. For an input with a formula default (e.g.
    `resterende_verdiencapaciteit`, see openfisca_nl_sz/formula_defaults.py) an entry of
    `formula_defaults.NOT_GIVEN` (-1) means "not given": that person gets his own formula value.
    """

    household: np.ndarray
    role: np.ndarray
    person_inputs: dict[str, np.ndarray] = field(default_factory=dict)
    household_inputs: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_persons(self) -> int:
        return int(self.household.shape[0])

    @property
    def n_households(self) -> int:
        return int(self.household.max()) + 1 if self.household.size else 0

    def validate(self) -> None:
        if self.household.shape != self.role.shape:
            raise ValueError("household and role arrays must have the same length")
        if np.any(np.diff(self.household) < 0):
            raise ValueError("persons must be grouped by household, in household order")
        aanvragers = np.bincount(self.household[self.role == 0], minlength=self.n_households)
        if np.any(aanvragers != 1):
            raise ValueError("every household needs exactly one aanvrager")
        for name, values in self.person_inputs.items():
            if len(values) != self.n_persons:
                raise ValueError(f"person input {name!r} has {len(values)} values, expected {self.n_persons}")
        for name, values in self.household_inputs.items():
            if len(values) != self.n_households:
                raise ValueError(f"household input {name!r} has {len(values)} values, expected {self.n_households}")


def build_simulation(tax_benefit_system, population: Population, period: str, extra_periods=()):
    """One OpenFisca simulation for the whole population; inputs are set for `period`.

    `extra_periods` lists other months for which the same inputs hold (for formulas that look back).
    """
    population.validate()
    builder = SimulationBuilder()
    builder.create_entities(tax_benefit_system)
    builder.declare_person_entity("persoon", np.arange(population.n_persons))
    households = builder.declare_entity("huishouden", np.arange(population.n_households))
    builder.join_with_persons(households, population.household, population.role.astype(np.int64))
    simulation = builder.build(tax_benefit_system)
    for month in (period, *extra_periods):
        for name, values in population.person_inputs.items():
            simulation.set_input(name, month, np.asarray(values))
        for name, values in population.household_inputs.items():
            simulation.set_input(name, month, np.asarray(values))
    return simulation


def layout(sizes: np.ndarray, has_partner: np.ndarray, n_kids: np.ndarray):
    """Persons of households laid out one after another: each person's household index, position in
    the household and role (0 aanvrager, 1 partner, 2 kind, 3 medebewoner), in that order within a
    household. `sizes` = 1 + partner + kinderen + medebewoners per household."""
    household = np.repeat(np.arange(len(sizes)), sizes)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    pos = np.arange(household.size) - starts[household]
    hp = has_partner[household].astype(np.int64)
    nk = n_kids[household]
    role = np.select([pos == 0, (pos == 1) & (hp == 1), pos < 1 + hp + nk], [0, 1, 2], default=3).astype(np.int64)
    return household, pos, role

