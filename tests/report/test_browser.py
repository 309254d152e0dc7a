"""The report in a real browser: Debian's headless Chromium driven by Selenium (issue 11 point 8).

No browser is downloaded: Selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver
(installed by `apt-get install chromium chromium-driver`, which .ci/run does), and Selenium Manager
is told to stay offline. When they are missing this test FAILS with a message saying what to
install — it never skips, so a green run means the report was really opened in a browser.
"""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def require_chromium(chromium: str = CHROMIUM, driver: str = CHROMEDRIVER) -> None:
    """Fail (never skip) when Debian's chromium or its driver is missing, saying what to install."""
    missing = [p for p in (chromium, driver) if not (os.path.exists(p) or shutil.which(os.path.basename(p)))]
    if missing:
        pytest.fail(f"the report's browser test needs Debian's headless Chromium: {', '.join(missing)} not found; "
                    "install with `apt-get install chromium chromium-driver` (.ci/run does this)", pytrace=False)


def test_a_missing_browser_fails_loudly_instead_of_skipping():
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium chromium-driver"):
        require_chromium("/nonexistent/chromium-missing", "/nonexistent/chromedriver-missing")


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--window-size=1280,1024"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER if os.path.exists(CHROMEDRIVER) else shutil.which("chromedriver")),
                              options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(browser, small_report):
    out, result = small_report
    browser.get((out / "report.html").as_uri())
    return browser, result


def _visible_rows(driver):
    return driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('#findings-table tbody tr'),"
        " function (r) { return !r.hidden; }).map(function (r) {"
        " return {kind: r.getAttribute('data-kind'), period: r.getAttribute('data-period'),"
        " law: r.getAttribute('data-law'), severity: parseFloat(r.cells[0].getAttribute('data-sort'))}; });")


def test_no_console_errors(page):
    driver, _ = page
    errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]
    assert errors == [], errors


def test_every_chart_loads(page):
    driver, result = page
    driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    driver.execute_script("window.scrollTo(0, document.body.scrollHeight);")
    images = driver.execute_script(
        "return Array.prototype.map.call(document.images, function (i) { return [i.getAttribute('src'), i.complete, i.naturalWidth]; });")
    assert len(images) == len(result["cards"]) >= 2
    for src, complete, width in images:
        assert complete and width > 0, f"chart {src} did not load"


def test_filter_by_kind_and_period(page):
    driver, result = page
    from selenium.webdriver.support.ui import Select

    total = len(result["findings"])
    assert len(_visible_rows(driver)) == total
    kinds = sorted({f["kind"] for f in result["findings"]})
    assert len(kinds) >= 2, "the small scan should give at least two kinds to filter on"
    Select(driver.find_element("id", "filter-kind")).select_by_value(kinds[0])
    rows = _visible_rows(driver)
    assert rows and {r["kind"] for r in rows} == {kinds[0]}
    assert len(rows) == sum(1 for f in result["findings"] if f["kind"] == kinds[0]) < total
    Select(driver.find_element("id", "filter-period")).select_by_value("2025-01")
    rows = _visible_rows(driver)
    assert {(r["kind"], r["period"]) for r in rows} <= {(kinds[0], "2025-01")}
    assert len(rows) == sum(1 for f in result["findings"] if f["kind"] == kinds[0] and f["period"] == "2025-01")
    assert driver.find_element("id", "filter-count").text == f"{len(rows)} van {total}"
    Select(driver.find_element("id", "filter-kind")).select_by_value("")
    Select(driver.find_element("id", "filter-period")).select_by_value("")
    Select(driver.find_element("id", "filter-law")).select_by_value("Participatiewet")
    rows = _visible_rows(driver)
    assert rows and all("Participatiewet" in r["law"].split(" ") for r in rows)
    Select(driver.find_element("id", "filter-law")).select_by_value("")
    assert len(_visible_rows(driver)) == total


def test_sort_by_severity(page):
    driver, _ = page
    header = driver.find_element("css selector", "#findings-table thead th")
    header.click()
    ascending = [r["severity"] for r in _visible_rows(driver)]
    assert ascending == sorted(ascending)
    header.click()
    descending = [r["severity"] for r in _visible_rows(driver)]
    assert descending == sorted(ascending, reverse=True)
    assert ascending[0] < ascending[-1]  # a real reorder, not a table of equal values


def test_the_page_never_scrolls_sideways_on_a_narrow_screen(page):
    """The table of all findings is wider than a laptop screen: it scrolls inside its own box, so that
    the cards and their text never move sideways with it (a 900-pixel wide window, details open)."""
    driver, _ = page
    size = driver.get_window_size()
    try:
        driver.set_window_size(900, 1000)
        driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
        wide, visible = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
        assert wide <= visible, f"the page is {wide} px wide in a {visible} px window"
        box = driver.execute_script(
            "var t = document.getElementById('findings-table');"
            " return [t.parentElement.className, t.parentElement.scrollWidth > t.parentElement.clientWidth];")
        assert box == ["table-wrap", True]  # the table is wider than the window and scrolls in its box
    finally:
        driver.set_window_size(size["width"], size["height"])
