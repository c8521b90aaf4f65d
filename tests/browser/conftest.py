"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live server.

Never `playwright install`: the browser is /usr/bin/chromium from Debian's package. Each test is
transactional (the live server reads the database through its own connection), so it loads the
master data and the demo data itself.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "odop-demo-2027"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "browser-screenshots"
TIMEOUT_MS = 15_000
SAVED: list[Path] = []  # screenshots taken in this run


@pytest.fixture(scope="session")
def live_server(django_db_setup):
    """pytest-django's live server, started with a MEDIA_URL for a moment.

    Started after the test database (and so stopped, with its connection, before the database
    is dropped).

    The portal never serves media by URL (MEDIA_URL = None), but Django's live-server thread
    parses MEDIA_URL when it starts and fails every request on None. Media stays unserved: the
    tests store files in memory, and no page links to this prefix.
    """
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    media_url = settings.MEDIA_URL
    settings.MEDIA_URL = media_url or "/__live-server-media__/"
    try:
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    finally:
        settings.MEDIA_URL = media_url
    yield server
    server.stop()


@pytest.fixture
def demo(settings):
    """The shipped master data and the demo (users, fairs, MoUs, meetings), committed."""
    settings.DEBUG = True  # load_demo_data refuses to run otherwise
    call_command("load_master_data", verbosity=0)
    call_command("load_demo_data", verbosity=0)
    settings.DEBUG = False  # pages then answer as in production (plain 403 and 404 pages)


@pytest.fixture
def browser(demo, monkeypatch):
    """A headless Chromium for one test, started after the demo data is in.

    Playwright's sync API keeps an event loop in this thread; the ORM calls that a test makes
    between two browser steps are still synchronous, so Django's async guard is lifted here.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # Close the connections that the test's own queries opened while Playwright ran;
            # left open, they keep PostgreSQL from dropping the test database at the end.
            connections.close_all()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(viewport=...) → a new page in its own context (its own cookies).

    bypass_csp lets axe-core be injected as a script tag: the portal's CSP forbids inline
    script, which is what add_script_tag(path=...) adds.
    """
    contexts = []

    def _open(viewport=DESKTOP):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            bypass_csp=True,
            accept_downloads=True,
            locale="en-IN",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def screenshot(page, name: str) -> Path:
    """A full-page PNG under var/browser-screenshots/ (kept by CI as an artefact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    SAVED.append(path)
    return path


def pytest_terminal_summary(terminalreporter):
    """The screenshots of this run, by path (CI keeps var/browser-screenshots/)."""
    if SAVED:
        terminalreporter.section("browser screenshots")
        for path in SAVED:
            terminalreporter.write_line(str(path))


def axe_findings(page) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({id: v.id, impact: v.impact, help: v.help,
                          nodes: v.nodes.slice(0, 5).map(n => ({target: n.target,
                                  summary: n.failureSummary}))}));
        }"""
    )
    return result


def format_findings(url: str, findings: list[dict]) -> str:
    return f"{url}:\n" + json.dumps(findings, indent=1, ensure_ascii=False)


def browser_problem() -> str | None:
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    return None


def overflow(page) -> dict:
    """How the page fits its viewport: the document's width, and every element that scrolls
    sideways inside it (a table wider than its wrapper)."""
    return page.evaluate(
        """() => ({
            width: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            inner: Array.from(document.querySelectorAll('body *')).filter(e => {
                const x = getComputedStyle(e).overflowX;
                return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1
                    && e.tagName !== 'INPUT' && e.tagName !== 'TEXTAREA';
            }).map(e => e.tagName.toLowerCase() + '.' + e.className),
        })"""
    )


def _english_interface() -> frozenset[str]:
    """The interface's English strings that have a different Hindi: the catalogue's msgids
    without placeholders."""
    import polib

    catalogue = Path(__file__).resolve().parents[2] / "locale" / "hi" / "LC_MESSAGES"
    strings = set()
    for name in ("django.po", "djangojs.po"):
        for entry in polib.pofile(str(catalogue / name)):
            text = entry.msgid.strip()
            if (
                entry.obsolete
                or entry.msgid_plural
                or "%" in text
                or "{" in text
                or len(text) < 3
                or entry.msgstr.strip() == text
                or not re.search(r"[A-Za-z]{3}", text)
            ):
                continue
            strings.add(text)
    return frozenset(strings)


ENGLISH_INTERFACE: frozenset[str] = frozenset()


def english_on_hindi_page(page) -> list[str]:
    """Interface strings left in English on a page shown in Hindi: each text of the page (and
    its labels, placeholders and titles) that is one of the catalogue's English strings.
    Text marked lang="en" (the language switch's "English") is English on purpose."""
    global ENGLISH_INTERFACE
    if not ENGLISH_INTERFACE:
        ENGLISH_INTERFACE = _english_interface()
    texts = page.evaluate(
        """() => {
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const parent = node.parentElement;
                if (!parent || parent.closest('[lang="en"], script, style')) continue;
                const text = node.textContent.replace(/\\s+/g, ' ').trim();
                if (text) out.push(text);
            }
            for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
                if (el.closest('[lang="en"]')) continue;
                for (const name of ['aria-label', 'placeholder', 'title']) {
                    const value = el.getAttribute(name);
                    if (value) out.push(value.trim());
                }
            }
            out.push(document.title.split(' · ')[0].trim());
            return out;
        }"""
    )
    return sorted({text for text in texts if text in ENGLISH_INTERFACE})
