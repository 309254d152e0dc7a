"""Baseline versus reform on one synthetic population: the numbers of `nlsz compare`.

Both systems compute the same households (same seed, same arrays), so every difference is the
reform's. Totals are "structural per year": each household counts with its stock weight (inflow
weight x benefit duration, see scenarios/populations/wia_beoordeelden.yaml) and 12 months. Sums are
in float64 even though OpenFisca holds money in float32.

Net budget effect = change in gross benefits (WIA, WW, Toeslagenwet) + change in bijstand and
allowances - change in taxes and contributions (inkomstenbelasting, Zvw bijdrage, net of the
uitbetaalde heffingskorting). Taxes are taken as gross income minus `netto_inkomen`, so every rule
the tax helper encodes is included without this module knowing them. Static: no behavioural effects.
"""

from __future__ import annotations

import numpy as np

from openfisca_nl_sz.population.frame import build_simulation
from openfisca_nl_sz.population.generator import OUTCOMES, SyntheticPopulation

PERSON_BENEFITS = ("wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag")
WIA_PARTS = ("iva_uitkering", "wga_loongerelateerde_uitkering", "wga_loonaanvullingsuitkering", "wga_vervolguitkering")
HOUSEHOLD_PAYMENTS = ("bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag",
                      "tegemoetkoming_alleenverdieners")
AO_BANDS = ((0, 15), (15, 25), (25, 35), (35, 80), (80, 100.01))


def _hh_sum(pop: SyntheticPopulation, person_values) -> np.ndarray:
    p = pop.population
    return np.bincount(p.household, weights=np.asarray(person_values, dtype=np.float64), minlength=p.n_households)


def _head(pop: SyntheticPopulation, person_values) -> np.ndarray:
    return np.asarray(person_values)[pop.population.role == 0]


def _head_ao(pop: SyntheticPopulation) -> np.ndarray:
    """AO% of the aanvrager; 0 in a population without WIA assessments (issue 15: minima population)."""
    values = pop.population.person_inputs.get("arbeidsongeschiktheidspercentage")
    if values is None:
        return np.zeros(pop.population.n_households)
    return _head(pop, values)


def evaluate(system, pop: SyntheticPopulation, period: str, extra_variables=()) -> dict:
    """Household arrays (float64, length H) of everything the comparison needs that `system` has."""
    simulation = build_simulation(system, pop.restricted_to(system.variables), period)
    out: dict[str, np.ndarray] = {}
    missing = []

    def calc(name):
        if name not in system.variables:
            missing.append(name)
            return None
        return simulation.calculate(name, period)

    person_is = lambda name: system.variables[name].entity.key == "persoon"  # noqa: E731

    for name in PERSON_BENEFITS + WIA_PARTS:
        values = calc(name)
        if values is not None:
            out[name] = _hh_sum(pop, values)
            if name == "wia_uitkering":
                out["wia_uitkering_aanvrager"] = _head(pop, values).astype(np.float64)
    for name in HOUSEHOLD_PAYMENTS:
        values = calc(name)
        if values is not None:
            out[name] = np.asarray(values, dtype=np.float64)
    netto = calc("netto_inkomen")
    loon = np.asarray(pop.population.person_inputs["loon"], dtype=np.float64)
    if netto is not None and all(b in out for b in PERSON_BENEFITS):
        vakantiebijslag = 0.08
        if "wml" in system.parameters.children:
            vakantiebijslag = float(system.get_parameters_at_instant(f"{period}-01").wml.vakantiebijslag)
        bruto = _hh_sum(pop, loon * (1 + vakantiebijslag)) + sum(out[b] for b in PERSON_BENEFITS)
        # A member past the AOW age (a partner up to 80) has AOW in netto_inkomen; its gross belongs
        # here too, or the taxes would be understated by it (issue 12 point 3).
        aow = calc("aow_uitkering") if "aow_uitkering" in system.variables else None
        if aow is not None:
            bruto = bruto + _hh_sum(pop, np.asarray(aow, dtype=np.float64))
        out["belastingen_en_premies"] = bruto - _hh_sum(pop, netto)
    else:
        missing.append("belastingen_en_premies (needs netto_inkomen and all benefits)")
    bi = calc("besteedbaar_inkomen")
    if bi is not None:
        out["besteedbaar_inkomen"] = np.asarray(bi, dtype=np.float64)
    for name in extra_variables:
        values = calc(name)
        if values is not None:
            values = np.asarray(values, dtype=np.float64)
            out[name] = _hh_sum(pop, values) if person_is(name) else values
    out["_missing"] = sorted(set(missing))
    return out


