"""Household templates: one household described by its members' and its own inputs.

A template is the unit the search varies, shrinks and reports. It converts to the contract's
OpenFisca situation (for findings.json and regression tests) and, many at once, to a `Population`
for one vectorised simulation.
"""

from __future__ import annotations

import hashlib
from itertools import repeat
import json
from dataclasses import dataclass, field

import numpy as np

from openfisca_nl_sz.population import ROLES, Population

ROLE_PLURALS = {"aanvrager": "aanvragers", "partner": "partners", "kind": "kinderen", "medebewoner": "medebewoners"}


@dataclass
class Member:
    id: str
    role: str
    inputs: dict = field(default_factory=dict)


@dataclass
class Household:
    members: list[Member]
    inputs: dict = field(default_factory=dict)

    def copy(self) -> "Household":
        # Inputs are scalars (numbers, booleans, strings), so copying each dict is a full copy; a
        # deepcopy here cost about 40% of a default scan (issue 14: it ran for every axis point).
        return Household([Member(m.id, m.role, dict(m.inputs)) for m in self.members], dict(self.inputs))

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def has_member(self, member_id: str) -> bool:
        return any(m.id == member_id for m in self.members)

    def get(self, member_id: str | None, variable: str, default=None):
        source = self.inputs if member_id is None else self.member(member_id).inputs
        return source.get(variable, default)

    def with_value(self, member_id: str | None, variable: str, value) -> "Household":
        # Only the changed member is copied; the others are shared, which is safe because every
        # change of a household goes through a copy (issue 14: this runs for every axis point).
        if member_id is None:
            return Household(list(self.members), {**self.inputs, variable: value})
        members, found = [], False
        for m in self.members:
            if m.id == member_id:
                m, found = Member(m.id, m.role, {**m.inputs, variable: value}), True
            members.append(m)
        if not found:
            raise KeyError(member_id)
        return Household(members, self.inputs)

    def without_member(self, member_id: str) -> "Household":
        new = self.copy()
        new.members = [m for m in new.members if m.id != member_id]
        return new

    def ordered(self) -> "Household":
        """Members in role order (aanvrager first), as the population arrays need."""
        new = self.copy()
        new.members.sort(key=lambda m: ROLES.index(m.role))
        return new

    def ordered_members(self) -> list[Member]:
        """The members in role order, without copying the household (the same order as `ordered`)."""
        if len(self.members) == 1:
            return list(self.members)
        return sorted(self.members, key=_role_index)

    def signature(self) -> tuple:
        """Which inputs are set: households with one signature share one simulation."""
        person_names = sorted({name for m in self.members for name in m.inputs})
        return tuple(person_names), tuple(sorted(self.inputs))

    def to_situation(self, period: str) -> dict:
        personen = {m.id: {k: {period: _plain(v)} for k, v in sorted(m.inputs.items())} for m in self.members}
        household = {k: {period: _plain(v)} for k, v in sorted(self.inputs.items())}
        for role, plural in ROLE_PLURALS.items():
            ids = [m.id for m in self.members if m.role == role]
            if ids:
                household[plural] = ids
        return {"personen": personen, "huishoudens": {"huishouden": household}}

    def to_dict(self) -> dict:
        return {
            "members": [{"id": m.id, "role": m.role, "inputs": {k: _plain(v) for k, v in sorted(m.inputs.items())}} for m in self.members],
            "inputs": {k: _plain(v) for k, v in sorted(self.inputs.items())},
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Household":
        return cls(
            members=[Member(m["id"], m["role"], dict(m.get("inputs", {}))) for m in data["members"]],
            inputs=dict(data.get("inputs", {})),
        )

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:16]

    def describe(self) -> str:
        """A short human description, e.g. 'aanvrager 45 j + partner 50 j + 1 kind'."""
        parts = []
        for m in self.members:
            age = m.inputs.get("leeftijd")
            parts.append(f"{m.role} ({age} j)" if age is not None else m.role)
        return " + ".join(parts)


_ROLE_ORDER = {role: index for index, role in enumerate(ROLES)}


def _role_index(member: Member) -> int:
    return _ROLE_ORDER[member.role]


def _plain(value):
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_population(tax_benefit_system, households: list[Household]) -> Population:
    """Stack households into one Population.

    A member without an input gets the variable's `default_value`; for an input with a formula
    default that is `formula_defaults.NOT_GIVEN`, so he gets his own formula value even when other
    members or households give the input (openfisca_nl_sz/formula_defaults.py).
    """
    ordered = [h.ordered_members() for h in households]
    flat = [m for members in ordered for m in members]
    person_names = sorted({name for m in flat for name in m.inputs})
    household_names = sorted({name for h in households for name in h.inputs})
    variables = tax_benefit_system.variables
    # One comprehension per input (issue 14: a loop per person and input cost most of a batch).
    household_index = np.repeat(np.arange(len(households), dtype=np.int64), [len(members) for members in ordered])
    roles = [_ROLE_ORDER[m.role] for m in flat]
    person_dicts = [m.inputs for m in flat]
    household_dicts = [h.inputs for h in households]
    person_values = {}
    for name in person_names:
        person_values[name] = list(map(dict.get, person_dicts, repeat(name), repeat(variables[name].default_value)))
    household_values = {}
    for name in household_names:
        household_values[name] = list(map(dict.get, household_dicts, repeat(name), repeat(variables[name].default_value)))
    return Population(
        household=np.asarray(household_index, dtype=np.int64),
        role=np.asarray(roles, dtype=np.int64),
        person_inputs={n: np.asarray(v, dtype=variables[n].dtype) for n, v in person_values.items()},
        household_inputs={n: np.asarray(v, dtype=variables[n].dtype) for n, v in household_values.items()},
    )
