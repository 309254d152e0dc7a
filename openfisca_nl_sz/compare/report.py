"""comparison.json → report.html with PNG charts (matplotlib, Agg backend, no display needed)."""

from __future__ import annotations

import html
import io
import textwrap
from pathlib import Path

from openfisca_nl_sz.atomic import write_bytes, write_text


def _figure_png(draw) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=100)
    try:
        draw(ax)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _bars(ax, labels, values, title, ylabel):
    colors = ["#c0392b" if (v or 0) < 0 else "#2471a3" for v in values]
    ax.bar(range(len(values)), [v or 0 for v in values], color=colors)
    ax.set_xticks(range(len(values)))
    ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=8)


def _tornado(ax, rows):
    """Horizontal bars: per assumption the shift of the net budget effect at its low and high end."""
    rows = list(reversed(rows))  # largest at the top
    y = range(len(rows))
    low = [r["net_mln_low"] or 0 for r in rows]
    high = [r["net_mln_high"] or 0 for r in rows]
    ax.barh(list(y), low, color="#7f8c8d", label="low end")
    ax.barh(list(y), high, color="#2471a3", label="high end")
    ax.set_yticks(list(y))
    # whole labels, wrapped, never cut: "AO% of rejected applicants (share in 0-15 / 15-2" hid the bands
    ax.set_yticklabels([textwrap.fill(r["label"], 34) for r in rows], fontsize=7)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("shift of the net budget effect, EUR mln per year", fontsize=8)
    ax.set_title("Tornado: sensitivity of the net budget effect", fontsize=10)
    ax.legend(fontsize=7, loc="lower right")  # the bars of the smallest shifts at the bottom are short


def write_charts(comparison: dict, out_dir: str) -> list[dict]:
    """Write the PNG charts; returns [{file, title}] in report order."""
    charts = []
    out = Path(out_dir)

    def add(name, title, draw):
        write_bytes(out / name, _figure_png(draw))
        charts.append({"file": name, "title": title})

    tornado = (comparison.get("ranges") or {}).get("tornado") or []
    if tornado:
        add("tornado.png", "Which assumption moves the net budget effect most (shift from the central figure, EUR mln per year)",
            lambda ax: _tornado(ax, tornado))
    budget = comparison.get("budget", {}).get("components", {})
    if budget:
        labels = list(budget) + ["netto"]
        values = [c["delta_mln"] * (-1 if k == "belastingen_en_premies" else 1) for k, c in budget.items()]
        values.append(comparison["budget"]["net_cost_mln_per_year"])
        labels = [("- " + k) if k == "belastingen_en_premies" else k for k in labels]
        add("budget.png", "Budget effect per year (EUR mln, + = extra cost to the state)",
            lambda ax: _bars(ax, labels, values, "Budget effect (EUR mln per year)", "EUR mln"))
    wia = comparison.get("wia")
    if wia:
        bands = wia["stock_by_ao_band"]

        def draw_stock(ax):
            import numpy as np

            x = np.arange(len(bands))
            ax.bar(x - 0.2, [b["baseline"] / 1000 for b in bands], 0.4, label="baseline", color="#7f8c8d")
            ax.bar(x + 0.2, [b["reform"] / 1000 for b in bands], 0.4, label="reform", color="#2471a3")
            ax.set_xticks(x)
            ax.set_xticklabels([b["band"] + "%" for b in bands], fontsize=8)
            ax.set_title("Structural number of WIA benefits by AO% (x 1000)", fontsize=10)
            ax.legend(fontsize=8)

        add("wia_stock.png", "WIA benefits (stock) by degree of incapacity", draw_stock)
    income = comparison.get("income")
    if income:
        for key, title, name in (("by_decile", "by income decile (baseline besteedbaar inkomen)", "income_deciles.png"),
                                 ("by_household_type", "by household type", "income_household_type.png"),
                                 ("by_ao_band", "by AO% of the assessed person", "income_ao_band.png")):
            rows = income[key]
            add(name, f"Mean change in besteedbaar inkomen {title}",
                lambda ax, rows=rows, title=title: _bars(
                    ax, [r["group"] for r in rows], [r["mean_delta_eur_per_month"] for r in rows],
                    f"Mean change, EUR per month, {title}", "EUR / month"))
    return charts


