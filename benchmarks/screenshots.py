"""Screenshots of `vanthu serve` for the README: the search page, a document, a tree (docs/*.png).

    .venv/bin/python -m benchmarks.screenshots [--archive DIR] [--out docs]

Without --archive, the demo archive (:func:`demo_archive`) is made in a temporary folder first.
The browser tests (tests/test_web_browser.py) start the server and Chromium with the same
helpers, :func:`serving` and :func:`chromium`, so what the README shows is what they test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
VANTHU = Path(sys.executable).parent / "vanthu"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def browser_missing() -> str | None:
    """Why the browser cannot run here (None when it can): for a test's skip reason."""
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        return "Debian's chromium and chromium-driver are not installed (scripts/system-deps.sh installs them)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (the dev extra)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(archive: Path, *, token: str | None = None, timeout: float = 60.0) -> Iterator[tuple[str, float, int]]:
    """`vanthu serve` on a free port of 127.0.0.1: (base URL, seconds from start to the first answer, its pid)."""
    port = free_port()
    env = {**os.environ, "VANTHU_WRITE_TOKEN": token} if token else {
        k: v for k, v in os.environ.items() if k != "VANTHU_WRITE_TOKEN"}
    start = time.perf_counter()
    proc = subprocess.Popen([str(VANTHU), "serve", "--archive", str(archive), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"vanthu serve exited: {proc.stderr.read().decode(errors='replace')}")
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"vanthu serve did not answer within {timeout:.0f} s")
                time.sleep(0.05)
        yield url, time.perf_counter() - start, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def chromium(width: int = 1280, height: int = 1000) -> Iterator[object]:
    """Headless Debian Chromium driven by Selenium through Debian's chromedriver (no download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=vi", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def demo_archive(where: Path) -> Path:
    """The sample chain (samples/chain) and the web tests' documents (tests/data/web: hostile HTML in
    a directive's text, a number two districts share) imported into ``where``, without vectors."""
    from vanthu.archive.store import Archive
    from vanthu.pipeline.ingest import ingest

    with Archive.open(where) as store:
        report = ingest(store, [ROOT / "samples" / "chain", ROOT / "tests" / "data" / "web"], workers=1, embed=False)
    if report.failed:
        raise RuntimeError(f"the demo archive could not import {report.failed}")
    return where


def take(archive: Path, out: Path) -> list[Path]:
    from selenium.webdriver.common.by import By

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with serving(archive) as (url, *_), chromium() as driver:
        driver.get(url + "/?q=tiem+vac+xin")
        shots.append(_shot(driver, out / "web-search.png"))
        driver.get(url + "/ref?ref=27/KH-UBND&issuer=Thiện Kế")
        shots.append(_shot(driver, out / "web-document.png", height=1700))
        driver.find_element(By.ID, "tree-up").click()
        shots.append(_shot(driver, out / "web-tree.png", width=1600))
    return shots


def _shot(driver, path: Path, width: int = 1280, height: int = 1000) -> Path:
    """The page at ``width``, as tall as it is up to ``height``."""
    tall = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(tall, 600), height))
    driver.save_screenshot(str(path))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--archive", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    why = browser_missing()
    if why:
        sys.exit(f"screenshots: {why}")
    with tempfile.TemporaryDirectory(prefix="vanthu-shots-") as tmp:
        archive = args.archive or demo_archive(Path(tmp) / "archive")
        for path in take(archive, args.out):
            print(path)


if __name__ == "__main__":
    main()
