"""Reach: how many households of the synthetic population stand within a year of a card's harm.

The inquiry into hardvochtige effecten asks how often an effect occurs and whom it hits. A card
says *that* a mechanism exists; this module estimates *for how many*: every household of a seeded
sample of the synthetic population (openfisca_nl_sz/population/generator.py) is moved along the
card's axis by what can happen to it within one year, in the card's direction, and is *within
reach* when the card's mechanism then happens to it. One vectorised simulation before the move and
one after, per card; no loop over households.

What a year can bring (`YEAR_STEP`), and why:
- age +1 year, months since the WIA / WW started +12, months of bijstand-vrijlating used +12:
  time runs forward;
- wage ± € 100 gross per month: a yearly raise or a few hours more or less work;
- assets ± € 2.000: a year of saving or spending;
- AO ± 5 points: a re-assessment;
- rent ± € 50: a yearly rent increase.
Someone moving in is not an axis the population knows: such cards get no reach (said so).

When is the mechanism "happening" to a household? The payment that falls most on the card (its
main cause) must fall by at least the kind's threshold, and on axes that are not income the whole
household must lose at least that much too. On the wage axis a cliff must be more than a smooth
withdrawal could be over the step (threshold + the gross step); a high marginal rate must hold
over the step (the card's regeling, or the net rate); an inkomensval is a net fall as gross rises.

The caveat is written out on every card: the population is one year of WIA assessments with their
households (calibrated to UWV statistics), not all of the Netherlands; people who never had a WIA
assessment (e.g. most of the bijstand) are missing; the step sizes above are assumptions.
"""

from __future__ import annotations

import numpy as np

from openfisca_nl_sz.population import ROLES, Population, build_simulation
from openfisca_nl_sz.search.detect import SHORTFALL  # the same shortfall the search judges

NET = "besteedbaar_inkomen"
DEFAULT_SIZE = 2000

YEAR_STEP = {"leeftijd": 1, "wia_maanden_sinds_aanvang": 12, "ww_maanden_sinds_aanvang": 12,
             "pw_vrijlating_maanden_gebruikt": 12, "loon": 100.0, "vermogen": 2000.0,
             "arbeidsongeschiktheidspercentage": 5, "huur": 50.0}
STEP_TEXT = {"leeftijd": "1 jaar ouder", "wia_maanden_sinds_aanvang": "12 maanden later",
             "ww_maanden_sinds_aanvang": "12 maanden later", "pw_vrijlating_maanden_gebruikt": "12 maanden later",
             "loon": "€ 100 bruto per maand meer of minder loon", "vermogen": "€ 2.000 meer of minder vermogen",
             "arbeidsongeschiktheidspercentage": "5 punten hoger of lager bij een herbeoordeling",
             "huur": "€ 50 huur meer of minder"}
INCOME_FACTOR = {"loon": 1.08}
UPPER = {"arbeidsongeschiktheidspercentage": 100}
OUTCOME_PLAIN = {"afgewezen": "minder dan 35% (afgewezen)", "wga_35_80": "WGA 35–80%", "wga_80_100": "WGA 80–100%",
                 "iva": "IVA"}
AGE_BANDS = ((0, 27, "jonger dan 27"), (27, 45, "27–44"), (45, 55, "45–54"), (55, 200, "55 en ouder"))


def caveat(size: int, seed: int) -> str:
    return (f"Geschat op een synthetische steekproef van {size} huishoudens van WIA-beoordeelden (één jaar "
            f"beoordelingen, gekalibreerd op UWV-cijfers; scenarios/populations/wia_beoordeelden.yaml, seed {seed}), "
            "niet op heel Nederland: wie nooit een WIA-beoordeling had (bijvoorbeeld de meeste bijstandsgerechtigden) "
            "ontbreekt. 'Binnen bereik' betekent: wat in een jaar kan gebeuren (een jaar ouder, 12 maanden later, "
            "€ 100 loon, € 2.000 vermogen, 5 AO-punten, € 50 huur) brengt het huishouden over deze drempel. "
            "De stapgroottes zijn aannames; lees de aantallen als orde van grootte.")


