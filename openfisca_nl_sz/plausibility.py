"""Households that can exist: one plausibility model for the whole project (issue 11 point 2).

The harm search may only report households a policy reader can meet. This module says which inputs
combine. It is used by the scan templates (config check), the Hypothesis strategies (they draw only
plausible households), the scan itself (a step counts only between two plausible households),
shrinking (never leaves the model), the synthetic population generator (its households pass) and
`nlsz calc` (a warning on stderr, the calculation still runs).

The rules, each with why:

1. **Work history ≤ age − 15.** No one works before 15: the Wet minimumloon gives no minimum wage
   below 15 (the first age with a non-zero `wml.jeugdpercentage`, read from the parameters), and the
   Arbeidstijdenwet forbids most work by children under 15. This bounds `wia_arbeidsverleden_jaren`
   and `ww_arbeidsverleden_jaren`; the years before 2016 (`*_voor_2016`, when given) are at most the
   total and at most the years between the 15th birthday and 2016.
2. **A kind is at least 16 years younger than the aanvrager and than the partner** (the gezin's
   parents). A stated assumption, not law: 16 is the lowest age at which parenthood is common enough
   to be a case a policy reader would recognise.
3. **A kind is younger than 18, or in education and younger than 23.** 18: kinderbijslag and the
   kindgebonden budget stop there (AKW art. 7, `kindgebonden_budget.maximum_leeftijd_kind`). Older
   children who live at home count as the gezin's `kind` only while they study
   (`studeert_met_studiefinanciering`), up to the age of 23 below which the Awir applies the
   kindvrijstelling to a child's income (Awir art. 8; see `awir_toetsingsinkomen_medebewoners`).
   An older child at home is a `medebewoner`.
4. **Earnings next to an IVA or a WGA 80–100 fit the remaining earning capacity.** With an AO% of at
   least `wia.grens_volledig_arbeidsongeschikt` (80) the UWV found that the person can earn at most
   the resterende verdiencapaciteit (RVC): the wage including vakantiebijslag, `loon` × (1 +
   `wml.vakantiebijslag`), is at most the RVC. The RVC is the input `resterende_verdiencapaciteit` when
   given, else (1 − AO%/100) × 21,75 × `wia_dagloon` — exactly the formula default of the variable
   (WIA art. 60–61 with the Schattingsbesluit: the maatman earns what the person earned). Earning more
   than that is not a harm of the law but a reason for a new assessment (WIA art. 55).
5. **The WIA and WW dagloon fit the age.** A dagloon (€ per day, incl. vakantiebijslag) is at most the
   maximum dagloon (`wfsv.maximum_dagloon`) times the WML youth percentage of the person's age
   (`wml.jeugdpercentage`): a 19-year-old (60%) has a dagloon of at most 60% of the maximum, someone
   under 15 (0%) has none. For adults (100%) the dagloon before the cap is not bounded. The WML scales
   the floor of wages by age; scaling the ceiling by the same factor is a stated assumption that
   removes "a 19-year-old at the maximum dagloon" without excluding any real young earner. With rule 1
   the dagloon also fits the work history: both start at the first age with a minimum wage (15), so
   no dagloon and no year of work history exist before it. Nothing more is inferred from the number
   of years (a dagloon rests on the wage of the last year, not on how long the person worked).
6. **The WW dagloon of a partly disabled person comes from the wage they still earn.** With an AO% of
   at least the WIA toegangsgrens (35) and a WIA dagloon, a WW dagloon must come from the job the
   person held next to the WIA, which is within the RVC (Dagloonbesluit werknemersverzekeringen art. 3:
   a WIA benefit is not loon): 21,75 × `ww_dagloon` ≤ RVC. A 35-minner (AO% below 35) keeps the WW
   dagloon of his old wage (Dagloonbesluit art. 2 lid 8) and is not bound by this rule.

Everything is vectorised over persons (numpy arrays grouped by household), so the scan checks a
whole axis grid and the generator a whole population at once.
"""

from __future__ import annotations

from dataclasses import dataclass
import weakref
from functools import lru_cache

