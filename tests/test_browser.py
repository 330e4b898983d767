"""A real browser on a live ``kb serve``: Debian's Chromium, headless, driven by selenium.

It loads the timeline, applies a filter with the form, follows an event link
to the event reported by two outlets (their reports side by side), goes from
a quote to its place in the article, and saves a screenshot of each step (and of the article, actor and graph
pages) in the test's temporary folder, printed at the end for a person to look
at. Selenium is given the system chromedriver explicitly, so it never tries to
download one. Skipped, with the reason, where Chromium or its driver is absent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import build_ghazni_extraction
from tests.web_helpers import LiveServer, second_ghazni_report, synthetic_corpus, write_store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
]

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    extractions = [build_ghazni_extraction(), second_ghazni_report()]
    extractions += [x for original, again in synthetic_corpus(300, per_article=6) for x in (original, *again)]
    path = write_store(tmp_path_factory.mktemp("browser") / "store", extractions)
    with LiveServer(path) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency: pip install -e '.[test]'")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def shoot(browser, folder: Path, name: str) -> Path:
    """A screenshot of the whole page, not just the window (Chromium's DevTools call)."""
    import base64

    path = folder / f"{name}.png"
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))
    assert path.stat().st_size > 10_000
    return path


def test_timeline_filter_and_event_page_in_a_real_browser(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server.url)
    assert browser.title.startswith("Timeline")
    assert browser.find_element(By.CSS_SELECTOR, "svg.strip")
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.event")) == 50
    shots = [shoot(browser, tmp_path, "1-timeline")]

    # Apply a filter with the form, as a reader would: bombings involving the Taliban.
    browser.find_element(By.CSS_SELECTOR, "input[name=type][value=Bombing]").click()
    Select(browser.find_element(By.NAME, "actor")).select_by_value("https://w3id.org/annals/id/actor/taliban")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    assert "type=Bombing" in browser.current_url and "actor=" in browser.current_url
    cards = browser.find_elements(By.CSS_SELECTOR, "article.event")
    assert len(cards) == 1  # two outlets' reports, one event
    assert cards[0].find_element(By.CSS_SELECTOR, ".type").text == "Bombing"
    assert cards[0].find_element(By.CSS_SELECTOR, ".sources-count").text == "2 sources"
    assert len(cards[0].find_elements(By.CSS_SELECTOR, "blockquote.evidence")) == 2
    shots.append(shoot(browser, tmp_path, "2-filtered"))

    # Follow the event's link to its page: the two reports side by side.
    link = cards[0].find_element(By.CSS_SELECTOR, "h4 a")
    title = link.text
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert "/id/event/" in browser.current_url
    columns = browser.find_elements(By.CSS_SELECTOR, ".source-column")
    assert [c.find_element(By.CSS_SELECTOR, ".cite strong").text for c in columns] == ["Example Wire", "Sample Times"]
    assert columns[0].location["y"] == columns[1].location["y"]  # side by side, not one under the other
    shots.append(shoot(browser, tmp_path, "3-event"))

    # From the second source's quote to its place in that article, highlighted.
    columns[1].find_element(By.CSS_SELECTOR, "blockquote.evidence a.in-text").click()
    assert "/id/article/second-ghazni-2019-03-14#ev-" in browser.current_url
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.evidence")
    assert len(marks) == 1
    assert browser.find_element(By.CSS_SELECTOR, "aside.extracted .part-of a").text == title
    shots.append(shoot(browser, tmp_path, "4-article"))

    # The highlight leads back to the event, at this source's column.
    marks[0].find_element(By.TAG_NAME, "a").click()
    assert "#source-" in browser.current_url and browser.find_element(By.TAG_NAME, "h1").text == title

    browser.get(server.url + "id/actor/northern-front")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Northern Front"
    shots.append(shoot(browser, tmp_path, "5-actor"))

    browser.get(server.url + "graph")
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.network g.node")
    assert len(nodes) > 100
    shots.append(shoot(browser, tmp_path, "6-graph"))

    browser.get(server.url + "sparql")
    browser.find_element(By.CSS_SELECTOR, ".examples summary a").click()
    assert browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    shots.append(shoot(browser, tmp_path, "7-sparql"))
    print("\nscreenshots:\n" + "\n".join(str(s) for s in shots))