def _weighted_quantile_groups(values, weights, n):
    """Group index 0..n-1 by weighted quantiles of `values` (decile 0 = lowest)."""
    order = np.argsort(values, kind="stable")
    cum = np.cumsum(weights[order])
    cum = cum / cum[-1]
    groups = np.empty(values.size, dtype=np.int64)
    groups[order] = np.minimum((cum * n - 1e-12).astype(np.int64), n - 1)
    return np.maximum(groups, 0)


def _group_table(labels, groups, delta, base, weights, income_change):
    rows = []
    for g, label in enumerate(labels):
        m = groups == g
        w = weights[m]
        total = float(w.sum())
        if total <= 0:
            rows.append({"group": label, "households": 0.0, "mean_delta_eur_per_month": None,
                         "mean_baseline_eur_per_month": None, "share_losers": None, "share_winners": None})
            continue
        d = delta[m]
        rows.append({
            "group": label,
            "households": total,
            "sample_households": int(m.sum()),
            "mean_baseline_eur_per_month": float(np.sum(w * base[m]) / total),
            "mean_delta_eur_per_month": float(np.sum(w * d) / total),
            "share_losers": float(np.sum(w * (d < -income_change)) / total),
            "share_winners": float(np.sum(w * (d > income_change)) / total),
        })
    return rows