import numpy as np

from openfisca_nl_sz.population.frame import ROLES

#: Rule 2 (assumption): the smallest age difference between a parent and a child.
MIN_PARENT_CHILD_GAP = 16
#: Rule 3: the age below which the Awir applies the kindvrijstelling (Awir art. 8; awir.py uses 23).
AWIR_KIND_TOT = 23
#: Rounding slack in euros (inputs are whole cents; a wage exactly at the RVC is plausible).
SLACK = 0.01

#: The person inputs the rules read, with the value that means "not given".
PERSON_INPUTS = {
    "leeftijd": None,  # the system's default (40)
    "loon": 0.0,
    "arbeidsongeschiktheidspercentage": 0.0,
    "wia_dagloon": 0.0,
    "ww_dagloon": 0.0,
    "wia_arbeidsverleden_jaren": 0.0,
    "ww_arbeidsverleden_jaren": 0.0,
    "wia_arbeidsverleden_jaren_voor_2016": -1.0,
    "ww_arbeidsverleden_jaren_voor_2016": -1.0,
    "resterende_verdiencapaciteit": -1.0,
    "studeert_met_studiefinanciering": 0.0,
}

#: Plain-Dutch reason per rule, for warnings and error messages.
REASONS = {
    "arbeidsverleden": "arbeidsverleden is langer dan leeftijd − {min_work_age} jaar",
    "ouder_kind": "een kind is minder dan {gap} jaar jonger dan een ouder",
    "kind_leeftijd": "een kind is {kind_tot} of ouder zonder studie (of {awir_tot} of ouder): dat is een medebewoner",
    "loon_naast_iva": "loon naast IVA/WGA 80–100 is hoger dan de resterende verdiencapaciteit",
    "dagloon_leeftijd": "dagloon is hoger dan past bij de leeftijd (maximumdagloon × jeugdloonpercentage)",
    "ww_dagloon_rvc": "WW-dagloon naast een WIA-uitkering is hoger dan de resterende verdiencapaciteit",
}


@dataclass(frozen=True)
class Limits:
    """The legal numbers the rules read, at one instant."""

    min_work_age: int
    kind_tot: int
    volledig: float
    toegangsgrens: float
    dagen_per_maand: float
    vakantiebijslag: float
    maximum_dagloon: float
    jeugd_thresholds: tuple
    jeugd_amounts: tuple
    year: int
    default_age: int

    def jeugdpercentage(self, age: np.ndarray) -> np.ndarray:
        thresholds = np.asarray(self.jeugd_thresholds, dtype=float)
        amounts = np.asarray(self.jeugd_amounts, dtype=float)
        index = np.searchsorted(thresholds, np.asarray(age, dtype=float), side="right") - 1
        return np.where(index >= 0, amounts[np.clip(index, 0, None)], 0.0)


def limits(system, period: str) -> Limits:
    """The legal numbers of the rules at the first day of `period`, read once per system and month."""
    period = str(period)[:7]
    try:
        per_system = _CACHE.setdefault(system, {})
    except TypeError:  # a system that cannot be weakly referenced: no cache
        return _read_limits(system, period)
    if period not in per_system:
        per_system[period] = _read_limits(system, period)
    return per_system[period]


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def package_limits(period: str) -> Limits:
    """The limits from the package's own parameters/ without building a tax-benefit system (for the
    population generator, which has none)."""
    return _package_limits(str(period)[:7])


@lru_cache(maxsize=8)
def _package_limits(period: str) -> Limits:
    from openfisca_core.parameters import ParameterNode

    from openfisca_nl_sz.paths import data_dir

    parameters = ParameterNode("", directory_path=str(data_dir("parameters")))
    return _limits_from(parameters, period, default_age=40)


def _read_limits(system, period: str) -> Limits:
    return _limits_from(system.parameters, period, int(system.variables["leeftijd"].default_value))


