"""The comparison report of the WIA 25% and 15% scenarios in a real browser (issue 15 point 5).

Reuses the Selenium + Debian Chromium fixture of tests/report/test_browser.py (it FAILS with what to
install when Chromium is missing, never skips). Small populations (3,000 assessed persons) and no harm
search keep it at a few seconds per scenario; the figures themselves are tested elsewhere.
Checks: no console errors, every chart (the tornado included) loads, the planning-bureau line has
every figure with a central value and a range, the calibration table has the published targets, and
the panel "How these figures come about" is there.
"""

import importlib.util
from pathlib import Path

import pytest
import yaml

from openfisca_nl_sz.compare import run_compare
from openfisca_nl_sz.compare.planning import LINE
from openfisca_nl_sz.paths import data_dir

from scenario_helpers import needs, write_scenario

_spec = importlib.util.spec_from_file_location("report_browser_fixture", Path(__file__).parents[1] / "report" / "test_browser.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
browser = _module.browser  # the shared fixture (module scope)


@pytest.fixture(scope="module", params=["wia_grens_25.yaml", "wia_grens_15.yaml"])
def report(request, tbs, tmp_path_factory):
    needs(tbs, "wia_uitkering", "besteedbaar_inkomen")
    tmp = tmp_path_factory.mktemp("cmp")
    data = yaml.safe_load((data_dir("scenarios") / request.param).read_text(encoding="utf-8"))
    data["population"]["size"] = 3000
    data["population"]["config"] = str(data_dir("scenarios") / data["population"]["config"])
    data["outputs"]["harm_search"] = False
    comparison = run_compare(write_scenario(tmp, data, request.param), str(tmp / "out"), progress=lambda m: None)
    return tmp / "out", comparison


@pytest.fixture
def page(browser, report):
    out, comparison = report
    browser.get((out / "report.html").as_uri())
    return browser, comparison


def test_no_console_errors_and_every_chart_loads(page):
    driver, comparison = page
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors
    images = driver.execute_script(
        "return Array.prototype.map.call(document.images, function (i) { return [i.getAttribute('src'), i.complete, i.naturalWidth]; });")
    sources = [src for src, _, _ in images]
    assert "tornado.png" in sources and len(images) == len(comparison["charts"])
    for src, complete, width in images:
        assert complete and width > 0, f"chart {src} did not load"


def test_planning_line_with_ranges(page):
    driver, comparison = page
    rows = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#planning-line tr'), function (r) {"
        " return Array.prototype.map.call(r.cells, function (c) { return c.innerText; }); });")
    header, body = rows[0], rows[1:]
    assert header[1].startswith("structural") and "year 1" in header
    assert [r[0] for r in body] == [label for _, label in LINE]
    extra = body[0]
    # central and a range (low – high) in the structural column of the extra benefits
    assert "(" in extra[1] and "–" in extra[1]
    line = comparison["ranges"]["line"]["structural"]["extra_benefits"]
    assert line["low"] <= line["central"] <= line["high"] and line["central"] > 0


def test_calibration_table_and_how_panel(page):
    driver, comparison = page
    labels = driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#calibration-table tr td:first-child'), function (c) { return c.innerText; });")
    assert len(labels) == 5 and any("IVA benefits running" in label for label in labels)
    how = driver.find_element("id", "how").find_element("xpath", "following-sibling::dl").text
    for part in ("The population", "The stock model", "The calibration", "The ranges", "The main assumptions"):
        assert part in how
