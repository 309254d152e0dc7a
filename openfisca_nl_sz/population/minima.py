"""Households around the social minimum: the second synthetic population (issue 15 point 4).

For what-ifs that do not go through a WIA assessment (kostendelersnorm, vermogensgrens, Toeslagenwet,
toeslagen) the WIA population is the wrong one: it has no young medebewoners, few bijstand
households. This population has three groups (bijstand, WW, working around the minimumloon), each
weighted to a count of households in the config (scenarios/populations/huishoudens_sociaal_minimum.yaml).
It is a stock: `duration_years` is 1, so `stock_weight` = the households a generated one stands for
and every total is "per year at today's stock". Every number comes from the config; vectorised like
the WIA generator (households as arrays, persons laid out with np.repeat).
"""

from __future__ import annotations

import numpy as np

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.plausibility import MIN_PARENT_CHILD_GAP
from openfisca_nl_sz.population.frame import Population, layout

KIND = "huishoudens_sociaal_minimum"
#: The groups of this population, in the order of their codes in `SyntheticPopulation.outcome`.
GROUPS = ("bijstand", "ww", "werkend")
LEEFVORMEN = ("alleenstaand", "eenouder", "paar")
#: Household types as in the WIA population (the report groups by them).
TYPES = ("alleenstaand", "paar_zonder_kinderen", "paar_met_kinderen", "eenouder")