def _limits_from(parameters, period: str, default_age: int) -> Limits:
    instant = f"{period[:7]}-01"
    p = parameters(instant)
    scale = parameters.wml.jeugdpercentage
    thresholds = tuple(float(b.threshold(instant)) for b in scale.brackets)
    amounts = tuple(float(b.amount(instant)) for b in scale.brackets)
    working = [t for t, a in zip(thresholds, amounts) if a > 0]
    return Limits(
        min_work_age=int(min(working)) if working else 15,
        kind_tot=int(p.kindgebonden_budget.maximum_leeftijd_kind),
        volledig=float(p.wia.grens_volledig_arbeidsongeschikt),
        toegangsgrens=float(p.wia.toegangsgrens),
        dagen_per_maand=float(p.wia.dagen_per_maand),
        vakantiebijslag=float(p.wml.vakantiebijslag),
        maximum_dagloon=float(p.wfsv.maximum_dagloon),
        jeugd_thresholds=thresholds,
        jeugd_amounts=amounts,
        year=int(period[:4]),
        default_age=default_age,
    )


def check_arrays(household: np.ndarray, role: np.ndarray, person: dict, n_households: int, lim: Limits) -> dict:
    """{rule: bool array per household, True where the rule is broken}.

    `household` (per person, 0..H-1), `role` (per person, index into ROLES) and `person` (input name →
    array per person; missing names take their "not given" value) as in a `Population`.
    """
    n = household.shape[0]

    def get(name):
        if name in person:
            return np.asarray(person[name], dtype=float)
        default = PERSON_INPUTS[name]
        return np.full(n, float(lim.default_age if default is None else default))

    age = get("leeftijd")
    loon = get("loon")
    ao = np.clip(get("arbeidsongeschiktheidspercentage"), 0, 100)
    wia_dagloon = get("wia_dagloon")
    ww_dagloon = get("ww_dagloon")
    given_rvc = get("resterende_verdiencapaciteit")
    rvc = np.where(given_rvc >= 0, given_rvc, (1 - ao / 100) * lim.dagen_per_maand * np.maximum(wia_dagloon, 0))
    is_kind = role == ROLES.index("kind")
    is_parent = (role == ROLES.index("aanvrager")) | (role == ROLES.index("partner"))

    bad = {}
    # 1. work history
    room = np.maximum(age - lim.min_work_age, 0)
    room_before_2016 = np.maximum(age - lim.min_work_age - (lim.year - 2016), 0)
    person_bad = np.zeros(n, dtype=bool)
    for prefix in ("wia", "ww"):
        total = get(f"{prefix}_arbeidsverleden_jaren")
        before = get(f"{prefix}_arbeidsverleden_jaren_voor_2016")
        person_bad |= total > room + 1e-9
        person_bad |= (before >= 0) & ((before > total + 1e-9) | (before > room_before_2016 + 1e-9))
    bad["arbeidsverleden"] = person_bad
    # 2. parent at least 16 years older than every kind
    oldest_kind = np.full(n_households, -np.inf)
    np.maximum.at(oldest_kind, household[is_kind], age[is_kind])
    youngest_parent = np.full(n_households, np.inf)
    np.minimum.at(youngest_parent, household[is_parent], age[is_parent])
    household_bad = oldest_kind > youngest_parent - MIN_PARENT_CHILD_GAP
    # 3. a kind is a minor, or a student below the Awir age
    studies = get("studeert_met_studiefinanciering") > 0
    bad["kind_leeftijd"] = is_kind & ((age >= AWIR_KIND_TOT) | ((age >= lim.kind_tot) & ~studies))
    # 4. earnings next to IVA / WGA 80-100
    bad["loon_naast_iva"] = (ao >= lim.volledig) & (loon * (1 + lim.vakantiebijslag) > rvc + SLACK)
    # 5. dagloon and age
    share = lim.jeugdpercentage(age)
    cap = np.where(share < 1, lim.maximum_dagloon * share, np.inf)  # an adult's dagloon before the cap is not bounded
    bad["dagloon_leeftijd"] = ((wia_dagloon > 0) & (wia_dagloon > cap + SLACK)) | ((ww_dagloon > 0) & (ww_dagloon > cap + SLACK))
    # 6. WW dagloon next to a WIA right
    bad["ww_dagloon_rvc"] = ((ao >= lim.toegangsgrens) & (wia_dagloon > 0) & (ww_dagloon > 0)
                             & (lim.dagen_per_maand * ww_dagloon > rvc + SLACK))

    per_household = {}
    for rule, values in bad.items():
        out = np.zeros(n_households, dtype=bool)
        np.logical_or.at(out, household, values)
        per_household[rule] = out
    per_household["ouder_kind"] = household_bad
    return per_household


