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
#: Inputs that only grow while time runs (issue 11 point 3): judged only in the direction time runs.
#: An age, the months since a benefit started or since a vrijlating began, the years of work history.
TIME_VARIABLES = {"leeftijd", "wia_maanden_sinds_aanvang", "ww_maanden_sinds_aanvang", "pw_vrijlating_maanden_gebruikt",
                  "pw_vrijlating_r_maanden_gebruikt", "tw_vrijlating_maanden_gebruikt", "wia_arbeidsverleden_jaren",
                  "ww_arbeidsverleden_jaren"}
#: Plain-Dutch phrases for one step along an axis, (up, down): {n} is the size of the step.
STEP_PHRASES = {
    "loon": ("verdient € {n} meer", "verdient € {n} minder"),
    "vermogen": ("spaart € {n} meer", "heeft € {n} minder vermogen"),
    "huur": ("betaalt € {n} meer huur", "betaalt € {n} minder huur"),
    "servicekosten": ("betaalt € {n} meer servicekosten", "betaalt € {n} minder servicekosten"),
    "arbeidsongeschiktheidspercentage": ("AO-percentage {n} punt hoger", "AO-percentage {n} punt lager"),
    "wia_dagloon": ("WIA-dagloon € {n} hoger", "WIA-dagloon € {n} lager"),
    "ww_dagloon": ("WW-dagloon € {n} hoger", "WW-dagloon € {n} lager"),
    "wia_maanden_sinds_aanvang": ("{months} later in de WIA", None),
    "ww_maanden_sinds_aanvang": ("{months} later in de WW", None),
    "pw_vrijlating_maanden_gebruikt": ("{months} later in de inkomstenvrijlating", None),
    "pw_vrijlating_r_maanden_gebruikt": ("{months} later in de vrijlating alleenstaande ouder", None),
    "tw_vrijlating_maanden_gebruikt": ("{months} later in de TW-vrijlating", None),
    "wia_arbeidsverleden_jaren": ("{n} jaar langer gewerkt", None),
    "ww_arbeidsverleden_jaren": ("{n} jaar langer gewerkt", None),
}


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
    #: Points the grid always holds: each legal threshold of the axis's kind and its neighbour one
    #: resolution below (issue 11 point 5), so that every threshold in range is crossed exactly.
    law_points: tuple = ()

    @property
    def name(self) -> str:
        if self.joining is not None:
            return f"samenstelling:{self.joining.role}"
        return self.variable if self.member in (None, "aanvrager") else f"{self.variable}@{self.member}"

    @property
    def is_income(self) -> bool:
        return self.variable in INCOME_VARIABLES

    @property
    def forward_only(self) -> bool:
        """Time runs one way: an age or a duration is judged only going up, a newcomer only joining."""
        return self.joining is not None or self.variable in TIME_VARIABLES

    def step_text(self, x_from, x_to) -> str:
        """The step in the direction the person lives it, in plain Dutch: "verdient € 1 meer",
        "wordt 27", "een maand later in de WW", "partner komt erbij"."""
        if self.joining is not None:
            return f"{self.joining.role} komt erbij" if x_to > x_from else f"{self.joining.role} vertrekt"
        who = "" if self.member in (None, "aanvrager") else f"{_member_label(self.member)} "
        size = abs(float(x_to) - float(x_from))
        n = f"{int(size):,}".replace(",", ".") if size.is_integer() else f"{size:.2f}".replace(".", ",")
        if self.variable == "leeftijd":
            return f"{who}wordt {int(x_to)}" if x_to > x_from else f"{who}is {int(x_to)} in plaats van {int(x_from)}"
        up, down = STEP_PHRASES.get(self.variable, (f"{self.variable} {{n}} hoger", f"{self.variable} {{n}} lager"))
        months = "een maand" if size == 1 else f"{n} maanden"
        phrase = up if x_to > x_from or down is None else down
        return (who + phrase.format(n=n, months=months)).strip()

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
        law = [p for p in self.law_points if self.low <= p <= self.high]
        if law:
            values = np.concatenate([values, np.asarray(law, dtype=float)])
        if self.integer:
            values = np.unique(np.round(values))
        else:
            values = np.unique(np.round(values / self.resolution) * self.resolution)
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
        if self.law_points:
            data["law_points"] = [int(p) if float(p).is_integer() else p for p in self.law_points]
        return data


def _member_label(member_id: str) -> str:
    """'partner', 'kind1' → 'kind 1', 'medebewoner'."""
    stripped = member_id.rstrip("0123456789")
    return f"{stripped} {member_id[len(stripped):]}" if stripped != member_id else member_id
