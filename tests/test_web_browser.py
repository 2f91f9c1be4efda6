"""`vanthu serve` in a real browser: Debian's Chromium driven by Selenium (chromium-driver).

One server for the module (a subprocess, as a user starts it), bounded waits. Skipped with the
reason where Chromium, its driver or Selenium is absent.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

from benchmarks.screenshots import browser_missing, chromium, demo_archive, serving  # noqa: E402

_WHY = browser_missing()
pytestmark = pytest.mark.skipif(_WHY is not None, reason=_WHY or "")

TOKEN = "thu-muc-van-thu-2021"
WAIT = 20  # seconds, at most, for anything to appear


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    archive = demo_archive(tmp_path_factory.mktemp("browser") / "archive")
    with serving(archive, token=TOKEN) as (url, *_), chromium() as driver:
        driver.implicitly_wait(0)
        yield url, driver


def _wait(driver, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(condition)


def _by_text(driver, text: str):
    from selenium.webdriver.common.by import By

    return _wait(driver, lambda d: next((a for a in d.find_elements(By.TAG_NAME, "a") if text in a.text), False))


def _sign_in(url: str, driver) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url + "/librarian")
    if driver.find_elements(By.ID, "sign-in"):
        driver.find_element(By.NAME, "token").send_keys(TOKEN)
        driver.find_element(By.ID, "sign-in").click()
    _wait(driver, lambda d: "Đăng xuất" in d.page_source)


def test_search_open_follow_a_citation_and_click_a_tree_node(site):
    from selenium.webdriver.common.by import By

    url, driver = site
    driver.get(url + "/")
    box = driver.find_element(By.NAME, "q")
    box.send_keys("lich tiem vac xin dot 1 tren dia ban xa\n")  # no diacritics
    _by_text(driver, "31/TB-UBND").click()
    _wait(driver, lambda d: "31/TB-UBND" in d.find_element(By.ID, "doc-title").text)
    cite = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "a.cite.resolved"))[0]
    cite.click()  # "Kế hoạch số 27/KH-UBND …" → the plan
    _wait(driver, lambda d: "27/KH-UBND" in d.find_element(By.ID, "doc-title").text)
    driver.find_element(By.ID, "tree-up").click()
    node = _wait(driver, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "svg.tree a")
                                          if "845/UBND-YT" in a.text), False))
    node.click()  # a box of the diagram opens that document
    _wait(driver, lambda d: "845/UBND-YT" in d.find_element(By.ID, "doc-title").text)


def test_the_xss_document_shows_as_text(site):
    from selenium.webdriver.common.by import By

    url, driver = site
    driver.get(url + "/ref?ref=99/CV-UBND")
    text = _wait(driver, lambda d: d.find_element(By.ID, "doc-text")).text
    assert '<script>alert("xss")</script>' in text and "<b>in đậm</b>" in text
    assert not driver.find_elements(By.CSS_SELECTOR, "#doc-text script, #doc-text b, #doc-text img")


def test_upload_a_zip_with_a_broken_file_and_watch_it(site, tmp_path):
    from selenium.webdriver.common.by import By

    url, driver = site
    _sign_in(url, driver)
    text = (Path(__file__).parent / "data/web/xa-thien-ke_99-CV-UBND_xss.txt").read_text(encoding="utf-8")
    upload = tmp_path / "kho-tai-len.zip"
    with zipfile.ZipFile(upload, "w") as z:
        z.writestr("thon/101-CV-UBND.txt", text.replace("99/CV-UBND", "101/CV-UBND").replace("20 tháng 4", "22 tháng 4"))
        z.writestr("thon/hong.docx", b"PK\x03\x04 not a word file")
    driver.find_element(By.ID, "files").send_keys(str(upload))
    driver.find_element(By.ID, "upload").click()
    _wait(driver, lambda d: d.find_element(By.ID, "status").text)  # the progress line appears
    summary = _wait(driver, lambda d: d.find_element(By.ID, "summary").text or False)
    assert "thêm 1" in summary and "lỗi 1" in summary
    rows = driver.find_elements(By.CSS_SELECTOR, "#failures tr")
    assert any("hong.docx" in r.text for r in rows)


def test_confirm_a_link_and_see_it_in_the_tree(site):
    from selenium.webdriver.common.by import By

    url, driver = site
    _sign_in(url, driver)
    driver.get(url + "/ref?ref=31/TB-UBND")
    driver.find_element(By.NAME, "dst").send_keys("128/NQ-CP")
    driver.find_element(By.ID, "confirm-link").click()
    _wait(driver, lambda d: d.find_elements(By.ID, "decided"))
    driver.find_element(By.ID, "tree-up").click()
    _wait(driver, lambda d: any("128/NQ-CP" in a.text for a in d.find_elements(By.CSS_SELECTOR, "svg.tree a")))
    edges = driver.find_elements(By.CSS_SELECTOR, "svg.tree path.edge.confirmed")
    assert edges, "the confirmed link is drawn as such"
