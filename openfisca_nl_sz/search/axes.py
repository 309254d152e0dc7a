"""Axes along which the search moves a household one small step at a time.

An axis is an input of one member (or of the household) with a range and a *resolution*: the
smallest step that counts as "a little more" (€ 1 of wage or assets, one month, one year of age,
one AO point). A composition axis moves between two households: without and with a partner or a
medebewoner. Every axis knows how to put a value into a household template.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_nl_sz.search.household import Household, Member

#: Inputs whose increase means more gross income, so that a marginal rate is meaningful.
INCOME_VARIABLES = {"loon"}
#: How gross income on an income axis is counted: the wage plus its 8% vakantiebijslag, as the
#: contract's annualisation counts it in besteedbaar_inkomen.
INCOME_FACTOR = {"loon": 1.08}


@dataclass
class Axis:
    variable: str
    member: str | None
    low: float
    high: float
    resolution: float = 1.0
    points: int = 121
    integer: bool = False
    #: For composition axes: the member that joins at value 1.
    joining: Member | None = field(default=None)

    @property
    def name(self) -> str:
        if self.joining is not None:
            return f"samenstelling:{self.joining.role}"
        return self.variable if self.member in (None, "aanvrager") else f"{self.variable}@{self.member}"

    @property
    def is_income(self) -> bool:
        return self.variable in INCOME_VARIABLES

    @property
    def income_factor(self) -> float:
        return INCOME_FACTOR.get(self.variable, 1.0)

    def applies_to(self, household: Household) -> bool:
        if self.joining is not None:
            return not household.has_member(self.joining.id) and (
                self.joining.role not in ("partner",) or not any(m.role == "partner" for m in household.members)
            )
        return self.member is None or household.has_member(self.member)

    def grid(self, points: int | None = None) -> np.ndarray:
        if self.joining is not None:
            return np.array([0.0, 1.0])
        n = points or self.points
        values = np.linspace(self.low, self.high, n)
        if self.integer:
            values = np.unique(np.round(values))
        else:
            values = np.round(values / self.resolution) * self.resolution
        return values

    def apply(self, household: Household, value) -> Household:
        if self.joining is not None:
            if value >= 0.5:
                new = household.copy()
                new.members.append(Member(self.joining.id, self.joining.role, dict(self.joining.inputs)))
                return new
            return household
        value = int(round(value)) if self.integer else float(value)
        return household.with_value(self.member, self.variable, value)

    def value_label(self, value) -> str:
        if self.joining is not None:
            return f"met {self.joining.role}" if value >= 0.5 else f"zonder {self.joining.role}"
        return f"{int(value)}" if self.integer else f"{value:.2f}"

    def to_dict(self) -> dict:
        data = {"variable": self.variable, "member": self.member, "low": self.low, "high": self.high,
                "resolution": self.resolution, "points": self.points, "integer": self.integer}
        if self.joining is not None:
            data["joining"] = {"id": self.joining.id, "role": self.joining.role, "inputs": self.joining.inputs}
        return data
