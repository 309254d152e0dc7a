"""Explain a harm by the rules that cause it.

Two questions, two methods:
- *What changed?* Every money component of besteedbaar_inkomen is compared on both sides of the
  step (`causes`, with the legal reference of each), and so is every intermediate rule variable —
  a class, a norm, a test that flips (`rules`). That is how a policy reader finds the article.
- *Is it samenloop?* Each regeling is switched off (neutralised) alone and in pairs, and the loss is
  recomputed. If the loss of the combination is not the sum of the single contributions by more than
  the threshold, no single law explains the harm: the laws interact.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from openfisca_core.reforms import Reform

from openfisca_nl_sz.populations import use_fast_populations
from openfisca_nl_sz.search.batch import Ask, drive, gather
from openfisca_nl_sz.search.detect import NET
from openfisca_nl_sz.search.evaluate import Evaluator

#: The money components of besteedbaar_inkomen, with the sign of their effect on it.
CAUSE_VARIABLES = {
    "iva_uitkering": +1,
    "wga_loongerelateerde_uitkering": +1,
    "wga_loonaanvullingsuitkering": +1,
    "wga_vervolguitkering": +1,
    "ww_uitkering": +1,
    "toeslagenwet_toeslag": +1,
    "inkomstenbelasting": -1,
    "bijstand": +1,
    "zorgtoeslag": +1,
    "huurtoeslag": +1,
    "kindgebonden_budget": +1,
    "kinderbijslag": +1,
    "tegemoetkoming_alleenverdieners": +1,
    "aow_uitkering": +1,  # counted only where the system has it (evaluator.has)
}

#: Regelingen and the variables that switch each of them off as a whole.
REGELINGEN = {
    "WIA": ("wia_uitkering",),
    "WW": ("ww_uitkering",),
    "Toeslagenwet": ("toeslagenwet_toeslag",),
    "Participatiewet": ("bijstand",),
    "Inkomstenbelasting": ("inkomstenbelasting",),
    "Zorgtoeslag": ("zorgtoeslag",),
    "Huurtoeslag": ("huurtoeslag",),
    "Kindgebonden budget": ("kindgebonden_budget",),
    "Kinderbijslag": ("kinderbijslag",),
    "Tegemoetkoming alleenverdieners": ("tegemoetkoming_alleenverdieners",),
    "AOW": ("aow_uitkering",),
}

REGELING_OF = {
    "iva_uitkering": "WIA", "wga_loongerelateerde_uitkering": "WIA", "wga_loonaanvullingsuitkering": "WIA",
    "wga_vervolguitkering": "WIA", "ww_uitkering": "WW", "toeslagenwet_toeslag": "Toeslagenwet",
    "inkomstenbelasting": "Inkomstenbelasting", "bijstand": "Participatiewet", "zorgtoeslag": "Zorgtoeslag",
    "huurtoeslag": "Huurtoeslag", "kindgebonden_budget": "Kindgebonden budget", "kinderbijslag": "Kinderbijslag",
    "tegemoetkoming_alleenverdieners": "Tegemoetkoming alleenverdieners",
    "aow_uitkering": "AOW",
}

#: Variables that describe the household rather than a rule; never reported as a rule that changed.
NOT_RULES = {"is_aanvrager", "is_partner", "is_kind", "is_medebewoner", "is_gezinslid", "heeft_partner",
             "aantal_kinderen", "aantal_bewoners", NET, "sociaal_minimum_tekort",
             "sociaal_minimum_tekort_zonder_vermogen"}


def reference_of(system, variable: str) -> str:
    reference = system.variables[variable].reference if variable in system.variables else None
    if isinstance(reference, (list, tuple)):
        reference = reference[0] if reference else None
    return reference or ""


def money_causes(evaluator: Evaluator, household_from, household_to, minimum: float = 0.5) -> list[dict]:
    """The components of besteedbaar_inkomen that changed across the step, biggest effect first."""
    return drive(money_causes_steps(evaluator, household_from, household_to, minimum))


def money_causes_steps(evaluator: Evaluator, household_from, household_to, minimum: float = 0.5):
    """`money_causes` as a step generator (openfisca_nl_sz/search/batch.py)."""
    names = [n for n in CAUSE_VARIABLES if evaluator.has(n)]
    values = yield Ask(evaluator, [household_from, household_to], names)
    causes = []
    for name in names:
        delta = float(values[name][1] - values[name][0])
        if abs(delta) >= minimum:
            causes.append({
                "variable": name,
                "delta": round(delta, 2),
                "effect": round(delta * CAUSE_VARIABLES[name], 2),
                "regeling": REGELING_OF[name],
                "reference": reference_of(evaluator.system, name),
            })
    causes.sort(key=lambda c: (-abs(c["effect"]), c["variable"]))
    return causes


def cause_key(causes: list[dict], severity: float) -> tuple:
    """The causing rules that matter: the components that carry at least 10% of the loss."""
    cutoff = max(1.0, 0.1 * abs(severity))
    return tuple(sorted(c["variable"] for c in causes if abs(c["effect"]) >= cutoff))


def changed_rules(evaluator: Evaluator, household_from, household_to, limit: int = 12) -> list[dict]:
    """Intermediate rule variables (classes, norms, tests) whose value differs across the step."""
    return drive(changed_rules_steps(evaluator, household_from, household_to, limit))


def changed_rules_steps(evaluator: Evaluator, household_from, household_to, limit: int = 12):
    """`changed_rules` as a step generator."""
    system = evaluator.system
    names = [n for n, v in system.variables.items() if v.formulas and n not in NOT_RULES and n not in CAUSE_VARIABLES]
    before, after = yield Ask(evaluator, [household_from, household_to], names, persons=True)
    rules = []
    for name in names:
        if name not in before or name not in after:
            continue
        for member, old in before[name].items():
            new = after[name].get(member)
            if new is None or old == new:
                continue
            if isinstance(old, float) and isinstance(new, float) and abs(old - new) < 0.005:
                continue
            size = abs(new - old) if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool) else float("inf")
            rules.append({"variable": name, "member": member, "from": _round(old), "to": _round(new),
                          "reference": reference_of(system, name), "_size": size})
    # Flips of tests and classes first (infinite size), then the biggest amounts.
    rules.sort(key=lambda r: (-r["_size"], r["variable"], r["member"]))
    for rule in rules:
        del rule["_size"]
    return rules[:limit]


def _round(value):
    return round(value, 2) if isinstance(value, float) else value


class Neutraliser:
    """Systems in which one or more regelingen are switched off, built once and reused."""

    def __init__(self, system, period: str):
        self.system = system
        self.period = period
        self._cache: dict[frozenset, Evaluator] = {frozenset(): Evaluator(system, period)}

    def evaluator(self, regelingen: frozenset) -> Evaluator:
        if regelingen not in self._cache:
            variables = [v for r in sorted(regelingen) for v in REGELINGEN[r] if v in self.system.variables]

            class Neutralised(Reform):
                name = "zonder " + ", ".join(sorted(regelingen))

                def apply(self):
                    for variable in variables:
                        self.neutralize_variable(variable)

            # with this package's populations, as the system itself (a Reform would make OpenFisca's)
            self._cache[regelingen] = Evaluator(use_fast_populations(Neutralised(self.system)), self.period)
        return self._cache[regelingen]

    def attribute(self, harm, involved: list[str]) -> dict:
        """What each law does on its own, what pairs add, and what only the combination does."""
        return drive(self.attribute_steps(harm, involved))

    def attribute_steps(self, harm, involved: list[str]):
        """`attribute` as a step generator: the losses of all neutralised worlds of one stage (alone,
        then in pairs) are asked together, so that many harms share one simulation per world.

        The loss of a step is what the rules take: the change in gross income (on an income axis)
        minus the change in besteedbaar_inkomen; when someone joins the household, their own net
        income is not counted as a gain. `single[r]` is the loss in a world where only regeling r
        exists (all others switched off), `pairs[(r, s)]` what r and s together lose beyond their
        single losses, and `non_additive` the loss of the real world beyond the sum of the single
        losses. A positive rest is harm that only the meeting of laws (samenloop) produces; a
        negative rest means the laws soften each other (e.g. tax falls when a benefit falls).
        """
        household_from, household_to = harm.household_from, harm.household_to
        axis = harm.axis
        gross = (harm.x_to - harm.x_from) * axis.income_factor if axis.is_income and axis.joining is None else 0.0
        everything = frozenset(REGELINGEN)

        def loss(kept):
            evaluator = self.evaluator(everything - frozenset(kept))
            net = (yield Ask(evaluator, [household_from, household_to], [NET]))[NET]
            newcomer = 0.0
            if axis.joining is not None:
                newcomer = (yield Ask(evaluator, [household_to], ["netto_inkomen"], member=axis.joining.id))["netto_inkomen"][0]
            return float(gross - ((net[1] - newcomer) - net[0]))

        worlds = [(), everything] + [(r,) for r in REGELINGEN]
        losses = yield from gather(*[loss(kept) for kept in worlds])
        base = losses[0]
        total = losses[1] - base
        single = {r: value - base for r, value in zip(REGELINGEN, losses[2:])}
        acting = sorted(set(involved) | {r for r, v in single.items() if abs(v) >= 0.5})
        single = {r: v for r, v in single.items() if r in acting}
        couples = list(combinations(acting, 2))
        pair_losses = yield from gather(*[loss(couple) for couple in couples])
        pairs = {}
        for (a, b), value in zip(couples, pair_losses):
            pairs[(a, b)] = (value - base) - single[a] - single[b]
        return {
            "loss": total,
            "single": single,
            "pairs": pairs,
            "non_additive": total - sum(single.values()),
        }


def involved_regelingen(evaluator: Evaluator, household_from, household_to) -> list[str]:
    """The regelingen that pay or take something on either side of the step."""
    return drive(involved_regelingen_steps(evaluator, household_from, household_to))


def involved_regelingen_steps(evaluator: Evaluator, household_from, household_to):
    """`involved_regelingen` as a step generator."""
    names = [v for vs in REGELINGEN.values() for v in vs if evaluator.has(v)]
    values = yield Ask(evaluator, [household_from, household_to], names)
    involved = []
    for regeling, variables in REGELINGEN.items():
        if any(v in values and np.any(np.abs(values[v]) >= 0.5) for v in variables):
            involved.append(regeling)
    return involved


#: How a policy reader names each regeling in a sentence.
PLAIN_NAMES = {
    "WIA": "de WIA", "WW": "de WW", "Toeslagenwet": "de Toeslagenwet", "Participatiewet": "de bijstand (Participatiewet)",
    "Inkomstenbelasting": "de belasting", "Zorgtoeslag": "de zorgtoeslag", "Huurtoeslag": "de huurtoeslag",
    "Kindgebonden budget": "het kindgebonden budget", "Kinderbijslag": "de kinderbijslag", "AOW": "de AOW",
    "Tegemoetkoming alleenverdieners": "de tegemoetkoming alleenverdieners",
}


def euro(amount: float) -> str:
    """€ 1.234 or € 12,50: whole euros without cents, Dutch separators."""
    amount = abs(round(float(amount), 2))
    if amount.is_integer():
        return "€ " + f"{int(amount):,}".replace(",", ".")
    whole, cents = f"{amount:,.2f}".split(".")
    return "€ " + whole.replace(",", ".") + "," + cents


def plain_attribution(evaluator: Evaluator, harm) -> list[dict]:
    """Who takes what at the step, in plain words, adding up to the loss (issue 11 point 4).

    Each regeling's own change of what it pays (or, for the tax, takes) across the step, as
    `{regeling, plain, amount}` with `amount` > 0 where the regeling takes money back. The rest —
    the change of the wage itself, or the newcomer's own income when someone joins — is one more line,
    so that the amounts add up to the loss: besteedbaar_inkomen before minus after the step (cent-exact
    after rounding). E.g. "de Toeslagenwet neemt € 994 terug", "de belasting geeft € 120 terug".
    """
    return drive(plain_attribution_steps(evaluator, harm))


def plain_attribution_steps(evaluator: Evaluator, harm):
    """`plain_attribution` as a step generator."""
    causes = yield from money_causes_steps(evaluator, harm.household_from, harm.household_to, minimum=0.005)
    taken: dict[str, float] = {}
    for cause in causes:
        taken[cause["regeling"]] = taken.get(cause["regeling"], 0.0) - cause["effect"]
    loss = round(float(harm.net_from) - float(harm.net_to), 2)
    items = []
    for regeling, amount in sorted(taken.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
        amount = round(amount, 2)
        if abs(amount) < 0.005:
            continue
        name = PLAIN_NAMES.get(regeling, regeling)
        if amount > 0:
            plain = f"{name} neemt {euro(amount)} terug"
        elif regeling == "Inkomstenbelasting":
            plain = f"{name} geeft {euro(amount)} terug"
        else:
            plain = f"{name} betaalt {euro(amount)} meer"
        items.append({"regeling": regeling, "plain": plain, "amount": amount})
    rest = round(loss - sum(item["amount"] for item in items), 2)
    if abs(rest) >= 0.005:
        axis = harm.axis
        if axis.joining is not None:
            plain = f"het eigen inkomen van de nieuwe {axis.joining.role} {'brengt' if rest < 0 else 'kost'} {euro(rest)}"
            regeling = "Inkomen nieuwkomer"
        elif axis.is_income:
            plain = f"het {'extra' if harm.x_to > harm.x_from else 'lagere'} loon {'brengt' if rest < 0 else 'kost'} {euro(rest)}"
            regeling = "Loon"
        else:
            plain = f"overige inkomsten {'stijgen' if rest < 0 else 'dalen'} {euro(rest)}"
            regeling = "Overig"
        items.append({"regeling": regeling, "plain": plain, "amount": rest})
    return items


def plain_sentence(items: list[dict]) -> str:
    """'de Toeslagenwet neemt € 994 terug en de belasting geeft € 120 terug'."""
    parts = [item["plain"] for item in items]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]