def _share(source, field, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise InputError(source, field, f"must be a share in [0, 1], got {value!r}")


def check_config(config: dict, source: str) -> None:
    cal, ass = config["calibration"], config["assumptions"]
    for g in GROUPS:
        v = (cal.get("groepen") or {}).get(g, {}).get("value")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
            raise InputError(source, f"calibration.groepen.{g}.value", f"must be a number of households >= 0, got {v!r}")
    for key in ("calibration.bijstand_leefvorm", "assumptions.leefvorm_ww_en_werkend"):
        node = cal["bijstand_leefvorm"] if key.startswith("calibration") else ass["leefvorm_ww_en_werkend"]
        shares = [node.get(lv) for lv in LEEFVORMEN]
        for lv, s in zip(LEEFVORMEN, shares):
            _share(source, f"{key}.{lv}", s)
        if abs(sum(shares) - 1) > 1e-3:
            raise InputError(source, key, f"shares must add up to 1 (they add up to {sum(shares):.4f})")
    for dotted in ("paar_met_kinderen", "medebewoner.aandeel", "medebewoner.aandeel_werkend", "werk.aandeel_bijstand_met_loon",
                   "werk.partner_werkt", "wonen.aandeel_huurders"):
        node = ass
        for part in dotted.split("."):
            node = node[part]
        _share(source, f"assumptions.{dotted}", node)
    age = ass["leeftijd"]
    if not 18 <= age["min"] <= age["max"] <= 120:
        raise InputError(source, "assumptions.leeftijd", f"needs 18 <= min <= max <= 120, got min {age['min']}, max {age['max']}")
    mb = ass["medebewoner"]
    if not 0 <= mb["leeftijd_min"] <= mb["leeftijd_max"] <= 120:
        raise InputError(source, "assumptions.medebewoner.leeftijd_min",
                         f"needs 0 <= leeftijd_min <= leeftijd_max <= 120, got {mb['leeftijd_min']}..{mb['leeftijd_max']}")
    wo = ass["wonen"]
    if not 0 <= wo["huur_min"] <= wo["huur_max"]:
        raise InputError(source, "assumptions.wonen", "needs 0 <= huur_min <= huur_max")
    if not isinstance(ass["kinderen_max"], int) or not 1 <= ass["kinderen_max"] <= 10:
        raise InputError(source, "assumptions.kinderen_max", f"must be a whole number in [1, 10], got {ass['kinderen_max']!r}")


def generate(size: int, seed: int, config: dict):
    """`size` households, split over the groups in proportion to their counts; seeded, vectorised."""
    from openfisca_nl_sz.population.generator import SyntheticPopulation, check_inputs

    rng = np.random.default_rng(seed)
    cal, ass = config["calibration"], config["assumptions"]
    H = size
    counts = np.array([float(cal["groepen"][g]["value"]) for g in GROUPS])
    if counts.sum() <= 0:
        raise InputError("population", "calibration.groepen", "the groups count no households")
    group = rng.choice(len(GROUPS), size=H, p=counts / counts.sum())
    # weight: the group's count spread over the households generated for it
    per_group = np.bincount(group, minlength=len(GROUPS)).astype(float)
    weight = counts[group] / np.maximum(per_group[group], 1.0)

    bl = np.array([cal["bijstand_leefvorm"][lv] for lv in LEEFVORMEN], dtype=float)
    ol = np.array([ass["leefvorm_ww_en_werkend"][lv] for lv in LEEFVORMEN], dtype=float)
    u = rng.random(H)
    leefvorm = np.where(group == 0, np.searchsorted(np.cumsum(bl / bl.sum()), u, side="right"),
                        np.searchsorted(np.cumsum(ol / ol.sum()), u, side="right"))
    leefvorm = np.minimum(leefvorm, len(LEEFVORMEN) - 1)
    has_partner = leefvorm == 2
    kids_if_couple = rng.random(H) < ass["paar_met_kinderen"]
    has_kids = (leefvorm == 1) | (has_partner & kids_if_couple)
    htype = np.select([leefvorm == 0, leefvorm == 1, has_partner & has_kids], [0, 3, 2], default=1)
    n_kids = np.where(has_kids, rng.integers(1, ass["kinderen_max"] + 1, H), 0)
    mb = ass["medebewoner"]
    n_mede = (rng.random(H) < mb["aandeel"]).astype(np.int64)
    sizes = 1 + has_partner.astype(np.int64) + n_kids + n_mede

    household, pos, role = layout(sizes, has_partner, n_kids)
    P = household.size
    is_head, is_partner, is_kid, is_mede = role == 0, role == 1, role == 2, role == 3

    la = ass["leeftijd"]
    age = np.clip(np.rint(rng.normal(la["gemiddelde"], la["sd"], H)), la["min"], la["max"]).astype(np.int64)
    person_age = np.zeros(P, dtype=np.int64)
    person_age[is_head] = age
    person_age[is_partner] = np.clip(np.rint(age[household[is_partner]] + rng.normal(0, 3, int(is_partner.sum()))),
                                     la["min"], la["max"])
    person_age[is_kid] = rng.integers(0, 18, int(is_kid.sum()))
    person_age[is_mede] = rng.integers(mb["leeftijd_min"], mb["leeftijd_max"] + 1, int(is_mede.sum()))
    # plausibility rule 2: a child is at least 16 years younger than both parents (clip, no new draw);
    # a medebewoner who is an adult child likewise
    youngest = age.copy()
    np.minimum.at(youngest, household[is_partner], person_age[is_partner])
    person_age[is_kid] = np.minimum(person_age[is_kid], np.maximum(youngest[household[is_kid]] - MIN_PARENT_CHILD_GAP, 0))
    person_age[is_mede] = np.minimum(person_age[is_mede], np.maximum(youngest[household[is_mede]] - MIN_PARENT_CHILD_GAP, 0))
    person_age[is_mede] = np.maximum(person_age[is_mede], 18)

    wk = ass["werk"]
    head_loon = np.zeros(H)
    bijstand_works = (group == 0) & (rng.random(H) < wk["aandeel_bijstand_met_loon"])
    head_loon = np.where(bijstand_works, np.round(rng.random(H) * wk["loon_bijstand_max"], 2), head_loon)
    working_wage = np.round(wk["loon_werkend_mediaan"] * np.exp(wk["loon_werkend_sigma"] * rng.standard_normal(H)), 2)
    head_loon = np.where(group == 2, working_wage, head_loon)
    person_loon = np.zeros(P)
    person_loon[is_head] = head_loon
    n_p = int(is_partner.sum())
    partner_works = (rng.random(n_p) < wk["partner_werkt"]) & (group[household[is_partner]] != 0)
    partner_wage = wk["loon_partner_mediaan"] * np.exp(wk["loon_werkend_sigma"] * rng.standard_normal(n_p))
    person_loon[is_partner] = np.where(partner_works, np.round(partner_wage, 2), 0.0)
    n_m = int(is_mede.sum())
    mede_works = rng.random(n_m) < mb["aandeel_werkend"]
    person_loon[is_mede] = np.where(mede_works, np.round(mb["loon_mediaan"] * np.exp(0.4 * rng.standard_normal(n_m)), 2), 0.0)

    ww = ass["ww"]
    on_ww = group == 1
    dagloon = np.where(on_ww, np.round(ww["dagloon_mediaan"] * np.exp(ww["dagloon_sigma"] * rng.standard_normal(H)), 2), 0.0)
    maanden = np.where(on_ww, rng.integers(0, ww["max_maanden"], H), 0)
    arbeidsverleden = np.maximum(age - 18, 0)

    vm = ass["vermogen"]
    vermogen = np.round(np.where(group == 0, rng.random(H) * vm["bijstand_max"], rng.random(H) * vm["overig_max"]), 0)
    wo = ass["wonen"]
    renter = rng.random(H) < wo["aandeel_huurders"]
    huur = np.where(renter, np.round(wo["huur_min"] + (wo["huur_max"] - wo["huur_min"]) * rng.random(H), 0), 0.0)

    def head_only(values, fill):
        out = np.full(P, fill, dtype=np.asarray(values).dtype)
        out[is_head] = values
        return out

    person_inputs = {
        "leeftijd": person_age.astype(np.int32),
        "loon": person_loon,
        "vermogen": head_only(vermogen, 0.0),
        "ww_dagloon": head_only(dagloon, 0.0),
        "ww_maanden_sinds_aanvang": head_only(maanden.astype(np.int32), 0),
        "ww_arbeidsverleden_jaren": head_only(arbeidsverleden.astype(np.int32), 0),
    }
    household_inputs = {"huur": huur}
    check_inputs(person_inputs, household_inputs, source="population")
    population = Population(household=household, role=role, person_inputs=person_inputs, household_inputs=household_inputs)
    return SyntheticPopulation(
        population=population,
        inflow_weight=weight,
        duration_years=np.ones(H),
        outcome=group.astype(np.int64),
        household_type=htype.astype(np.int64),
        household_types=TYPES,
        config=config,
        seed=seed,
        outcome_labels=GROUPS,
    )