def summarise(pop: SyntheticPopulation, base: dict, reform: dict, deciles: int = 10, income_change: float = 5.0) -> dict:
    """The comparison dict (without scenario metadata, harms and charts)."""
    stock_w = pop.stock_weight.astype(np.float64)
    inflow_w = pop.inflow_weight.astype(np.float64)
    per_year_mln = lambda arr: float(np.sum(stock_w * 12.0 * arr, dtype=np.float64) / 1e6)  # noqa: E731

    result: dict = {"notes": []}
    missing = sorted(set(base["_missing"]) | set(reform["_missing"]))
    if missing:
        result["notes"].append("Not available in the system (left out of the totals): " + ", ".join(missing))

    # --- WIA: stock, inflow, outlay ------------------------------------------------------------
    if "wia_uitkering_aanvrager" in base:
        hb = base["wia_uitkering_aanvrager"] > 0
        hr = reform["wia_uitkering_aanvrager"] > 0
        ao = _head_ao(pop)
        result["wia"] = {
            "stock_baseline": float(np.sum(stock_w * hb)),
            "stock_reform": float(np.sum(stock_w * hr)),
            "stock_extra": float(np.sum(stock_w * hr) - np.sum(stock_w * hb)),
            "inflow_per_year_baseline": float(np.sum(inflow_w * hb)),
            "inflow_per_year_reform": float(np.sum(inflow_w * hr)),
            "outlay_mln_per_year_baseline": per_year_mln(base["wia_uitkering"]),
            "outlay_mln_per_year_reform": per_year_mln(reform["wia_uitkering"]),
            "outlay_mln_per_year_extra": per_year_mln(reform["wia_uitkering"] - base["wia_uitkering"]),
            "parts_mln_per_year_extra": {
                name: per_year_mln(reform[name] - base[name]) for name in WIA_PARTS if name in base
            },
            "stock_by_ao_band": [
                {
                    "band": f"{lo:g}-{min(hi, 100):g}",
                    "baseline": float(np.sum(stock_w * hb * ((ao >= lo) & (ao < hi)))),
                    "reform": float(np.sum(stock_w * hr * ((ao >= lo) & (ao < hi)))),
                }
                for lo, hi in AO_BANDS
            ],
        }
        result["notes"].append(
            "Stock = sum of inflow weight x benefit duration over households with a WIA benefit "
            "(structural, steady state); outlay = stock-weighted monthly amounts x 12."
        )

    # --- Budget ------------------------------------------------------------------------------
    components = {}
    net = 0.0
    for name in PERSON_BENEFITS + HOUSEHOLD_PAYMENTS:
        if name in base and name in reform:
            b, r = per_year_mln(base[name]), per_year_mln(reform[name])
            components[name] = {"baseline_mln": b, "reform_mln": r, "delta_mln": r - b}
            net += r - b
    if "belastingen_en_premies" in base and "belastingen_en_premies" in reform:
        b, r = per_year_mln(base["belastingen_en_premies"]), per_year_mln(reform["belastingen_en_premies"])
        components["belastingen_en_premies"] = {"baseline_mln": b, "reform_mln": r, "delta_mln": r - b,
                                                "note": "received by the state: subtracted in the net effect"}
        net -= r - b
    result["budget"] = {
        "components": components,
        "net_cost_mln_per_year": net,
        "complete": not any(n in missing for n in PERSON_BENEFITS + HOUSEHOLD_PAYMENTS) and "belastingen_en_premies" in components,
    }

    # --- Income effects ------------------------------------------------------------------------
    if "besteedbaar_inkomen" in base and "besteedbaar_inkomen" in reform:
        bi_b, bi_r = base["besteedbaar_inkomen"], reform["besteedbaar_inkomen"]
        delta = bi_r - bi_b
        dec = _weighted_quantile_groups(bi_b, stock_w, deciles)
        ao = _head_ao(pop)
        band = np.digitize(ao, [b[1] for b in AO_BANDS[:-1]])
        result["income"] = {
            "measure": "besteedbaar_inkomen (EUR per month, household), weights = stock weights",
            "income_change_threshold": income_change,
            "total": _group_table(["alle"], np.zeros(delta.size, dtype=np.int64), delta, bi_b, stock_w, income_change)[0],
            "by_household_type": _group_table(list(pop.household_types), pop.household_type, delta, bi_b, stock_w, income_change),
            "by_decile": _group_table([f"D{i + 1}" for i in range(deciles)], dec, delta, bi_b, stock_w, income_change),
            "by_outcome": _group_table(list(getattr(pop, "outcome_labels", OUTCOMES)), pop.outcome, delta, bi_b, stock_w, income_change),
            "by_ao_band": _group_table([f"{lo:g}-{min(hi, 100):g}" for lo, hi in AO_BANDS], band, delta, bi_b, stock_w, income_change),
            "net_change_mln_per_year": per_year_mln(delta),
        }
    return result


def harm_diff(baseline_system, reform_system, scenario, examples: int = 30, population=None,
              population_households: int = 10) -> dict:
    """Harms created and removed by the reform: the differential harm search on the same households.

    Uses the default scan config (scenarios/scan_default.yaml) at the scenario's period, with the
    scenario's `thresholds.severity` as the minimum severity of a harm that counts. The households
    are the config's starting households, `examples` drawn by Hypothesis from the config's seed, and
    `population_households` drawn from the scenario's synthetic population (if given). Returns
    {"removed": [...], "created": [...], "changed": [...], "threshold": ..., "cases": n}, findings
    as in findings.json plus the case (household) they were found in.
    """
    from openfisca_nl_sz.search.config import load_config
    from openfisca_nl_sz.search.diff import differential, population_cases

    config = load_config(None, baseline_system)
    config.period = scenario.period
    config.periods = [scenario.period]
    config.thresholds.cliff_min_change = scenario.thresholds["severity"]
    extra = population_cases(config, population, population_households, config.seed) if population is not None else []
    return differential(baseline_system, reform_system, config, examples=examples,
                        min_severity=scenario.thresholds["severity"], extra_cases=extra)