def _households_to_arrays(households) -> tuple:
    household, role, person = [], [], {name: [] for name in PERSON_INPUTS}
    for index, h in enumerate(households):
        for member in h.members:
            household.append(index)
            role.append(ROLES.index(member.role))
            for name, default in PERSON_INPUTS.items():
                value = member.inputs.get(name)
                if value is None:
                    value = np.nan if default is None else default
                person[name].append(float(value))
    return np.asarray(household, dtype=np.int64), np.asarray(role, dtype=np.int64), {
        name: np.asarray(values, dtype=float) for name, values in person.items()}


def check_households(households, system, period: str) -> dict:
    """{rule: bool array (one per household), True where broken} for search `Household` objects."""
    lim = limits(system, period)
    household, role, person = _households_to_arrays(households)
    person["leeftijd"] = np.where(np.isnan(person["leeftijd"]), lim.default_age, person["leeftijd"])
    return check_arrays(household, role, person, len(households), lim)


def plausible(households, system, period: str) -> np.ndarray:
    """One bool per household: True where every rule holds."""
    if not households:
        return np.zeros(0, dtype=bool)
    broken = check_households(households, system, period)
    return ~np.logical_or.reduce(list(broken.values()))


def problems(household, system, period: str) -> list[str]:
    """The rules one household breaks, in plain Dutch (empty when it is plausible)."""
    lim = limits(system, period)
    broken = check_households([household], system, period)
    return [_reason(rule, lim) for rule, values in broken.items() if values[0]]


def check_population(population, system, period: str) -> np.ndarray:
    """One bool per household of a `Population`: True where every rule holds."""
    lim = limits(system, period)
    broken = check_arrays(population.household, population.role, population.person_inputs,
                          population.n_households, lim)
    return ~np.logical_or.reduce(list(broken.values()))


def situation_problems(system, situation: dict, period: str) -> list[str]:
    """The rules an OpenFisca situation (as given to `nlsz calc`) breaks, per household, in plain Dutch."""
    from openfisca_nl_sz.search.household import Household, Member

    plurals = {"aanvragers": "aanvrager", "partners": "partner", "kinderen": "kind", "medebewoners": "medebewoner"}
    personen = situation.get("personen") or {}
    names, households = [], []
    for name, data in (situation.get("huishoudens") or {}).items():
        members = []
        for plural, role in plurals.items():
            for person_id in data.get(plural) or []:
                inputs = {}
                for variable, values in (personen.get(person_id) or {}).items():
                    if variable in PERSON_INPUTS:
                        # a value per month ({2026-01: 10}) or a plain value (leeftijd: 10), as calc files give it
                        value = values.get(period, next(iter(values.values()), None)) if isinstance(values, dict) else values
                        if isinstance(value, (int, float)):
                            inputs[variable] = value
                members.append(Member(str(person_id), role, inputs))
        if not members or not any(m.role == "aanvrager" for m in members):
            continue
        names.append(name)
        households.append(Household(members))
    if not households:
        return []
    # all households in one vectorised check (a situation may hold 50,000 persons: issue 14 point 4)
    lim = limits(system, period)
    broken = check_households(households, system, period)
    return [f"huishouden {name}: {_reason(rule, lim)}"
            for index, name in enumerate(names) for rule, values in broken.items() if values[index]]


def _reason(rule: str, lim: Limits) -> str:
    return REASONS[rule].format(min_work_age=lim.min_work_age, gap=MIN_PARENT_CHILD_GAP, kind_tot=lim.kind_tot,
                                awir_tot=AWIR_KIND_TOT)
