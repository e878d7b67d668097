"""The HTML in a real headless browser (Debian's chromium, driven by Playwright's Python package):
no console errors, every image loads, every link from the index resolves, nothing is fetched
from the network."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgsocial.cli import app
from orgsocial.synth import generate_demo, write_demo

pytestmark = pytest.mark.e2e
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytest.importorskip("playwright.sync_api")
if CHROMIUM is None:
    pytest.skip(
        "chromium is not installed: `make test` installs Debian's chromium (apt-get install "
        "chromium) where it may; run that as root to include this test",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    plan = (("North & <South>", 1), ("Centre", 3), ("East", 4))
    write_demo(generate_demo(seed=4, employees=300, events=4000, plan=plan), folder / "data")
    out = folder / "out"
    result = CliRunner().invoke(
        app, ["report", str(folder / "data"), "--out", str(out), "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


def visit(browser, page_path: Path) -> dict[str, object]:
    """Open a page from disk; report console errors, network requests and broken images."""
    page = browser.new_page()
    errors: list[str] = []
    network: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    def route(request_route):
        url = request_route.request.url
        if not url.startswith(("file:", "data:")):
            network.append(url)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
    page.goto(page_path.resolve().as_uri(), wait_until="load")
    images = page.evaluate(
        "Array.from(document.images).map(i => [i.complete && i.naturalWidth > 0, i.alt])"
    )
    links = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    page.close()
    return {"errors": errors, "network": network, "images": images, "links": links}


def test_index_in_a_real_browser(browser, reports):
    seen = visit(browser, reports / "index.html")
    assert seen["errors"] == []
    assert seen["network"] == []
    assert seen["images"] and all(loaded for loaded, _ in seen["images"])
    links = seen["links"]
    assert len(links) == 5 + 3
    for link in links:
        assert not re.match(r"^[a-z]+:", link), link  # relative, inside the folder
        target = reports / link
        assert target.is_file(), link
        page = visit(browser, target)
        assert page["errors"] == [], link
        assert page["network"] == [], link
        assert page["images"] and all(loaded for loaded, _ in page["images"]), link
        assert all(alt for _, alt in page["images"]), link


def test_the_sortable_table_sorts(browser, reports):
    page = browser.new_page()
    page.goto((reports / "index.html").resolve().as_uri())
    page.click("#units th:nth-child(2)")
    first = page.inner_text("#units tbody tr:first-child td:nth-child(2)")
    page.click("#units th:nth-child(2)")
    last_first = page.inner_text("#units tbody tr:first-child td:nth-child(2)")
    page.close()
    assert first != last_first