def _fmt(v, digits=1):
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return html.escape(str(v))


def _table(rows, columns):
    head = "".join(f"<th>{html.escape(c[1])}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_fmt(r.get(c[0]), c[2] if len(c) > 2 else 1)}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def render_html(comparison: dict, charts: list[dict]) -> str:
    s = comparison["scenario"]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(s['name'])}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
        "th{background:#f2f2f2}td:first-child{text-align:left}.note{color:#555;font-size:.9em}"
        ".warning{border:2px solid #c0392b;background:#fdf2f0;padding:.5em 1em;margin:1em 0}"
        ".range{color:#555;font-size:.85em;white-space:nowrap}.miss{color:#c0392b;font-weight:bold}"
        ".how dt{font-weight:bold;margin-top:.5em}</style></head><body>",
        f"<h1>{html.escape(s['name'])}</h1>",
        f"<p>{html.escape(s.get('description') or '')}</p>",
        f"<p class='note'>Scenario file {html.escape(s['file'])} · period {s['period']} · population "
        f"{s['population']['size']:,} {'assessed persons' if comparison.get('population', {}).get('kind', 'wia_beoordeelden') == 'wia_beoordeelden' else 'households'} (seed {s['population']['seed']}, config "
        f"{html.escape(str(s['population']['config']))}). Static comparison: same households, no behavioural effects.</p>",
    ]
    warnings = ([comparison["reach_warning"]] if comparison.get("reach_warning") else []) + \
        list((comparison.get("calibration") or {}).get("missed", []))
    if warnings:
        parts.append("<div class='warning' id='warnings'><strong>Read this first</strong><ul>"
                     + "".join(f"<li>{html.escape(w)}</li>" for w in warnings) + "</ul></div>")
    parts.extend(_planning_section(comparison))
    wia = comparison.get("wia")
    if wia and comparison.get("population", {}).get("kind", "wia_beoordeelden") != "wia_beoordeelden" \
            and not wia["stock_baseline"] and not wia["stock_reform"]:
        wia = None  # a population without WIA assessments: a table of zeros says nothing
    if wia:
        parts.append("<h2>WIA</h2>")
        parts.append(_table([
            {"m": "Structural number of WIA benefits (stock)", "b": wia["stock_baseline"], "r": wia["stock_reform"], "d": wia["stock_extra"]},
            {"m": "New WIA benefits per year (inflow)", "b": wia["inflow_per_year_baseline"], "r": wia["inflow_per_year_reform"],
             "d": wia["inflow_per_year_reform"] - wia["inflow_per_year_baseline"]},
            {"m": "Gross WIA outlay, EUR mln per year", "b": wia["outlay_mln_per_year_baseline"], "r": wia["outlay_mln_per_year_reform"],
             "d": wia["outlay_mln_per_year_extra"]},
        ], [("m", "measure"), ("b", "baseline", 0), ("r", "reform", 0), ("d", "difference", 0)]))
    budget = comparison.get("budget")
    if budget:
        parts.append("<h2>Budget (EUR mln per year, structural)</h2>")
        rows = [{"k": k, **v} for k, v in budget["components"].items()]
        rows.append({"k": "net cost to the state (benefits + allowances − taxes)", "delta_mln": budget["net_cost_mln_per_year"]})
        parts.append(_table(rows, [("k", "scheme"), ("baseline_mln", "baseline"), ("reform_mln", "reform"), ("delta_mln", "difference")]))
        if not budget.get("complete"):
            parts.append("<p class='note'>Incomplete: some schemes are not in the system yet (see notes).</p>")
    income = comparison.get("income")
    if income:
        cols = [("group", "group"), ("households", "households", 0), ("mean_baseline_eur_per_month", "mean income (baseline)", 0),
                ("mean_delta_eur_per_month", "mean change €/month"), ("share_losers", "share losing", 3), ("share_winners", "share gaining", 3)]
        parts.append(f"<h2>Income effects (besteedbaar inkomen, €/month; winners/losers beyond ±€{income['income_change_threshold']:g})</h2>")
        for key, title in (("by_household_type", "By household type"), ("by_decile", "By income decile"),
                           ("by_ao_band", "By AO% of the assessed person"), ("by_outcome", "By baseline assessment outcome")):
            parts.append(f"<h3>{title}</h3>" + _table(income[key], cols))
    parts.append("<h2>Harms removed, created and changed (differential harm search)</h2>")
    harms = comparison.get("harms") or {}
    if harms:
        parts.append(f"<p>The same {harms.get('cases', 0)} households (the default scan's starting households on every "
                     f"axis, plus households drawn from a fixed seed), scanned under the baseline and under the reform. "
                     f"Only harms of at least €{_fmt(harms.get('threshold'))} per month count.</p>")
        titles = {"removed": "Removed by the reform", "created": "Created by the reform", "changed": "Present in both, severity changed"}
        for key in ("removed", "created", "changed"):
            items = harms.get(key, [])
            parts.append(f"<h3>{titles[key]} ({len(items)})</h3>")
            if not items:
                continue
            parts.append("<table><tr><th>household</th><th>kind</th><th>axis</th><th>step</th><th>€/month</th><th>main causes</th></tr>")
            for f in items:
                severity = f"€{_fmt(f.get('severity'))}"
                if key == "changed":
                    severity = f"€{_fmt(f.get('severity_baseline'))} → €{_fmt(f.get('severity'))}"
                causes = ", ".join(f"{c['variable']} {c['delta']:+.0f}" for c in f.get("causes", [])[:3])
                parts.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                    f.get("case", ""), f.get("kind"), f.get("axis_name", f.get("axis")),
                    f"{f.get('axis_from')} → {f.get('axis_to')}", severity, causes)) + "</tr>")
            parts.append("</table>")
    else:
        parts.append("<p class='note'>The differential harm search was switched off for this scenario (outputs.harm_search: false).</p>")
    for chart in charts:
        if chart["file"] == "tornado.png":  # shown next to the planning-bureau line
            continue
        parts.append(f"<figure><img src='{html.escape(chart['file'])}' alt='{html.escape(chart['title'])}'><figcaption>{html.escape(chart['title'])}</figcaption></figure>")
    parts.extend(_how_section(comparison))
    parts.append("<h2>Notes and assumptions</h2><ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in comparison.get("notes", [])) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _money(v, digits=0):
    return "–" if v is None else f"{v:,.{digits}f}"


def _cell(entry, digits=0):
    """central (low – high) for one figure of the line."""
    if entry is None:
        return "–"
    if not isinstance(entry, dict):
        return _money(entry, digits)
    text = _money(entry.get("central"), digits)
    if entry.get("low") is not None and entry.get("high") is not None:
        text += f" <span class='range'>({_money(entry['low'], digits)} – {_money(entry['high'], digits)})</span>"
    return text


def _planning_section(comparison: dict) -> list[str]:
    """The planning-bureau line: structural and the first years, central (low – high)."""
    from openfisca_nl_sz.compare.planning import LINE

    planning = comparison.get("planning")
    if not planning:
        return []
    ranged = (comparison.get("ranges") or {}).get("line")
    structural = ranged["structural"] if ranged else planning["structural"]
    years = ranged["years"] if ranged else planning["years"]
    year_keys = list(years)
    out = ["<h2 id='planning'>Planning-bureau line (EUR mln per year; central, range in brackets)</h2>",
           "<table id='planning-line'><tr><th>figure</th><th>structural (steady state)</th>"
           + "".join(f"<th>year {html.escape(t)}</th>" for t in year_keys) + "</tr>"]
    for key, label in LINE:
        out.append("<tr><td>" + html.escape(label) + "</td><td>" + _cell(structural.get(key)) + "</td>"
                   + "".join(f"<td>{_cell(years[t].get(key))}</td>" for t in year_keys) + "</tr>")
    out.append("</table>")
    for chart in comparison.get("charts") or []:
        if chart["file"] == "tornado.png":
            out.append(f"<figure id='tornado'><img src='tornado.png' alt='{html.escape(chart['title'])}'>"
                       f"<figcaption>{html.escape(chart['title'])}</figcaption></figure>")
    timing = ("Year t counts the extra benefits that started since the change and are still running, on average over that "
              "year; the structural column is the steady state (inflow × duration). " if planning.get("builds_up", True) else
              "This change acts on everyone in the population from its first month (it does not wait for new assessments), "
              "so every year equals the structural column. ")
    out.append("<p class='note'>" + timing + "Net = benefits and allowances − taxes and premiums back. "
               + ("Ranges: " + html.escape(comparison["ranges"]["method"]) + "." if ranged else
                  "No ranges: outputs.ranges is false or the population config has no `onzekerheid`.") + "</p>")
    cal = comparison.get("calibration") or {}
    if cal.get("rows"):
        out.append("<h3 id='calibration'>Baseline versus published figures (calibration)</h3>"
                   "<table id='calibration-table'><tr><th>target</th><th>published</th><th>model (current law)</th>"
                   "<th>deviation</th><th>allowed</th><th>source</th></tr>")
        for r in cal["rows"]:
            dev = "–" if r["deviation"] is None else f"{r['deviation']:+.1%}"
            cls = "" if r["within"] else " class='miss'"
            link = (f"<a href='{html.escape(r['url'])}'>{html.escape(r['source'][:90])}</a>" if r.get("url")
                    else html.escape(r["source"][:90]))
            fmt = (lambda v: "–" if v is None else f"{v:.1%}") if r["observed"] < 1 else _money  # shares as %
            out.append(f"<tr><td>{html.escape(r['label'])}</td><td>{fmt(r['observed'])}</td><td>{fmt(r['model'])}</td>"
                       f"<td{cls}>{dev}{'' if r['within'] else ' (missed)'}</td><td>±{r['tolerance']:.0%}</td><td>{link}</td></tr>")
        out.append("</table>")
        shown = {k: v for k, v in cal.get("unpublished", {}).items() if v}
        if shown:
            out.append("<p class='note'>Not published, so not checked (the model's own split): "
                       + ", ".join(f"{html.escape(k)} {v:,.0f}" if abs(v) >= 1 else f"{html.escape(k)} {v:.1%}"
                                   for k, v in shown.items()) + ".</p>")
    return out


def _how_section(comparison: dict) -> list[str]:
    """'How these figures come about': one sentence per part, for a policy reader."""
    pop = comparison.get("population", {})
    scen = comparison.get("scenario", {})
    ranges_ = comparison.get("ranges") or {}
    cal = comparison.get("calibration") or {}
    n_ok = sum(1 for r in cal.get("rows", []) if r["within"])
    items = [
        ("The population", f"{pop.get('households', 0):,} synthetic households (seed {pop.get('seed')}) from "
         f"{scen.get('population', {}).get('config', '')}: {' '.join(str(pop.get('description', '')).split())}"),
        ("The stock model", ("Each household stands for a number of real ones a year (the inflow) and has a benefit duration, "
         "so the number of running benefits is inflow × duration and every euro figure is per year in the steady state; "
         "the first years follow from how many of the new benefits have started and are still running."
         if pop.get("kind", "wia_beoordeelden") == "wia_beoordeelden" else
         "Each household stands for a number of real households today (a stock, weighted to published counts), so every "
         "euro figure is per year at today's numbers.")),
        ("The calibration", (f"{n_ok} of {len(cal.get('rows', []))} published figures are matched within their tolerance by "
                             "the current law on this population (table above); the unpublished assumptions were set so."
                             if cal.get("rows") else "This population has no published calibration targets.")),
        ("The ranges", ("Every assumption that is not law or a published statistic has a low and a high end; each is tried "
                        "in turn, and the tornado chart shows which moves the net budget effect most."
                        if ranges_ else "No ranges were computed for this run.")),
        ("The main assumptions", ("; ".join(f"{a['label']} ({a['low_value']} to {a['high_value']}): {a['why']}"
                                            for a in ranges_.get("assumptions", [])[:4]) or "see the population config")),
        ("What is left out", "No behavioural response (same households, same work), no non-take-up, and the differential "
         "harm search covers only the households listed in its section."),
    ]
    return ["<h2 id='how'>How these figures come about</h2><dl class='how'>"
            + "".join(f"<dt>{html.escape(t)}</dt><dd>{html.escape(d)}</dd>" for t, d in items) + "</dl>"]


def write_report(comparison: dict, out_dir: str, charts_enabled: bool = True) -> None:
    charts = write_charts(comparison, out_dir) if charts_enabled else []
    comparison["charts"] = charts
    write_text(Path(out_dir) / "report.html", render_html(comparison, charts))
