"""Write the scan's outputs: findings.json, report.html (+ charts/) and regression/*.yaml.

Every file is written atomically (see atomic.py): a crash leaves the previous run's file or the
new one, never half of one. Nothing time-dependent goes into the files, so a seeded run on an empty
folder gives the same bytes each time.
"""

from __future__ import annotations

import html
from pathlib import Path

from openfisca_nl_sz import atomic
from openfisca_nl_sz.report.charts import budget_chart, budget_curve
from openfisca_nl_sz.report.regression import regression_yaml
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.household import Household, Member

KIND_TEXT = {
    "cliff": "Cliff — a small step changes net income by a large amount",
    "inkomensval": "Inkomensval — net income falls while gross income rises",
    "hoge_marginale_druk": "Hoge marginale druk — most of each extra euro is taken away over a wide band",
    "onder_sociaal_minimum": "Onder sociaal minimum — the household ends below its bijstandsnorm",
    "samenloop": "Samenloop — laws interact: the loss is not the sum of what each law does alone",
}


def axis_of(finding: dict) -> Axis:
    data = dict(finding["axis_definition"])
    joining = data.pop("joining", None)
    axis = Axis(**data)
    if joining:
        axis.joining = Member(joining["id"], joining["role"], joining["inputs"])
    return axis


def write_outputs(result: dict, out_dir: str, system, config, progress=lambda m: None) -> dict:
    out = Path(out_dir)
    findings = result["findings"]
    evaluators: dict[str, Evaluator] = {}
    charts = {}
    for finding in findings:
        axis = axis_of(finding)
        household = Household.from_dict(finding["template"])
        evaluator = evaluators.setdefault(finding["period"], Evaluator(system, finding["period"]))
        curve = budget_curve(evaluator, household, axis)
        name = f"charts/{finding['kind']}-{finding['id']}.png"
        atomic.write_bytes(out / name, budget_chart(curve, finding, axis))
        charts[finding["id"] + finding["kind"]] = name

    regression = out / "regression"
    wanted = set()
    for finding in findings:
        file = f"{finding['kind']}-{finding['id']}.yaml"
        wanted.add(file)
        atomic.write_text(regression / file, regression_yaml(finding))
    if regression.is_dir():
        for stale in regression.glob("*.yaml"):
            if stale.name not in wanted:
                stale.unlink()

    public = {k: v for k, v in result.items() if not k.startswith("_")}
    atomic.write_json(out / "findings.json", public)
    atomic.write_text(out / "report.html", render_html(public, charts))
    progress(f"wrote {out / 'findings.json'}, {out / 'report.html'}, {len(wanted)} regression tests")
    return {"findings": str(out / "findings.json"), "report": str(out / "report.html"), "regression": str(regression)}


def _e(value) -> str:
    return html.escape(str(value))


