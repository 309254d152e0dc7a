"""What the scan writes for a policy reader: cards.json, cards.csv, the report's cards and checklist."""

import csv
import json

from openfisca_nl_sz.report.charts import COMPONENTS


def test_cards_csv_opens_with_the_csv_module(small_report):
    out, result = small_report
    with open(out / "cards.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(result["cards"]) >= 2
    for row, card in zip(rows, result["cards"]):
        assert row["id"] == card["id"]
        assert row["titel"] == card["title"]
        assert float(row["verlies_typisch_per_maand"]) == card["severity"]["typical"]
        assert float(row["verlies_min"]) <= float(row["verlies_mediaan"]) <= float(row["verlies_max"])
        assert row["ernst"] in {"licht", "ernstig", "zeer ernstig"}


def test_cards_json_and_findings_json_agree(small_report):
    out, _ = small_report
    cards = json.loads((out / "cards.json").read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    ids = {c["id"] for c in cards["cards"]}
    assert "cards" not in findings  # the cards live in cards.json only
    for finding in findings["findings"]:
        assert finding["card_id"] in ids
    for card in cards["cards"]:
        assert {"id", "title", "paragraph", "kind", "regelingen", "articles", "tags", "severity", "variants",
                "typical_finding", "reach", "grade"} <= set(card)
        assert card["typical_finding"] in {f["id"] for f in findings["findings"]}
        for article in card["articles"]:
            assert article["url"].startswith("https://wetten.overheid.nl/")
        assert (out / "regression" / f"{card['id']}.yaml").is_file()
        assert (out / "charts" / f"{card['id']}.png").stat().st_size > 1000


def test_report_has_cards_first_checklist_and_plain_labels(small_report):
    out, result = small_report
    report = (out / "report.html").read_text(encoding="utf-8")
    first_card = report.index("class='card ")
    assert first_card < report.index("id='findings-table'")
    for card in result["cards"]:
        assert f"id='card-{card['id']}'" in report
    # The checklist: the asset limit is found, the WIA months cannot be (no such axis in this config).
    assert "vermogensgrens bijstand</td><td><span class='found'>gevonden" in report
    assert "iets dat hier niet kan</td><td><span class='missing'>niet gevonden" in report
    assert "href='cards.csv' download" in report
    # No network: nothing is loaded from elsewhere (links to the law are plain <a href>).
    assert "<script src" not in report and "<link" not in report and "@import" not in report
    # Plain labels, not internal names, for the flipped rules of the asset-limit card.
    assert "Vermogen at most the vermogensgrens" in report


def test_chart_stacks_only_non_zero_components(small_report, tbs):
    """A bijstand household without wage or children: no 'netto loon', 'kinderbijslag' in the legend."""
    import matplotlib

    matplotlib.use("Agg")
    from openfisca_nl_sz.report import charts as charts_module
    from openfisca_nl_sz.report.write import axis_of
    from openfisca_nl_sz.search.evaluate import Evaluator
    from openfisca_nl_sz.search.household import Household

    _, result = small_report
    card = next(c for c in result["cards"] if c["axis"] == "vermogen")
    finding = next(f for f in result["findings"] if f["id"] == card["typical_finding"])
    axis = axis_of(finding)
    curve = charts_module.budget_curve(Evaluator(tbs, finding["period"]), Household.from_dict(finding["template"]), axis)
    labels = []
    original = charts_module.plt.Axes.legend

    def spy(self, *args, **kwargs):
        labels.extend(text for text in self.get_legend_handles_labels()[1])
        assert kwargs.get("bbox_to_anchor", (0, 0))[0] > 1.0  # the legend is outside the plot area
        return original(self, *args, **kwargs)

    charts_module.plt.Axes.legend = spy
    try:
        charts_module.budget_chart(curve, finding, axis, title=card["title"])
    finally:
        charts_module.plt.Axes.legend = original
    names = dict(COMPONENTS)
    assert names["bijstand"] in labels
    assert names["kinderbijslag"] not in labels and names["netto_loon"] not in labels


def test_threshold_coverage_is_shown_with_what_was_not_crossed():
    from openfisca_nl_sz.report.write import render_html

    coverage = {"thresholds_in_force": 4, "crossed": 3, "share": 0.75, "definition": "both sides evaluated",
                "not_crossed": [{"period": "2026-01", "parameter": "participatiewet.vermogensgrens.alleenstaande",
                                 "value": 8000, "unit": "currency"}]}
    page = render_html({"config": {}, "findings": [], "cards": [], "coverage": coverage}, {})
    assert "Van de 4 wettelijke drempels" in page and "er 3 overschreden (75%)" in page
    assert "2026-01 participatiewet.vermogensgrens.alleenstaande = 8000 currency" in page


def test_same_run_same_bytes(small_report, small_config, tbs, tmp_path):
    """Nothing time-dependent in the cards, their reach (a seeded sample), the CSV, the report or the charts."""
    import copy

    from openfisca_nl_sz.report.write import write_outputs
    from openfisca_nl_sz.search.cards import attach_cards

    out, result = small_report
    again = {k: copy.deepcopy(v) for k, v in result.items() if k not in ("cards", "expected")}
    for finding in again["findings"]:
        finding.pop("card_id", None)
    config = small_config
    attach_cards(again, config, tbs)
    assert again["cards"] == result["cards"]
    write_outputs(again, str(tmp_path), tbs, config)
    for name in ("cards.json", "cards.csv", "report.html", "findings.json"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    for chart in (out / "charts").glob("*.png"):
        assert (tmp_path / "charts" / chart.name).read_bytes() == chart.read_bytes(), chart.name
