"""Write the scan's outputs: findings.json, cards.json, cards.csv, report.html (+ charts/) and
regression/*.yaml.

The report is for a policy reader (issue 11): the cards come first — one per mechanism, with a
plain-Dutch title and one paragraph (what happens, to whom, which article, how much, how many) —
and everything else is folded away (<details>): the chart, the rules that flip, the variants, the
reach per group. Then the checklist of the harms the config expects, the threshold coverage, and a
table of every finding that sorts and filters by law, kind and period with a few lines of plain
JavaScript (no framework, nothing loaded from the network: the file works offline).

Every file is written atomically (see atomic.py): a crash leaves the previous run's file or the
new one, never half of one. Nothing time-dependent goes into the files, so a seeded run on an empty
folder gives the same bytes each time.
"""

from __future__ import annotations

import csv
import html
import io
import json
import time
from pathlib import Path

from openfisca_nl_sz import atomic
from openfisca_nl_sz.report.charts import budget_chart, budget_curves
from openfisca_nl_sz.report.regression import regression_yaml
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.cards import AXIS_PLAIN, KIND_PLAIN, PLAIN, build_cards, checklist, check_expected, paragraph, percent, split_sentence
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.household import Household, Member

#: Kept for callers of the old report: one line per kind.
KIND_TEXT = dict(KIND_PLAIN, samenloop="Samenloop — regelingen nemen samen meer dan elk afzonderlijk")

#: Columns of cards.csv (one row per card).
CSV_COLUMNS = ("id", "titel", "soort", "ernst", "verlies_typisch_per_maand", "verlies_min", "verlies_mediaan",
               "verlies_max", "aandeel_besteedbaar_inkomen", "bereik_aandeel", "bereik_huishoudens", "bereik_steekproef",
               "regelingen", "artikelen", "perioden", "labels", "varianten", "typische_bevinding", "samenvatting")


def axis_of(finding: dict) -> Axis:
    data = dict(finding["axis_definition"])
    joining = data.pop("joining", None)
    axis = Axis(**data)
    if joining:
        axis.joining = Member(joining["id"], joining["role"], joining["inputs"])
    return axis


def _cards_of(result: dict) -> list[dict]:
    """The cards of the run (run_scan adds them); built here when an older result has none."""
    if "cards" not in result:
        result["cards"] = build_cards(result["findings"])
        for card in result["cards"]:
            card["paragraph"] = paragraph(card)
    return result["cards"]


def write_outputs(result: dict, out_dir: str, system, config, progress=lambda m: None) -> dict:
    out = Path(out_dir)
    cards = _cards_of(result)
    if "expected" not in result:
        result["expected"] = checklist(cards, check_expected((getattr(config, "raw", {}) or {}).get("expected"), "config"))
    by_id = {f["id"]: f for f in result["findings"]}
    evaluators: dict[str, Evaluator] = {}
    charts = {}
    # issue 14: the curves of all charts in one batch (one simulation per month and group of
    # households), then drawn one by one.
    drawn = []
    if time.monotonic() <= result.get("_charts_deadline", float("inf")):
        for card in cards:
            finding = by_id.get(card["typical_finding"])
            if finding is None or "axis_definition" not in finding:
                continue
            evaluator = evaluators.setdefault(finding["period"], Evaluator(system, finding["period"]))
            drawn.append((card, finding, evaluator, Household.from_dict(finding["template"]), axis_of(finding)))
    curves = budget_curves([(evaluator, household, axis) for _, _, evaluator, household, axis in drawn])
    for (card, finding, _, _, axis), curve in zip(drawn, curves):
        if time.monotonic() > result.get("_charts_deadline", float("inf")):  # issue 13 (budget): no more charts
            break
        name = f"charts/{card['id']}.png"
        atomic.write_bytes(out / name, budget_chart(curve, finding, axis, title=card["title"],
                                                    axis_label=_axis_label(finding, system)))
        charts[card["id"]] = name

    # One regression test per card: the typical household on both sides of the step.
    regression = out / "regression"
    wanted = set()
    for card in cards:
        finding = by_id.get(card["typical_finding"])
        if finding is None:
            continue
        file = f"{card['id']}.yaml"
        wanted.add(file)
        atomic.write_text(regression / file, regression_yaml(finding))
    if regression.is_dir():
        for stale in regression.glob("*.yaml"):
            if stale.name not in wanted:
                stale.unlink()

    public = {k: v for k, v in result.items() if not k.startswith("_") and k not in ("cards", "expected")}
    atomic.write_json(out / "findings.json", public)
    atomic.write_json(out / "cards.json", cards_document(result))
    atomic.write_text(out / "cards.csv", cards_csv(cards))
    labels = variable_labels(system)
    atomic.write_text(out / "report.html", render_html({k: v for k, v in result.items() if not k.startswith("_")}, charts, labels))
    progress(f"wrote {out / 'findings.json'}, {out / 'cards.json'}, {out / 'cards.csv'}, {out / 'report.html'}, "
             f"{len(wanted)} regression tests")
    return {"findings": str(out / "findings.json"), "cards": str(out / "cards.json"), "csv": str(out / "cards.csv"),
            "report": str(out / "report.html"), "regression": str(regression)}


