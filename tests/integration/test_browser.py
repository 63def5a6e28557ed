"""The analyst pages in a real browser: Debian's chromium driven by Selenium, against ``newsmetrics up``
with the sample feed and the seed pages pushed. Screenshots of each page are saved under the test's
directory (``--basetemp`` keeps them) for a person to look at."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from services.extract.gazetteer import names
from tests.integration.helpers import ROOT, free_port, get, required_tool, sample_and_seeds, wait_until

pytestmark = pytest.mark.integration
TOKEN = "browser-review-token"


def _tool(*candidates: str) -> str:
    return required_tool(*candidates, installed_by="scripts/test installs Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """``newsmetrics up`` with the review token set and the sample feed plus the seed pages pushed."""
    tmp = tmp_path_factory.mktemp("browser")
    feed = sample_and_seeds(tmp / "feed.jsonl")
    expected = len(subprocess.run([sys.executable, "-m", "services.cli", "extract", "--input", str(feed)], cwd=ROOT,
                                  capture_output=True, check=True).stdout.splitlines())
    port = str(free_port())
    env = {**os.environ, "NEWSMETRICS_KAFKA_BOOTSTRAP": f"127.0.0.1:{free_port()}", "NEWSMETRICS_DATA_DIR": str(tmp),
           "NEWSMETRICS_API_PORT": port, "NEWSMETRICS_INGEST_PORT": str(free_port()),
           "NEWSMETRICS_EXTRACT_PORT": str(free_port()), "NEWSMETRICS_REVIEW_TOKEN": TOKEN}
    up = subprocess.Popen([sys.executable, "-m", "services.cli", "up", "--feed", str(feed)], env=env, cwd=ROOT,
                          stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        stored = wait_until(lambda: orjson.loads(get(port, "/facts")[1])["total"] == expected, timeout=180)
        assert stored, "the store did not get the feed's facts"
        yield f"http://127.0.0.1:{port}", tmp
    finally:
        up.send_signal(signal.SIGTERM)
        up.wait(timeout=60)


@pytest.fixture(scope="module")
def browser(site) -> Iterator[webdriver.Chrome]:
    options = Options()
    options.binary_location = _tool("chromium", "chromium-browser")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100",
                     "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_tool("chromedriver")))
    driver.implicitly_wait(2)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: webdriver.Chrome, site: tuple[str, Path], name: str) -> None:
    driver.save_screenshot(str(site[1] / f"{name}.png"))


def _hebei() -> set[str]:
    return {p.name for ps in names().values() for p in ps if p.code and p.code.startswith("13")}


def test_the_explorer_filters_sorts_and_pages_with_labelled_controls(browser, site):
    base, _ = site
    browser.get(base + "/")
    total = int(browser.find_element(By.ID, "count").text.split()[0])
    assert total > 50 and len(browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-fact]")) == 50  # paged
    for control in browser.find_elements(By.CSS_SELECTOR, "form.filters input, form.filters select"):
        assert control.find_element(By.XPATH, "ancestor::label"), control.get_attribute("name")  # labelled
    _shot(browser, site, "explorer")

    region = browser.find_element(By.NAME, "region")
    region.send_keys("河北省")
    region.send_keys(Keys.ENTER)  # the form submits from the keyboard
    WebDriverWait(browser, 10).until(ec.url_contains("region="))
    regions = {row.find_elements(By.TAG_NAME, "td")[3].text for row in
               browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-fact]")}
    assert regions and regions <= _hebei() and len(regions) > 1  # the province's cities, not the name alone
    _shot(browser, site, "explorer-hebei")

    value_link = browser.find_element(By.XPATH, "//thead//a[starts-with(normalize-space(.), 'Value')]")
    value_link.send_keys(Keys.ENTER)  # sort from the keyboard
    WebDriverWait(browser, 10).until(ec.url_contains("sort=value"))
    values = [float(cell.text.split()[0].split("–")[0]) for cell in
              browser.find_elements(By.CSS_SELECTOR, "tbody tr[data-fact] td.num")]
    assert values == sorted(values)


def test_the_article_page_highlights_every_fact_at_its_span_both_ways(browser, site):
    base, _ = site
    browser.get(base + "/?region=" + "邯郸市")
    browser.find_element(By.CSS_SELECTOR, "tbody tr[data-fact] td a").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/articles/"))
    items = browser.find_elements(By.CSS_SELECTOR, ".fact-list li[data-fact]")
    assert items
    for item in items:
        fact_id = item.get_attribute("data-fact")
        fact = orjson.loads(get(base.rsplit(":", 1)[1], f"/facts/{fact_id}")[1])
        marks = [m for m in browser.find_elements(By.CSS_SELECTOR, "mark[data-fact]")
                 if fact_id in m.get_attribute("data-fact").split()]
        assert "".join(m.text for m in marks) == fact["text"]  # the figure, exactly at its span
    first = items[0]
    ActionChains(browser).move_to_element(first).perform()
    lit = [m for m in browser.find_elements(By.CSS_SELECTOR, "mark.hl")]
    assert lit and all(first.get_attribute("data-fact") in m.get_attribute("data-fact").split() for m in lit)
    _shot(browser, site, "article")
    mark = browser.find_elements(By.CSS_SELECTOR, "mark[data-fact]")[-1]
    ActionChains(browser).move_to_element(mark).perform()
    assert browser.find_elements(By.CSS_SELECTOR, ".fact-list li.hl")


def test_a_chart_renders_with_data_and_offers_png_svg_and_csv(browser, site):
    base, _ = site
    browser.get(base + "/charts?indicator=air.pm25")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#line-chart svg .mark-line path"))
    assert browser.find_elements(By.CSS_SELECTOR, "#bar-chart svg .mark-rect path")
    axis = browser.find_element(By.CSS_SELECTOR, "#line-chart svg").text
    assert "ug/m3" in axis and "period" in axis  # unit and period on the axes
    assert browser.find_elements(By.CSS_SELECTOR, "#line-chart details summary")  # vega-embed's export menu
    _shot(browser, site, "charts")
    csv = get(base.rsplit(":", 1)[1], "/charts.csv?indicator=air.pm25")[1].decode().splitlines()
    assert csv[0] == "region,period_start,period_end,value,unit,fact_id" and len(csv) > 1


def test_a_review_round_trip_works_with_the_token_and_is_refused_without(browser, site):
    base, _ = site
    port = base.rsplit(":", 1)[1]
    browser.get(base + "/?region=" + "邯郸市")
    browser.find_element(By.CSS_SELECTOR, "tbody tr[data-fact] td a").click()
    WebDriverWait(browser, 10).until(ec.url_contains("/articles/"))
    item = browser.find_element(By.CSS_SELECTOR, ".fact-list li[data-fact]")
    fact_id = item.get_attribute("data-fact")

    def review(token: str) -> None:
        browser.find_element(By.ID, "review-token").clear()
        browser.find_element(By.ID, "review-token").send_keys(token)
        item = browser.find_element(By.ID, f"fact-{fact_id}")
        details = item.find_element(By.CSS_SELECTOR, "details.review-form")
        if not details.get_attribute("open"):
            details.find_element(By.TAG_NAME, "summary").click()
        item.find_element(By.CSS_SELECTOR, "input[value=wrong]").click()
        for name, text in (("reason", "<b>the figure is last year's</b>"),
                           ("corrected", '{"period": {"start": "2023-01", "end": "2023-06"}}')):
            item.find_element(By.NAME, name).clear()
            item.find_element(By.NAME, name).send_keys(text)
        item.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    review("not-the-token")
    output = (By.CSS_SELECTOR, f"#fact-{fact_id} output")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(*output).text)
    assert "review token" in browser.find_element(*output).text
    assert not browser.find_elements(By.CSS_SELECTOR, f"#fact-{fact_id} .review-wrong")
    review(TOKEN)
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#fact-{fact_id} .review-wrong"))
    shown = browser.find_element(By.CSS_SELECTOR, f"#fact-{fact_id} .review-wrong").text
    assert "<b>the figure is last year's</b>" in shown  # escaped, shown as text
    _shot(browser, site, "review")
    assert 'newsmetrics_reviews_total{verdict="wrong"} 1.0' in get(port, "/metrics")[1].decode()


def test_text_has_enough_contrast(browser, site):
    base, _ = site
    browser.get(base + "/")
    # measure the page as styled: on a loaded CI machine the stylesheet has once not been applied yet (every colour
    # the browser's default, a ratio of 1); a page whose stylesheet never applies still fails here
    WebDriverWait(browser, 15).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && getComputedStyle(document.body).backgroundColor"
        " !== 'rgba(0, 0, 0, 0)'"))
    ratio = browser.execute_script("""
        function lum(c) { var v = c.match(/\\d+/g).slice(0, 3).map(function (x) {
            x = x / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
        function ratio(el) {
          var a = lum(getComputedStyle(el).color), b = lum(getComputedStyle(document.body).backgroundColor);
          return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }
        return Math.min(ratio(document.querySelector('td')), ratio(document.querySelector('a')),
                        ratio(document.querySelector('.filters label')));""")
    assert ratio >= 4.5  # WCAG AA for body text


def test_what_ingest_removed_is_shown_collapsed_on_the_article_page(browser, site):
    base, _ = site
    port = base.rsplit(":", 1)[1]
    items = orjson.loads(get(port, "/facts?limit=1000")[1])["items"]
    pages = {(f["doc_id"], f["article"]) for f in items}
    shown = []
    for doc_id, article in sorted(pages):
        browser.get(f"{base}/articles/{doc_id}/{article}")
        for details in browser.find_elements(By.CSS_SELECTOR, "section details"):
            shown.append((details.find_element(By.TAG_NAME, "summary").text, details.get_attribute("open")))
    assert any(label.startswith("a repeat of") for label, _ in shown)  # the seed page printed twice
    assert any(label == "removed as spam or page chrome" for label, _ in shown)  # the web page's footer
    assert not any(is_open for _, is_open in shown)  # collapsed