class ReachModel:
    """A seeded sample of the synthetic population, simulated once per period, shared by all cards."""

    def __init__(self, system, seed: int = 0, size: int | None = None):
        from openfisca_nl_sz.population.generator import OUTCOMES, generate

        self.system = system
        self.seed = seed
        self.size = size or DEFAULT_SIZE
        self.synthetic = generate(self.size, seed=seed)
        self.population = self.synthetic.restricted_to(system.variables)
        pop = self.population
        heads = pop.role == 0
        head_age = pop.person_inputs["leeftijd"][heads]
        self.groups = {
            "huishoudtype": np.asarray(self.synthetic.household_types)[self.synthetic.household_type],
            "leeftijd aanvrager": _bands(head_age),
            "AO-klasse": np.asarray([OUTCOME_PLAIN.get(o, o) for o in OUTCOMES])[self.synthetic.outcome],
        }
        self._baseline: dict[str, dict] = {}

    def _values(self, population: Population, period: str, variables: list[str]) -> dict[str, np.ndarray]:
        simulation = build_simulation(self.system, population, period)
        entity = simulation.populations["huishouden"]
        out = {}
        for variable in variables:
            if variable not in self.system.variables:
                continue
            values = simulation.calculate(variable, period)
            if self.system.variables[variable].entity.is_person:
                values = entity.sum(values.astype(np.float64))
            out[variable] = np.asarray(values, dtype=np.float64)
        return out

    def deciles(self, period: str) -> np.ndarray:
        if period not in self._baseline:
            net = self._values(self.population, period, [NET])[NET]
            order = np.argsort(np.argsort(net, kind="stable"), kind="stable")
            self._baseline[period] = {"decile": (order * 10 // len(net)) + 1}
        return self._baseline[period]["decile"]

    def moved(self, variable: str, roles: list[str], delta: float) -> tuple[tuple[Population, Population], np.ndarray]:
        """The population before and after `variable` of every member in `roles` moved by `delta`;
        and which households have such a member."""
        pop = self.population
        person_inputs = dict(pop.person_inputs)
        household_inputs = dict(pop.household_inputs)
        meta = self.system.variables[variable]
        if meta.entity.is_person:
            values = person_inputs.get(variable)
            if values is None:
                values = np.full(pop.n_persons, meta.default_value, dtype=meta.dtype)
            mask = np.isin(pop.role, [ROLES.index(r) for r in roles if r in ROLES] or [0])
            new = values.astype(np.float64) + np.where(mask, delta, 0.0)
            has = np.bincount(pop.household[mask], minlength=pop.n_households) > 0
        else:
            values = household_inputs.get(variable)
            if values is None:
                values = np.full(pop.n_households, meta.default_value, dtype=meta.dtype)
            new = values.astype(np.float64) + delta
            has = np.ones(pop.n_households, dtype=bool)
        new = np.clip(new, 0, UPPER.get(variable, np.inf)).astype(meta.dtype)
        target = person_inputs if meta.entity.is_person else household_inputs
        target[variable] = new
        # The unmoved side needs the same inputs set (OpenFisca: an input is set for all or none).
        base_target = dict(pop.person_inputs) if meta.entity.is_person else dict(pop.household_inputs)
        base_target[variable] = values.astype(meta.dtype)
        base = Population(pop.household, pop.role,
                          base_target if meta.entity.is_person else pop.person_inputs,
                          pop.household_inputs if meta.entity.is_person else base_target)
        return (base, Population(pop.household, pop.role, person_inputs, household_inputs)), has

    def reach(self, card: dict, thresholds) -> dict:
        axis = card["axis"]
        if axis not in YEAR_STEP or axis not in self.system.variables:
            return {"share": None, "why": "iemand die komt inwonen is geen stap die de synthetische populatie kent"
                    if axis.startswith("samenstelling") else f"de as {axis} heeft geen jaarstap"}
        period = card["typical"]["period"]
        delta = YEAR_STEP[axis] * card["direction"]
        # Every role the variants move (the population holds its WIA and WW data on the aanvrager,
        # while a variant may have found the harm on a partner).
        roles = sorted({v["member"] for v in card["variants"] if v.get("member")} | {card["typical"].get("member") or "aanvrager"})
        (base, moved), has = self.moved(axis, roles, delta)
        main = card["causes"][0] if card["causes"] else NET
        variables = [NET, main, SHORTFALL] + ([card["rate_basis"]] if card.get("rate_basis") else [])
        before = self._values(base, period, variables)
        after = self._values(moved, period, variables)
        hit = has & self._happens(card, before, after, delta, thresholds)
        return self._summary(hit, period, card)

    def _happens(self, card, before, after, delta, thresholds) -> np.ndarray:
        from openfisca_nl_sz.search.explain import CAUSE_VARIABLES

        kind, axis = card["kind"], card["axis"]
        main = card["causes"][0] if card["causes"] else None
        net_loss = before[NET] - after[NET]
        gross = abs(delta) * INCOME_FACTOR.get(axis, 1.0) if axis in INCOME_FACTOR else 0.0
        if main and main in before:
            main_loss = -(after[main] - before[main]) * CAUSE_VARIABLES.get(main, 1)
        else:
            main_loss = net_loss
        if kind == "cliff":
            if gross:
                return main_loss >= thresholds.cliff_min_change + gross
            return (main_loss >= thresholds.cliff_min_change) & (net_loss >= thresholds.cliff_min_change)
        if kind == "inkomensval":
            return (net_loss >= thresholds.inkomensval_min_loss) & (main_loss > 0)
        if kind == "hoge_marginale_druk":
            if not gross:
                return np.zeros_like(net_loss, dtype=bool)
            basis = card.get("rate_basis")
            if basis and basis in before:
                rate = (before[basis] - after[basis]) / gross
                return rate >= thresholds.marginale_druk_regeling_rate - 1e-3
            return ((gross - (after[NET] - before[NET])) / gross > thresholds.marginale_druk_rate) & (main_loss > 0)
        if kind == "onder_sociaal_minimum" and SHORTFALL in before:
            limit = thresholds.sociaal_minimum_min_shortfall
            return (after[SHORTFALL] >= limit) & (before[SHORTFALL] < limit)
        return np.zeros_like(net_loss, dtype=bool)

    def _summary(self, hit: np.ndarray, period: str, card: dict) -> dict:
        weights = self.synthetic.inflow_weight
        groups = dict(self.groups)
        groups["inkomensdeciel"] = np.asarray([f"deciel {d}" for d in self.deciles(period)])
        by_group = {}
        for name, labels in groups.items():
            rows = []
            for label in _ordered(name, set(labels.tolist())):
                members = labels == label
                n = int(members.sum())
                k = int((hit & members).sum())
                rows.append({"group": str(label).replace("_", " "), "households": n, "in_reach": k, "share": round(k / n, 4) if n else 0.0})
            by_group[name] = rows
        households = int(hit.sum())
        axis = card["axis"]
        return {
            "sample": int(hit.size),
            "households": households,
            "share": round(households / hit.size, 4),
            "per_year": int(round(float(np.sum(weights[hit], dtype=np.float64)), -1)),
            "step": STEP_TEXT.get(axis, ""),
            "period": period,
            "by_group": by_group,
            "caveat": caveat(self.size, self.seed),
        }


def _bands(ages: np.ndarray) -> np.ndarray:
    out = np.empty(ages.shape, dtype=object)
    for low, high, label in AGE_BANDS:
        out[(ages >= low) & (ages < high)] = label
    return out.astype(str)


def _ordered(group: str, labels: set) -> list:
    """Age bands young to old, deciles 1 to 10, other groups alphabetically."""
    if group == "leeftijd aanvrager":
        order = [label for _, _, label in AGE_BANDS]
        return sorted(labels, key=lambda label: order.index(label) if label in order else len(order))
    if group == "inkomensdeciel":
        return sorted(labels, key=lambda label: int(label.split()[-1]))
    return sorted(labels)


def add_reach(cards: list[dict], findings: list[dict], system, thresholds, seed: int = 0, size: int | None = None) -> None:
    """Set `reach` on every card (one ReachModel for all)."""
    if not cards:
        return
    model = ReachModel(system, seed=seed, size=size)
    for card in cards:
        card["reach"] = model.reach(card, thresholds)