def cards_document(result: dict) -> dict:
    config = result.get("config", {})
    return {
        "config": {"source": config.get("source"), "seed": config.get("seed"),
                   "periods": config.get("periods") or [config.get("period")]},
        "cards": result.get("cards", []),
        "expected": result.get("expected", []),
        "coverage": result.get("coverage"),
    }


def cards_csv(cards: list[dict]) -> str:
    """cards.csv: one row per card, comma-separated, quoted where needed (the csv module's excel dialect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in cards:
        s, reach = c["severity"], c.get("reach") or {}
        writer.writerow([
            c["id"], c["title"], c["kind"], c["grade"], f"{s['typical']:.2f}", f"{s['min']:.2f}", f"{s['median']:.2f}",
            f"{s['max']:.2f}", "" if s.get("share_of_besteedbaar_inkomen") is None else f"{s['share_of_besteedbaar_inkomen']:.4f}",
            "" if reach.get("share") is None else f"{reach['share']:.4f}", reach.get("households", ""), reach.get("sample", ""),
            "; ".join(c["regelingen"]), "; ".join(a["label"] for a in c["articles"]), "; ".join(c["periods"]),
            "; ".join(c["tags"]), len(c["variants"]), c["typical_finding"], c.get("paragraph") or paragraph(c),
        ])
    return buffer.getvalue()


def variable_labels(system) -> dict:
    """Plain labels of every variable (its `label`), with the Dutch names of the money components first."""
    labels = {name: (variable.label or name) for name, variable in system.variables.items()} if system else {}
    labels.update({k: v[0].upper() + v[1:] for k, v in PLAIN.items()})
    labels.update(AXIS_PLAIN)
    return labels


def _axis_label(finding: dict, system) -> str:
    variable = finding.get("axis")
    label = AXIS_PLAIN.get(variable) or (system.variables[variable].label if system and variable in getattr(system, "variables", {}) else variable)
    member = finding.get("axis_member")
    return f"{label} ({member})" if member and member != "aanvrager" else str(label)


# -- HTML ------------------------------------------------------------------------------------------

def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _money(value) -> str:
    """Dutch notation, the sign before the euro: -3045 -> '−€ 3.045,00'."""
    text = f"€ {abs(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("−" + text) if value < 0 else text


STYLE = (
    "body{font-family:sans-serif;max-width:1050px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}"
    "table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;font-size:90%;vertical-align:top}"
    "th{background:#eee}th.sortable{cursor:pointer}th.sortable:after{content:' \\2195';color:#888}"
    ".card{border:1px solid #bbb;border-left:6px solid #888;border-radius:4px;margin:1.2em 0;padding:0.6em 1em}"
    ".card.g-zeer-ernstig{border-left-color:#b00}.card.g-ernstig{border-left-color:#e80}.card.g-licht{border-left-color:#7a7}"
    ".card h3{margin:0.2em 0}.badge{display:inline-block;font-size:80%;padding:1px 6px;border-radius:8px;background:#eee;margin-right:4px}"
    ".found{color:#060}.missing{color:#b00;font-weight:bold}details{margin:0.4em 0}summary{cursor:pointer;color:#035}"
    "code,pre{background:#f6f6f6}pre{padding:0.5em;overflow:auto;font-size:80%}img{max-width:100%;height:auto}"
    ".filters label{margin-right:1em}.table-wrap{overflow-x:auto;max-width:100%}"
)

SCRIPT = """
(function () {
  var table = document.getElementById('findings-table');
  if (!table) { return; }
  var body = table.tBodies[0];
  var selects = document.querySelectorAll('.filters select');
  var search = document.getElementById('filter-text');
  var counter = document.getElementById('filter-count');
  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = true;
      Array.prototype.forEach.call(selects, function (select) {
        var value = select.value;
        if (value && (' ' + row.getAttribute('data-' + select.name) + ' ').indexOf(' ' + value + ' ') < 0) { ok = false; }
      });
      var text = search.value.trim().toLowerCase();
      if (text && row.textContent.toLowerCase().indexOf(text) < 0) { ok = false; }
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    counter.textContent = shown + ' van ' + body.rows.length;
  }
  Array.prototype.forEach.call(selects, function (select) { select.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.classList.add('sortable');
    th.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-sort') || a.cells[index].textContent;
        var y = b.cells[index].getAttribute('data-sort') || b.cells[index].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'nl');
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
"""


def render_html(result: dict, charts: dict, labels: dict | None = None) -> str:
    labels = labels or {}
    findings = result["findings"]
    cards = result.get("cards")
    if cards is None:
        cards = _cards_of(dict(result))
    config = result.get("config", {})
    run = result.get("run", {})
    parts = [
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>nlsz scan — hardvochtige effecten</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Hardvochtige effecten: resultaten van <code>nlsz scan</code></h1>",
        f"<p>Configuratie <code>{_e(config.get('source'))}</code>, regels van {_e(', '.join(config.get('periods') or [str(config.get('period'))]))}, "
        f"seed {_e(config.get('seed'))}; {_e(run.get('hypothesis_examples', 0))} Hypothesis-voorbeelden "
        f"(zoektocht beëindigd door {_e(run.get('stopped_by', ''))}). Bedragen zijn € per maand besteedbaar inkomen "
        "(netto huishoudinkomen na belasting en toeslagen).</p>",
        "".join(f"<p><b>Let op, {_e(month)}:</b> {_e(note)} (no amount for this half year found yet; "
                "the previous half year's value is used).</p>" for month, note in sorted(result.get("period_notes", {}).items())),
        "<p><b>Zo leest u dit rapport.</b> Elke kaart is één <i>mechanisme</i>: een regel die bij een kleine stap "
        "(€ 1 meer loon of vermogen, een maand of jaar later, één AO-punt, iemand die komt inwonen) geld wegneemt. "
        "De kaart toont één typisch huishouden (het middelste van de gevonden varianten, niet het uiterste), het artikel, "
        "het verlies per maand en als deel van het besteedbaar inkomen, de ernst, en hoeveel huishoudens van een "
        "synthetische populatie er binnen een jaar voor staan (het <i>bereik</i>). De kaarten staan op ernst × bereik. "
        "Klik op <i>Details</i> voor de grafiek, de regels die omslaan, de varianten en het bereik per groep. "
        f"De kaarten staan ook in <a href='cards.csv' download>cards.csv</a> (voor Excel) en <code>cards.json</code>; "
        "elke kaart heeft een regressietest in <code>regression/</code>.</p>",
        f"<p>{len(cards)} mechanismen uit {len(findings)} bevindingen.</p>",
    ]
    parts.append(_checklist_html(result.get("expected"), cards))
    parts.append("<h2>Mechanismen</h2>")
    for index, card in enumerate(cards, 1):
        parts.append(_card_html(index, card, {f["id"]: f for f in findings}, charts, labels))
    if not cards:
        parts.append("<p>Geen enkel effect kwam boven de ingestelde drempels.</p>")
    parts.append(_coverage_html(result.get("coverage")))
    parts.append(_table_html(findings, cards, labels))
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(p for p in parts if p)


def _checklist_html(expected, cards=()) -> str:
    if not expected:
        return ""
    names = {c["id"]: f"{index}. {c['title']}" for index, c in enumerate(cards, 1)}
    found = sum(1 for e in expected if e["found"])
    rows = [f"<h2>Verwachte effecten: {found} van {len(expected)} gevonden</h2>",
            "<table id='expected'><thead><tr><th>verwacht effect</th><th>gevonden?</th><th>kaart</th></tr></thead><tbody>"]
    for item in expected:
        status = "<span class='found'>gevonden</span>" if item["found"] else "<span class='missing'>niet gevonden</span>"
        links = "<br>".join(f"<a href='#card-{_e(c)}'>{_e(names.get(c, c))}</a>" for c in item["cards"])
        rows.append(f"<tr><td>{_e(item['name'])}</td><td>{status}</td><td>{links}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def _card_html(index: int, card: dict, findings: dict, charts: dict, labels: dict) -> str:
    s = card["severity"]
    grade_class = "g-" + card["grade"].replace(" ", "-")
    badges = [card["grade"], KIND_PLAIN.get(card["kind"], card["kind"])] + card["tags"] + card["regelingen"]
    out = [f"<section class='card {grade_class}' id='card-{_e(card['id'])}' data-kind='{_e(card['kind'])}'>",
           f"<h3>{index}. {_e(card['title'])}</h3>",
           "<p>" + "".join(f"<span class='badge'>{_e(b)}</span>" for b in badges) + "</p>",
           f"<p>{_e(card.get('paragraph') or paragraph(card))}</p>",
           "<p>Artikelen: " + ", ".join(f"<a href='{_e(a['url'])}'>{_e(a['label'])}</a>" for a in card["articles"]) + "</p>"
           if card["articles"] else ""]
    out.append("<details><summary>Details: grafiek, regels die omslaan, varianten, bereik</summary>")
    chart = charts.get(card["id"])
    if chart:
        out.append(f"<p><img src='{_e(chart)}' alt='Besteedbaar inkomen langs de as voor het typische huishouden'></p>")
    typical = findings.get(card["typical_finding"], {})
    if typical.get("causes"):
        out.append("<p>Wat er verandert bij het typische huishouden:</p><table><tr><th>betaling</th><th>verandering</th>"
                   "<th>effect op besteedbaar inkomen</th><th>wet</th></tr>")
        for c in typical["causes"]:
            out.append(f"<tr><td>{_e(labels.get(c['variable'], c['variable']))}</td><td>{_money(c['delta'])}</td>"
                       f"<td>{_money(c.get('effect', c['delta']))}</td><td><a href='{_e(c['reference'])}'>{_e(c['regeling'])}</a></td></tr>")
        out.append("</table>")
    rules = typical.get("rules") or []
    # Tests and classes that flip (yes/no, a class) are the legal rules a reader looks for; amounts
    # that move with them (toetsingsinkomen, tax before kortingen) are folded once more.
    flips = [r for r in rules if isinstance(r.get("from"), (bool, str))]
    moves = [r for r in rules if not isinstance(r.get("from"), (bool, str))]
    for heading, group, folded in (("Regels die omslaan", flips, False), ("Bedragen die meeschuiven", moves, True)):
        if not group:
            continue
        out.append((f"<details><summary>{heading} ({len(group)})</summary>" if folded else f"<p>{heading}:</p>")
                   + "<table><tr><th>regel</th><th>wie</th><th>van</th><th>naar</th></tr>")
        for r in group:
            out.append(f"<tr><td><a href='{_e(r['reference'])}'>{_e(labels.get(r['variable'], r['variable']))}</a></td>"
                       f"<td>{_e(r['member'])}</td><td>{_e(_plain_value(r['from']))}</td><td>{_e(_plain_value(r['to']))}</td></tr>")
        out.append("</table>" + ("</details>" if folded else ""))
    if card.get("samenloop_attribution") and not split_sentence(card):  # else the paragraph above says it
        out.append("<p>Per regeling bij deze stap: " + "; ".join(_e(a["plain"]) for a in card["samenloop_attribution"]) + ".</p>")
    out.append(f"<p>Verlies per maand: min {_money(s['min'])}, mediaan {_money(s['median'])}, max {_money(s['max'])}.</p>")
    out.append("<table><tr><th>periode</th><th>huishouden</th><th>wie</th><th>stap</th><th>verlies/maand</th><th>bevinding</th></tr>")
    for v in card["variants"]:
        out.append(f"<tr><td>{_e(v['period'])}</td><td>{_e(v['household_type'])}</td><td>{_e(v['member'] or '')}</td>"
                   f"<td>{_e(v['axis_from'])} → {_e(v['axis_to'])}</td><td>{_money(v['severity'])}</td><td><code>{_e(v['finding'])}</code></td></tr>")
    out.append("</table>")
    out.append(_reach_html(card.get("reach")))
    if typical.get("household"):
        out.append(f"<details><summary>Het typische huishouden (OpenFisca-situatie)</summary><pre>{_e(json.dumps(typical['household'], indent=1, ensure_ascii=False))}</pre></details>")
    out.append(f"<p>Regressietest: <code>regression/{_e(card['id'])}.yaml</code></p></details></section>")
    return "\n".join(p for p in out if p)


def _plain_value(value):
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return value


def _reach_html(reach) -> str:
    if not reach:
        return ""
    if reach.get("share") is None:
        return f"<p>Bereik: niet geschat — {_e(reach.get('why', ''))}.</p>"
    per_year = f"{reach.get('per_year', 0):,}".replace(",", ".")
    out = [f"<p>Bereik: {reach['households']} van {reach['sample']} huishoudens ({percent(reach['share'])}), "
           f"naar schatting {per_year} huishoudens per jaar instroom van WIA-beoordeelden. {_e(reach.get('caveat', ''))}</p>"]
    for group, rows in reach.get("by_group", {}).items():
        out.append(f"<table><tr><th>{_e(group)}</th><th>huishoudens</th><th>binnen bereik</th><th>aandeel</th></tr>")
        for row in rows:
            out.append(f"<tr><td>{_e(row['group'])}</td><td>{row['households']}</td><td>{row['in_reach']}</td><td>{percent(row['share'])}</td></tr>")
        out.append("</table>")
    return "".join(out)


def _coverage_html(coverage) -> str:
    """Threshold coverage (computed by the search): the legal thresholds in force, how many the scan crossed."""
    if not coverage:
        return ""
    share = coverage.get("share")
    in_force = coverage.get("thresholds_in_force", coverage.get("in_force", "?"))
    out = ["<h2>Drempeldekking</h2>",
           f"<p id='coverage'>Van de {_e(in_force)} wettelijke drempels die gelden in de gescande maanden heeft de zoektocht er "
           f"{_e(coverage.get('crossed', '?'))} overschreden"
           + (f" ({share * 100:.0f}%)" if isinstance(share, (int, float)) else "") + "."
           + (f" <small>({_e(coverage['definition'])})</small>" if coverage.get("definition") else "") + "</p>"]
    missing = coverage.get("not_crossed") or []
    if missing:
        out.append(f"<details open><summary>Niet overschreden ({len(missing)})</summary><ul>")
        for item in missing:
            out.append(f"<li>{_e(_threshold_text(item))}</li>")
        out.append("</ul></details>")
    else:
        out.append("<p>Elke drempel is overschreden.</p>")
    return "".join(out)


def _threshold_text(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    if "parameter" in item:
        return f"{item.get('period', '')} {item['parameter']} = {item.get('value', '')} {item.get('unit', '') or ''}".strip()
    return ", ".join(f"{k}: {v}" for k, v in item.items())


def _table_html(findings: list[dict], cards: list[dict], labels: dict | None = None) -> str:
    labels = labels or {}
    titles = {c["id"]: c["title"] for c in cards}
    laws = sorted({r for f in findings for r in f.get("regelingen", [])})
    kinds = sorted({f["kind"] for f in findings})
    periods = sorted({f["period"] for f in findings})

    def select(name, label, options):
        return (f"<label>{label} <select name='{name}' id='filter-{name}'><option value=''>alle</option>"
                + "".join(f"<option value='{_e(_token(o))}'>{_e(o)}</option>" for o in options) + "</select></label>")

    out = ["<h2>Alle bevindingen</h2>",
           "<p>Klik op een kolomkop om te sorteren; kies een wet, soort of periode om te filteren.</p>",
           "<p class='filters'>" + select("law", "wet", laws) + select("kind", "soort", kinds) + select("period", "periode", periods)
           + "<label>zoek <input type='search' id='filter-text'></label> <span id='filter-count'></span></p>",
           # in a box that scrolls sideways on a narrow screen, so the page itself never does
           "<div class='table-wrap'><table id='findings-table'><thead><tr><th>verlies/maand</th><th>soort</th><th>wet</th><th>periode</th>"
           "<th>as</th><th>stap</th><th>mechanisme</th><th>bevinding</th></tr></thead><tbody>"]
    for f in findings:
        regelingen = f.get("regelingen", [])
        out.append(
            f"<tr data-law='{_e(' '.join(_token(r) for r in regelingen))}' data-kind='{_e(_token(f['kind']))}' data-period='{_e(_token(f['period']))}'>"
            f"<td data-sort='{f['severity']:.2f}'>{_money(f['severity'])}</td><td>{_e(f['kind'])}</td><td>{_e(', '.join(regelingen))}</td>"
            f"<td>{_e(f['period'])}</td><td title='{_e(f.get('axis_name', f['axis']))}'>{_e(_axis_text(f, labels))}</td>"
            f"<td>{_e(f.get('step') or '')} ({_e(f['axis_from'])} → {_e(f['axis_to'])})</td>"
            f"<td><a href='#card-{_e(f.get('card_id', ''))}'>{_e(titles.get(f.get('card_id'), ''))}</a></td>"
            f"<td><code>{_e(f['id'])}</code></td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _axis_text(finding: dict, labels: dict) -> str:
    """The axis in words: the input's label and whose input it is (the internal name is the tooltip)."""
    axis = finding.get("axis", "")
    if axis == "samenstelling":
        return f"samenstelling: {finding.get('axis_name', '').split(':')[-1]} komt erbij"
    member = finding.get("axis_member")
    label = labels.get(axis, axis)
    return f"{label} ({member})" if member and member != "aanvrager" else label


def _token(text: str) -> str:
    """A filter value without spaces (the rows hold space-separated lists)."""
    return str(text).replace(" ", "_")
