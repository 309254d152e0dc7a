"""The planning-bureau line (issue 15 point 3) and its ranges (point 2).

The line: extra WIA benefits, gross WIA outlay, the effects on WW / Toeslagenwet / bijstand /
allowances, taxes and premiums back, the net budget effect, and the cost per extra benefit, each
structurally (steady state: the stock model's inflow x duration) and for the first years after the
change, while the extra stock builds up from the inflow.

Build-up: the extra benefits start flowing in at year 1. A benefit of duration D that started at a
uniform moment of the past s years is still running for min(D, s) of them, so on average over year
t each household weighs inflow weight x a_t(D), with a_t(D) = the integral of min(D, s) over s in
[t-1, t]:
  a_t(D) = t - 0.5                          when D >= t
         = D                                when D <= t - 1
         = (D^2 - (t-1)^2) / 2 + D (t - D)   in between,
so a_t(D) -> D (the steady state) as t grows. The monthly amount is the average over the benefit's
life, so the first years' LGU share is understated (said in the notes).

Ranges: each assumption of the config's `onzekerheid` list is set to its low and its high end in turn
(the rest at the defaults); baseline and reform are recomputed on a smaller sample with the SAME seed
(common random numbers, so the difference is the assumption's, not sampling noise), and the shift of
each figure is added to the central figure of the full run. The combined range adds the shifts in
quadrature, downwards and upwards separately (independent assumptions).
"""

from __future__ import annotations

import time

import numpy as np

