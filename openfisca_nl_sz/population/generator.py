"""Synthetic populations of WIA-assessed persons and their households.

One generated population is one year of WIA claim assessments (see
`scenarios/populations/wia_beoordeelden.yaml`): the outcome of the assessment (rejected / WGA 35-80 /
WGA 80-100 / IVA) is drawn with the UWV shares, then the degree of incapacity, wage, work, household,
rent and assets from the documented assumptions of the config file. Nothing that is not law or a
published statistic is in this module: every number comes from the config.

Why this shape: the comparison of the WIA threshold at 35/25/15% needs the people just below 35%,
who exist only among the *assessed*, not among benefit recipients. Weights turn the sample into a
yearly inflow (`inflow_weight`) and, with a benefit duration per person, into a structural stock
(`stock_weight` = inflow weight x duration in years; the stock model is explained in the config).

Everything is vectorised: households are drawn as arrays, persons are laid out with `np.repeat` and
roles follow from the position inside the household, so a million persons take about a second.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.legal.coverage import FIRST_MONTH
from openfisca_nl_sz.plausibility import MIN_PARENT_CHILD_GAP, package_limits
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.population.frame import Population, layout

#: Outcome categories of the assessment, in the order of their integer codes.
OUTCOMES = ("afgewezen", "wga_35_80", "wga_80_100", "iva")
DEFAULT_CONFIG = "populations/wia_beoordeelden.yaml"

#: Upper bound on the sample size (memory: ~2.5 persons per household, ~15 arrays).
MAX_SIZE = 5_000_000


@dataclass
class SyntheticPopulation:
    """A generated population with its weights and the labels the comparison groups by.

    Per household (length H): `inflow_weight` (assessments per year this household stands for),
    `duration_years` (benefit duration D), `stock_weight` (= inflow_weight x D), `outcome` (index
    into OUTCOMES), `household_type` (index into `household_types`).
    """

    population: Population
    inflow_weight: np.ndarray
    duration_years: np.ndarray
    outcome: np.ndarray
    household_type: np.ndarray
    household_types: tuple[str, ...]
    config: dict = field(default_factory=dict)
    seed: int = 0
    #: Labels of the `outcome` codes: the assessment outcomes here, the groups of another population.
    outcome_labels: tuple[str, ...] = OUTCOMES

    @property
    def kind(self) -> str:
        return self.config.get("soort", "wia_beoordeelden")

    @property
    def stock_weight(self) -> np.ndarray:
        return self.inflow_weight * self.duration_years

    def restricted_to(self, variable_names) -> Population:
        """The same population with only the inputs the tax-benefit system knows (others dropped)."""
        known = set(variable_names)
        p = self.population
        return Population(
            household=p.household,
            role=p.role,
            person_inputs={k: v for k, v in p.person_inputs.items() if k in known},
            household_inputs={k: v for k, v in p.household_inputs.items() if k in known},
        )


def config_path(path: str | None = None) -> Path:
    """The config file: an explicit path, or the default in scenarios/populations/."""
    if path is None:
        return data_dir("scenarios") / DEFAULT_CONFIG
    return Path(path)


def load_config(path: str | None = None, overrides: dict | None = None) -> dict:
    """Read a population config and apply `overrides` ({"assumptions.ww.aandeel...": value})."""
    from openfisca_nl_sz.validation.loading import load_file

    p = config_path(path)
    if not p.is_file():
        raise InputError(str(p), "population.config", "file not found")
    # size limit, no repeated keys, no alias bombs (issue 13)
    config = load_file(p, kind="YAML")
    if not isinstance(config, dict) or "calibration" not in config or "assumptions" not in config:
        raise InputError(str(p), "population.config", "must be a mapping with `calibration` and `assumptions`")
    config = copy.deepcopy(config)
    for dotted, value in (overrides or {}).items():
        apply_override(config, dotted, value, source=str(p))
    check_config(config, source=str(p))
    return config


def apply_override(config: dict, dotted: str, value, source: str) -> None:
    """Set `config[a][b][c] = value` for "a.b.c"; the key must already exist (no typos pass)."""
    import difflib

    node = config
    parts = dotted.split(".")
    for depth, key in enumerate(parts):
        if not isinstance(node, dict) or key not in node:
            where = ".".join(parts[:depth]) or "(top)"
            options = sorted(node) if isinstance(node, dict) else []
            near = difflib.get_close_matches(key, options, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else (f"; keys under {where}: {', '.join(options)}" if options else "")
            raise InputError(source, f"population.overrides.{dotted}", f"unknown key {key!r}{hint}")
        if depth == len(parts) - 1:
            old = node[key]
            if isinstance(old, (int, float)) and not isinstance(old, bool):
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                    raise InputError(source, f"population.overrides.{dotted}", f"must be a finite number, got {value!r}")
                if old >= 0 and value < 0:
                    raise InputError(source, f"population.overrides.{dotted}", f"must be a number of at least 0 like the default {old!r}, got {value!r}")
            elif isinstance(old, list) and not isinstance(value, list):
                raise InputError(source, f"population.overrides.{dotted}", f"must be a list like {old!r}")
            elif isinstance(old, dict):
                raise InputError(source, f"population.overrides.{dotted}", f"is a group; set one of: {', '.join(old)}")
            node[key] = value
        else:
            node = node[key]


def _share_list(config_source, field_name, shares, n=None):
    arr = np.asarray(shares, dtype=float)
    if arr.ndim != 1 or (n is not None and arr.size != n):
        raise InputError(config_source, field_name, f"must be a list of {n} shares")
    if np.any(arr < 0) or abs(arr.sum() - 1.0) > 1e-3:
        raise InputError(config_source, field_name, f"shares must be >= 0 and add up to 1 (they add up to {arr.sum():.4f})")
    return arr / arr.sum()


def check_config(config: dict, source: str) -> None:
    """The checks that keep a hand-edited config from giving silent nonsense."""
    kind = config.get("soort", "wia_beoordeelden")
    if kind != "wia_beoordeelden":
        from openfisca_nl_sz.population import minima

        if kind != minima.KIND:
            raise InputError(source, "soort", f"unknown population kind {kind!r}; allowed: wia_beoordeelden, {minima.KIND}")
        minima.check_config(config, source)
        check_ranges(config, source)
        return
    cal, ass = config["calibration"], config["assumptions"]
    shares = cal["uitkomst_aandelen"]
    _share_list(source, "calibration.uitkomst_aandelen", [shares[o] for o in OUTCOMES])
    for o in OUTCOMES:
        v = cal["aandeel_werkend"][o]
        if not 0 <= v <= 1:
            raise InputError(source, f"calibration.aandeel_werkend.{o}", f"must be in [0, 1], got {v}")
    for key in ("ao_verdeling_afgewezen", "ao_verdeling_wga_35_80"):
        bands = ass[key]["banden"]
        _share_list(source, f"assumptions.{key}.aandelen", ass[key]["aandelen"], n=len(bands))
        for lo, hi in bands:
            if not 0 <= lo < hi <= 100:
                raise InputError(source, f"assumptions.{key}.banden", f"each band [lo, hi] needs 0 <= lo < hi <= 100, got {[lo, hi]}")
    lo, hi = config["assumptions"]["ao_80_100"]
    if not 80 <= lo < hi <= 100:
        raise InputError(source, "assumptions.ao_80_100", "must be a band inside [80, 100]")
    ht = ass["huishoudtypen"]
    _share_list(source, "assumptions.huishoudtypen.aandelen", ht["aandelen"], n=len(ht["typen"]))
    unknown = set(ht["typen"]) - {"alleenstaand", "paar_zonder_kinderen", "paar_met_kinderen", "eenouder"}
    if unknown:
        raise InputError(source, "assumptions.huishoudtypen.typen",
                         f"unknown type(s) {sorted(unknown)}; allowed: alleenstaand, paar_zonder_kinderen, paar_met_kinderen, eenouder")
    for dotted in ("referte_eis.aandeel", "ww.aandeel_niet_werkende_afgewezen", "partner.aandeel_werkend",
                   "wonen.aandeel_huurders", "vermogen.aandeel_laag", "huishoudtypen.aandeel_met_medebewoner"):
        a, b = dotted.split(".")
        v = ass[a][b]
        if not 0 <= v <= 1:
            raise InputError(source, f"assumptions.{dotted}", f"must be a share in [0, 1], got {v}")
    w = ass["verdiensten_werkenden"]
    if not 0 <= w["min"] <= w["max"]:
        raise InputError(source, "assumptions.verdiensten_werkenden", "needs 0 <= min <= max")
    for o in OUTCOMES:
        if not ass["duur_jaren"]["gemiddelde"][o] > 0:
            raise InputError(source, f"assumptions.duur_jaren.gemiddelde.{o}", "must be > 0 years")
    factors = ass["maatmanloon"].get("factor_per_uitkomst") or {}
    for o, v in factors.items():
        if o not in OUTCOMES or isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 5:
            raise InputError(source, f"assumptions.maatmanloon.factor_per_uitkomst.{o}",
                             f"must be an outcome ({', '.join(OUTCOMES)}) with a factor in (0, 5], got {v!r}")
    from openfisca_nl_sz.compare.calibration import check_targets

    check_targets(config, source)
    check_ranges(config, source)


def check_ranges(config: dict, source: str) -> None:
    """Each `onzekerheid` entry names an existing assumption, and both ends pass as an override."""
    entries = config.get("onzekerheid") or []
    if not isinstance(entries, list):
        raise InputError(source, "onzekerheid", "must be a list of {pad, label, laag, hoog, waarom}")
    for i, entry in enumerate(entries):
        field_name = f"onzekerheid[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("pad"), str) or "laag" not in entry or "hoog" not in entry:
            raise InputError(source, field_name, "needs pad (a dotted path under assumptions), laag and hoog")
        if not entry["pad"].startswith("assumptions."):
            raise InputError(source, f"{field_name}.pad", "must be an assumption (assumptions.…): law and published statistics get no range")
        for end in ("laag", "hoog"):
            trial = copy.deepcopy({k: v for k, v in config.items() if k != "onzekerheid"})
            apply_override(trial, entry["pad"], entry[end], source=source)


def _draw_bands(rng, n, bands, shares):
    """AO% drawn from piecewise-uniform bands (vectorised)."""
    bands = np.asarray(bands, dtype=float)
    which = rng.choice(len(bands), size=n, p=np.asarray(shares, dtype=float) / np.sum(shares))
    lo, hi = bands[which, 0], bands[which, 1]
    # Open at the top: a band [25, 35] gives values in [25, 35), so class limits are unambiguous.
    return lo + (hi - lo) * rng.random(n)


def generate(size: int, seed: int = 0, config: dict | None = None) -> SyntheticPopulation:
    """Generate `size` assessed persons (one household each) with the given seed.

    Same (size, seed, config) gives bit-identical arrays.
    """
    if config is None:
        config = load_config()
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_SIZE:
        raise InputError("population", "size", f"must be a whole number in 1..{MAX_SIZE}, got {size!r}")
    if config.get("soort", "wia_beoordeelden") != "wia_beoordeelden":
        from openfisca_nl_sz.population import minima

        return minima.generate(size, seed, config)
    rng = np.random.default_rng(seed)
    cal, ass = config["calibration"], config["assumptions"]
    H = size

    # --- the assessed person (aanvrager) -------------------------------------------------------
    outcome = rng.choice(len(OUTCOMES), size=H, p=_share_list("config", "uitkomst", [cal["uitkomst_aandelen"][o] for o in OUTCOMES]))
    ao = np.empty(H)
    m = outcome == 0
    ao[m] = _draw_bands(rng, int(m.sum()), ass["ao_verdeling_afgewezen"]["banden"], ass["ao_verdeling_afgewezen"]["aandelen"])
    m = outcome == 1
    ao[m] = _draw_bands(rng, int(m.sum()), ass["ao_verdeling_wga_35_80"]["banden"], ass["ao_verdeling_wga_35_80"]["aandelen"])
    m = outcome >= 2
    lo, hi = ass["ao_80_100"]
    ao[m] = lo + (hi - lo) * rng.random(int(m.sum()))
    duurzaam = outcome == 3

    la = ass["leeftijd"]
    age = np.clip(np.rint(rng.normal(la["gemiddelde"], la["sd"], H)), la["min"], la["max"]).astype(np.int32)

    mw = ass["maatmanloon"]
    maatman = np.maximum(mw["mediaan"] * np.exp(mw["sigma"] * rng.standard_normal(H)), mw["min"])
    # Calibration lever (issue 15): the wage level differs by outcome (e.g. vangnetters from flexible and
    # lower-paid work are over-represented in WGA 80-100). A factor after the draw, so the random
    # stream of everything else is unchanged. Absent (older configs) = 1 for every outcome.
    factors = mw.get("factor_per_uitkomst") or {}
    maatman = np.maximum(maatman * np.array([float(factors.get(o, 1.0)) for o in OUTCOMES])[outcome], mw["min"])
    dagloon = maatman * 1.08 / 21.75
    # Plausibility rule 5: a young person's dagloon is at most the maximum dagloon times the WML youth
    # percentage of his age (the strictest month the legislation covers, so it holds in every month).
    limits = package_limits(FIRST_MONTH)
    share = limits.jeugdpercentage(age)
    dagloon = np.where(share < 1, np.minimum(dagloon, limits.maximum_dagloon * share), dagloon)
    maatman = np.minimum(maatman, dagloon * 21.75 / 1.08)

    werk_share = np.array([cal["aandeel_werkend"][o] for o in OUTCOMES])
    works = rng.random(H) < werk_share[outcome]
    rvc = (1.0 - ao / 100.0) * maatman
    vw = ass["verdiensten_werkenden"]
    frac = vw["min"] + (vw["max"] - vw["min"]) * rng.random(H)
    loon = np.where(works, np.round(frac * rvc, 2), 0.0)

    referte = rng.random(H) < ass["referte_eis"]["aandeel"]
    gap = rng.random(H) * ass["arbeidsverleden"]["max_gat"]
    arbeidsverleden = np.maximum(np.floor(age - 18 - gap), 0).astype(np.int32)

    dj = ass["duur_jaren"]
    mean_dur = np.array([dj["gemiddelde"][o] for o in OUTCOMES])[outcome]
    to_aow = np.maximum(dj["aow_leeftijd"] - age, 0.25)
    duration = np.minimum(rng.exponential(mean_dur), to_aow)
    duration = np.maximum(duration, 1.0 / 12.0)
    maanden = np.floor(rng.random(H) * duration * 12.0).astype(np.int32)

    ww = ass["ww"]
    on_ww = (outcome == 0) & ~works & (rng.random(H) < ww["aandeel_niet_werkende_afgewezen"])
    ww_dagloon = np.where(on_ww, dagloon, 0.0)
    ww_maanden = np.where(on_ww, rng.integers(0, ww["max_maanden"], H), 0).astype(np.int32)

    vm = ass["vermogen"]
    low = rng.random(H) < vm["aandeel_laag"]
    vermogen = np.where(low, rng.random(H) * vm["laag_max"], vm["mediaan"] * np.exp(vm["sigma"] * rng.standard_normal(H)))
    vermogen = np.round(vermogen, 0)

    # --- household composition ---------------------------------------------------------------
    ht = ass["huishoudtypen"]
    types = tuple(ht["typen"])
    htype = rng.choice(len(types), size=H, p=np.asarray(ht["aandelen"], float) / np.sum(ht["aandelen"]))
    type_names = np.asarray(types)[htype]
    has_partner = np.isin(type_names, ["paar_zonder_kinderen", "paar_met_kinderen"])
    has_kids = np.isin(type_names, ["paar_met_kinderen", "eenouder"])
    n_kids = np.where(has_kids, rng.integers(1, ht["kinderen_max"] + 1, H), 0)
    n_mede = (rng.random(H) < ht["aandeel_met_medebewoner"]).astype(np.int64)
    sizes = 1 + has_partner.astype(np.int64) + n_kids + n_mede

    household, pos, role = layout(sizes, has_partner, n_kids)
    P = household.size
    is_head = role == 0

    def per_person(head_values, other=0):
        out = np.full(P, other, dtype=np.asarray(head_values).dtype)
        out[is_head] = head_values
        return out

    # Other members: partners, children and medebewoners.
    pa = ass["partner"]
    is_partner = role == 1
    is_kid = role == 2
    is_mede = role == 3
    person_age = per_person(age)
    person_age[is_partner] = np.clip(np.rint(age[household[is_partner]] + rng.normal(0, 3, int(is_partner.sum()))), 18, 80)
    person_age[is_kid] = rng.integers(0, 18, int(is_kid.sum()))
    person_age[is_mede] = rng.integers(27, 36, int(is_mede.sum()))
    # Plausibility (openfisca_nl_sz/plausibility.py rule 2): a child is at least 16 years younger
    # than both parents. A clip, not a new draw, so the random stream of everything else is unchanged.
    youngest_parent = age.astype(np.int64).copy()
    np.minimum.at(youngest_parent, household[is_partner], person_age[is_partner].astype(np.int64))
    person_age[is_kid] = np.minimum(person_age[is_kid], np.maximum(youngest_parent[household[is_kid]] - MIN_PARENT_CHILD_GAP, 0))
    person_loon = per_person(loon, 0.0)
    n_p = int(is_partner.sum())
    partner_works = rng.random(n_p) < pa["aandeel_werkend"]
    person_loon[is_partner] = np.where(partner_works, np.round(pa["loon_mediaan"] * np.exp(pa["loon_sigma"] * rng.standard_normal(n_p)), 2), 0.0)

    wo = ass["wonen"]
    renter = rng.random(H) < wo["aandeel_huurders"]
    huur = np.where(renter, np.round(wo["huur_min"] + (wo["huur_max"] - wo["huur_min"]) * rng.random(H), 0), 0.0)

    person_inputs = {
        "leeftijd": person_age.astype(np.int32),
        "loon": person_loon,
        "vermogen": per_person(vermogen, 0.0),
        "arbeidsongeschiktheidspercentage": per_person(ao, 0.0),
        "wia_dagloon": per_person(dagloon, 0.0),
        "wia_duurzaam": per_person(duurzaam, False),
        "wia_maanden_sinds_aanvang": per_person(maanden, 0),
        "wia_arbeidsverleden_jaren": per_person(arbeidsverleden, 0),
        "wia_voldoet_aan_referte_eis": per_person(referte, False),
        "ww_dagloon": per_person(ww_dagloon, 0.0),
        "ww_maanden_sinds_aanvang": per_person(ww_maanden, 0),
        "ww_arbeidsverleden_jaren": per_person(arbeidsverleden, 0),
    }
    household_inputs = {"huur": huur}
    check_inputs(person_inputs, household_inputs, source="population")
    population = Population(household=household, role=role, person_inputs=person_inputs, household_inputs=household_inputs)
    inflow = np.full(H, float(cal["beslissingen_per_jaar"]["value"]) / H)
    return SyntheticPopulation(
        population=population,
        inflow_weight=inflow,
        duration_years=duration,
        outcome=outcome.astype(np.int64),
        household_type=htype.astype(np.int64),
        household_types=types,
        config=config,
        seed=seed,
    )


def check_inputs(person_inputs: dict, household_inputs: dict, source: str) -> None:
    """The generated arrays obey the same input ranges as `nlsz calc` (input_ranges.allowed_range),
    vectorised: a config override that yields a negative wage or a NaN is refused, not simulated."""
    from openfisca_nl_sz.input_ranges import allowed_range

    for inputs in (person_inputs, household_inputs):
        for name, values in inputs.items():
            array = np.asarray(values)
            if array.dtype == bool or array.size == 0:
                continue
            low, high = allowed_range(name)
            bad = ~np.isfinite(array.astype(np.float64)) | (array < low) | (array > high)
            if bad.any():
                example = array[bad][0]
                raise InputError(
                    source, f"generated {name}",
                    f"{int(bad.sum())} values outside the input's range (e.g. {example}); allowed: {low:g} to {high:g}; check the config's assumptions",
                )


def implied_stock(pop: SyntheticPopulation, has_benefit: np.ndarray) -> float:
    """Structural number of running benefits: sum of inflow weight x duration over those with one."""
    return float(np.sum(pop.stock_weight * np.asarray(has_benefit, dtype=float), dtype=np.float64))