def _money(value) -> str:
    return f"€ {value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def render_html(result: dict, charts: dict) -> str:
    findings = result["findings"]
    config = result["config"]
    run = result.get("run", {})
    parts = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        "<title>nlsz scan — hardvochtige effecten</title>",
        "<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:90%}"
        "th{background:#eee}.finding{border-top:2px solid #444;margin-top:2em;padding-top:0.5em}"
        "code,pre{background:#f6f6f6}pre{padding:0.5em;overflow:auto;font-size:80%}</style></head><body>",
        "<h1>Hardvochtige effecten: resultaten van <code>nlsz scan</code></h1>",
        f"<p>Configuration <code>{_e(config.get('source'))}</code>, period(s) {_e(', '.join(config.get('periods') or [str(config.get('period'))]))}, "
        f"seed {_e(config.get('seed'))}; {_e(run.get('hypothesis_examples', 0))} Hypothesis examples "
        f"(search ended by {_e(run.get('stopped_by', ''))}). Amounts are € per month of besteedbaar inkomen "
        "(net disposable household income).</p>",
        "".join(f"<p><b>Note on {_e(month)}:</b> {_e(note)} (no amount for this half year found yet; "
                "the previous half year's value is used).</p>" for month, note in sorted(result.get("period_notes", {}).items())),
        "<p><b>How to read this report.</b> Each finding is one household, found and then simplified by the search, "
        "for whom one small step — € 1 more wage or assets, one month or year later, one AO point, someone moving in — "
        "changes what the household has to live on. <i>Severity</i> is the money lost per month. For each finding you see "
        "which payments changed (with a link to the article), which rules flipped, whether the loss comes from laws "
        "meeting (samenloop), a chart of the household's income along the axis, and the household itself. Every "
        "finding also has a regression test in <code>regression/</code>.</p>",
        "<h2>Summary</h2><table><tr><th>kind</th><th>findings</th><th>worst (€/month)</th></tr>",
    ]
    for kind, text in KIND_TEXT.items():
        of_kind = [f for f in findings if f["kind"] == kind]
        worst = max((f["severity"] for f in of_kind), default=0)
        parts.append(f"<tr><td title='{_e(text)}'>{_e(kind)}</td><td>{len(of_kind)}</td><td>{_money(worst)}</td></tr>")
    parts.append("</table><h2>All findings</h2><table><tr><th>#</th><th>kind</th><th>severity</th><th>period</th><th>axis</th>"
                 "<th>step</th><th>regelingen</th></tr>")
    for index, f in enumerate(findings, 1):
        parts.append(f"<tr><td><a href='#f{index}'>{index}</a></td><td>{_e(f['kind'])}</td><td>{_money(f['severity'])}</td><td>{_e(f['period'])}</td>"
                     f"<td>{_e(f['axis_name'])}</td><td>{_e(f['axis_from'])} → {_e(f['axis_to'])}</td>"
                     f"<td>{_e(', '.join(f.get('regelingen', [])))}</td></tr>")
    parts.append("</table>")
    for index, f in enumerate(findings, 1):
        parts.append(f"<div class='finding' id='f{index}'><h3>{index}. {_e(KIND_TEXT[f['kind']])}</h3>")
        parts.append(f"<p>Under the rules of {_e(f['period'])}: when <b>{_e(f['axis_name'])}</b> goes from <b>{_e(f['axis_from'])}</b> to <b>{_e(f['axis_to'])}</b>, "
                     f"besteedbaar inkomen goes from {_money(f['besteedbaar_inkomen_from'])} to "
                     f"{_money(f['besteedbaar_inkomen_to'])}. Severity {_money(f['severity'])} per month"
                     + _rate_text(f)
                     + f". Threshold: {_e(', '.join(f'{k} {v:g}' for k, v in f['threshold'].items()))}.</p>")
        if f["causes"]:
            parts.append("<table><tr><th>what changed</th><th>change</th><th>effect on net</th><th>law</th></tr>")
            for c in f["causes"]:
                parts.append(f"<tr><td>{_e(c['variable'])}</td><td>{_money(c['delta'])}</td><td>{_money(c['effect'])}</td>"
                             f"<td><a href='{_e(c['reference'])}'>{_e(c['regeling'])}</a></td></tr>")
            parts.append("</table>")
        if f.get("rules"):
            parts.append("<p>Rules that flipped or moved:</p><table><tr><th>rule</th><th>who</th><th>from</th><th>to</th></tr>")
            for r in f["rules"]:
                parts.append(f"<tr><td><a href='{_e(r['reference'])}'>{_e(r['variable'])}</a></td><td>{_e(r['member'])}</td>"
                             f"<td>{_e(r['from'])}</td><td>{_e(r['to'])}</td></tr>")
            parts.append("</table>")
        if f.get("state"):
            parts.append("<p>Why the bijstand does not fill the gap (at the end of the step):</p><table><tr><th>rule</th><th>who</th><th>value</th></tr>")
            for r in f["state"]:
                parts.append(f"<tr><td><a href='{_e(r['reference'])}'>{_e(r['variable'])}</a></td><td>{_e(r['member'])}</td><td>{_e(r['value'])}</td></tr>")
            parts.append("</table>")
        if f.get("attribution"):
            a = f["attribution"]
            single = ", ".join(f"{k} {_money(v)}" for k, v in a["single"].items())
            parts.append(f"<p>Attribution (switching each law off): {_e(single)}; non-additive rest {_money(a['non_additive'])}.</p>")
        chart = charts.get(f["id"] + f["kind"])
        if chart:
            parts.append(f"<img src='{_e(chart)}' alt='budget line' width='720'>")
        parts.append(f"<details><summary>Minimal household (OpenFisca situation)</summary><pre>{_e(_json(f['household']))}</pre></details>")
        parts.append(f"<p>Regression test: <code>regression/{_e(f['kind'])}-{_e(f['id'])}.yaml</code></p></div>")
    if not findings:
        parts.append("<p>No harm crossed the configured thresholds.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _rate_text(finding: dict) -> str:
    if "rate" not in finding:
        return ""
    basis = finding.get("rate_basis", "besteedbaar_inkomen")
    if basis == "besteedbaar_inkomen":
        return f", marginal rate {finding['rate'] * 100:.0f}% over a band of € {finding['band']:,.0f} gross"
    net = f"; net of tax and all other payments {finding['net_rate'] * 100:.0f}% is lost" if "net_rate" in finding else ""
    return (f"; {basis} takes back {finding['rate'] * 100:.0f}% of each extra gross euro over a band of "
            f"€ {finding['band']:,.0f}{net}")


def _json(obj) -> str:
    import json

    return json.dumps(obj, indent=1, ensure_ascii=False)