#: The allowances together in the line ("toeslagen" in a CPB table).
ALLOWANCES = ("zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "kinderbijslag", "tegemoetkoming_alleenverdieners")
YEARS = (1, 2, 3, 5, 10)
#: Sample size of the range variants (at most; never more than the run's own size).
VARIANT_SIZE = 5_000

LINE = (
    # key, label
    ("extra_benefits", "Extra WIA benefits (number running)"),
    ("gross_wia_mln", "Gross WIA outlay (EUR mln)"),
    ("ww_mln", "WW (EUR mln)"),
    ("toeslagenwet_mln", "Toeslagenwet (EUR mln)"),
    ("bijstand_mln", "Bijstand (EUR mln)"),
    ("allowances_mln", "Allowances: zorg-, huurtoeslag, kindgebonden budget, kinderbijslag (EUR mln)"),
    ("taxes_back_mln", "Taxes and premiums back (EUR mln, received)"),
    ("net_mln", "Net budget effect (EUR mln, + = cost)"),
    ("gross_per_extra_eur", "Gross WIA outlay per extra benefit (EUR per year)"),
    ("net_per_extra_eur", "Net cost per extra benefit (EUR per year)"),
)


def build_up_years(duration: np.ndarray, t: int) -> np.ndarray:
    """a_t(D): the average years of a benefit of duration D running in year t (see the module doc)."""
    d = np.asarray(duration, dtype=np.float64)
    lo = float(t - 1)
    middle = (d * d - lo * lo) / 2.0 + d * (t - d)
    return np.where(d >= t, t - 0.5, np.where(d <= lo, d, middle))


def _line(base: dict, ref: dict, weight: np.ndarray, count_weight: np.ndarray) -> dict:
    """The line for one weighting: money weights = person-years x 12, count weights = person-years."""
    def mln(name):
        if name not in base or name not in ref:
            return 0.0
        return float(np.sum(weight * 12.0 * (ref[name] - base[name])) / 1e6)

    out = {}
    if "wia_uitkering_aanvrager" in base:
        hb = base["wia_uitkering_aanvrager"] > 0
        hr = ref["wia_uitkering_aanvrager"] > 0
        out["extra_benefits"] = float(np.sum(count_weight * (hr.astype(float) - hb.astype(float))))
    else:
        out["extra_benefits"] = 0.0
    out["gross_wia_mln"] = mln("wia_uitkering")
    out["ww_mln"] = mln("ww_uitkering")
    out["toeslagenwet_mln"] = mln("toeslagenwet_toeslag")
    out["bijstand_mln"] = mln("bijstand")
    out["allowances_mln"] = sum(mln(n) for n in ALLOWANCES)
    out["taxes_back_mln"] = mln("belastingen_en_premies")
    out["net_mln"] = (out["gross_wia_mln"] + out["ww_mln"] + out["toeslagenwet_mln"] + out["bijstand_mln"]
                      + out["allowances_mln"] - out["taxes_back_mln"])
    extra = out["extra_benefits"]
    per = abs(extra) >= 1.0
    out["gross_per_extra_eur"] = out["gross_wia_mln"] * 1e6 / extra if per else None
    out["net_per_extra_eur"] = out["net_mln"] * 1e6 / extra if per else None
    return out


#: Reforms that change who gets a WIA benefit at the assessment: their effect builds up with the inflow.
INFLOW_REFORMS = ("wia_grens_verlaging",)


def builds_up(scenario, pop) -> bool:
    """True when the effect comes in with the new assessments (a WIA threshold change on the WIA
    population); any other change acts on the whole stock from the first month."""
    return pop.kind == "wia_beoordeelden" and any(name in INFLOW_REFORMS for name, _ in scenario.structural)


def planning_line(pop, base: dict, ref: dict, build_up: bool = True) -> dict:
    """{"structural": line, "years": {t: line}, "builds_up": bool} for one population and its two
    evaluations. Without build-up every year equals the structural line (the change hits the stock at once)."""
    stock_w = pop.stock_weight.astype(np.float64)
    result = {"structural": _line(base, ref, stock_w, stock_w), "years": {}, "builds_up": build_up}
    for t in YEARS:
        if build_up:
            w = pop.inflow_weight.astype(np.float64) * build_up_years(pop.duration_years, t)
            result["years"][str(t)] = _line(base, ref, w, w)
        else:
            result["years"][str(t)] = dict(result["structural"])
    return result


def _shift(variant: dict, central: dict) -> dict:
    """Per figure: variant - central (None where either is None)."""
    out = {"structural": {}, "years": {}}
    for k, v in variant["structural"].items():
        c = central["structural"].get(k)
        out["structural"][k] = None if v is None or c is None else v - c
    for t, line in variant["years"].items():
        out["years"][t] = {k: (None if v is None or central["years"][t].get(k) is None else v - central["years"][t][k])
                           for k, v in line.items()}
    return out


def probe(scenario, baseline, reform) -> tuple:
    """Baseline and reform on the small sample (at most VARIANT_SIZE households, the run's seed).

    Used before the full run, to say plainly when the reform can affect no one in the population
    (`reach_warning`), and as the central point of the range variants.
    """
    from openfisca_nl_sz.compare.engine import evaluate
    from openfisca_nl_sz.population.generator import generate

    spec = scenario.population
    pop = generate(min(spec.size, VARIANT_SIZE), spec.seed, spec.config)
    return pop, evaluate(baseline, pop, scenario.period), evaluate(reform, pop, scenario.period)


def reach_warning(scenario, pop, base: dict, ref: dict) -> str | None:
    """One plain line when not a single household of the sample changes in any computed amount."""
    for key, values in base.items():
        if key.startswith("_") or key not in ref:
            continue
        if np.any(np.asarray(values) != np.asarray(ref[key])):
            return None
    parts = [name for name, _options in scenario.structural] + [p.path for p in scenario.parameters]
    config = scenario.population.config_path or "populations/wia_beoordeelden.yaml"
    hint = ("populations/huishoudens_sociaal_minimum.yaml" if pop.kind == "wia_beoordeelden"
            else "populations/wia_beoordeelden.yaml")
    return (f"{scenario.source}: the reform ({', '.join(parts) or 'no change'}) changes no amount for any of the "
            f"{pop.population.n_households:,} households checked of the population {config}: nobody in it is in the situation "
            f"the change is about, so every effect below is 0. Choose a population that has such households in "
            f"population.config (e.g. {hint})")


def ranges(scenario, baseline, reform, central: dict, progress=print, small=None, map_lines=None) -> dict:
    """Low/high variants of every `onzekerheid` assumption; the central line gets `low`/`high` per figure.

    `map_lines(configs)` computes the variants' lines (default: one after the other here; the chunked
    compare of openfisca_nl_sz/distributed/ gives each variant to a Dask worker, issue 16).

    Returns {"assumptions": [...], "tornado": [...], "line": central line with ranges,
    "sample_size": n, "method": text}. Empty when the config has no `onzekerheid`.
    """
    from openfisca_nl_sz.compare.engine import evaluate
    from openfisca_nl_sz.population.generator import generate, load_config

    spec = scenario.population
    entries = spec.config.get("onzekerheid") or []
    if not entries:
        return {}
    t0 = time.perf_counter()
    n = min(spec.size, VARIANT_SIZE)
    period = scenario.period

    def run(config):
        pop = generate(n, spec.seed, config)
        return planning_line(pop, evaluate(baseline, pop, period), evaluate(reform, pop, period),
                             builds_up(scenario, pop))

    small_central = planning_line(*small, builds_up(scenario, small[0])) if small is not None else run(spec.config)
    configs = []
    for entry in entries:
        for end in ("laag", "hoog"):
            overrides = dict(spec.overrides)
            overrides[entry["pad"]] = entry[end]
            configs.append(load_config(spec.config_path, overrides))
    lines = iter(map_lines(configs) if map_lines is not None else [run(config) for config in configs])
    assumptions = []
    for entry in entries:
        shifts = {}
        for end in ("laag", "hoog"):
            shifts[end] = _shift(next(lines), small_central)
        assumptions.append({"path": entry["pad"], "label": entry.get("label", entry["pad"]), "low_value": entry["laag"],
                            "high_value": entry["hoog"], "why": entry.get("waarom", ""), "shift": shifts})

    def combine(getter):
        downs, ups = [], []
        for a in assumptions:
            values = [getter(a["shift"][e]) for e in ("laag", "hoog")]
            values = [v for v in values if v is not None]
            downs.append(min([0.0] + values))
            ups.append(max([0.0] + values))
        return -float(np.sqrt(np.sum(np.square(downs)))), float(np.sqrt(np.sum(np.square(ups))))

    line = {"structural": {}, "years": {}}
    for key, _label in LINE:
        c = central["structural"].get(key)
        down, up = combine(lambda s, key=key: s["structural"].get(key))
        line["structural"][key] = {"central": c, "low": None if c is None else c + down, "high": None if c is None else c + up}
    for t, cl in central["years"].items():
        line["years"][t] = {}
        for key, _label in LINE:
            c = cl.get(key)
            down, up = combine(lambda s, key=key, t=t: s["years"][t].get(key))
            line["years"][t][key] = {"central": c, "low": None if c is None else c + down, "high": None if c is None else c + up}

    tornado = sorted(
        ({"label": a["label"], "path": a["path"], "low_value": a["low_value"], "high_value": a["high_value"],
          "net_mln_low": a["shift"]["laag"]["structural"]["net_mln"],
          "net_mln_high": a["shift"]["hoog"]["structural"]["net_mln"],
          "extra_benefits_low": a["shift"]["laag"]["structural"]["extra_benefits"],
          "extra_benefits_high": a["shift"]["hoog"]["structural"]["extra_benefits"]}
         for a in assumptions),
        key=lambda r: -max(abs(r["net_mln_low"] or 0), abs(r["net_mln_high"] or 0)),
    )
    progress(f"ranges: {len(assumptions)} assumptions x 2 ends on {n:,} households ({time.perf_counter() - t0:.1f} s)")
    return {
        "line": line,
        "tornado": tornado,
        "assumptions": [{k: a[k] for k in ("path", "label", "low_value", "high_value", "why")} for a in assumptions],
        "sample_size": n,
        "method": ("each assumption of the config's `onzekerheid` list set to its low and high end in turn, the rest at "
                   f"their defaults, on {n:,} households with the same seed; the shifts are added to the central figure; "
                   "the combined range adds them in quadrature (independent assumptions), down and up separately"),
    }
