"""The HTML report: one self-contained, valid, escaped page that renders in headless Chromium
without console errors, with working view toggle, filters, no-JavaScript fallback and print
styles.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: fd 3 in,
fd 4 out, NUL-separated JSON), which needs no extra package and no port. Every console message
of level error or warning, every uncaught exception and every log entry (CSP violations, failed
loads) is collected from the moment the page starts loading, and every network request is seen,
so a test can say "no errors" and "nothing fetched" rather than grep a log. Without Chromium the
browser tests skip, except under CI (env CI set), where they fail.
"""

from __future__ import annotations

import base64
import io
import json
import os
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import (
    control_comparison,
    de,
    eq,
    has_control,
    identical_comparison,
    ins,
    sample_comparison,
    seed_comparison,
    single_change_comparison,
)

from revdiff.model import EditOp, TextEdit
from revdiff.render import render_comparison
from revdiff.render.html import render_html

VOID = {"meta", "link", "input", "br", "hr", "img", "wbr", "col", "source", "area", "base"}
ANSWER_WAIT = 60.0  # seconds to wait for one DevTools answer before calling Chromium stuck


# --------------------------------------------------------------------------------------------
# A strict structural check: balanced tags, unique ids, links that resolve, nothing external


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "id" in values:
            self.ids.append(values["id"] or "")
        for name in ("href", "src", "action", "srcset", "poster", "data"):
            value = values.get(name)
            if value is None:
                continue
            if value.startswith("#"):
                self.links.append(value[1:])
            elif not value.startswith("data:"):
                self.external.append(f"{tag} {name}={value}")
        if any(name.startswith("on") for name in values):
            self.problems.append(f"inline event handler on <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void element {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


def check_page(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker


class _Texts(HTMLParser):
    """Collects the text of the first element with class "inline", split by del/ins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.inside: list[str] = []
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth == 0 and "inline" in classes and not self.runs:
            self.depth = 1
        elif self.depth:
            self.depth += 1
            self.inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.inside:
                self.inside.pop()

    def handle_data(self, data: str) -> None:
        if self.depth:
            op = "-" if "del" in self.inside else "+" if "ins" in self.inside else "="
            self.runs.append((op, data))


# --------------------------------------------------------------------------------------------
# Static checks on the page


def test_page_is_one_wellformed_document_with_unique_ids_and_resolving_links() -> None:
    checker = check_page(render_html(sample_comparison()))
    assert checker.doctype
    assert checker.problems == []
    assert checker.stack == []
    assert len(checker.ids) == len(set(checker.ids))
    assert set(checker.links) <= set(checker.ids)


def test_page_fetches_nothing_from_anywhere() -> None:
    page = render_html(sample_comparison())
    assert check_page(page).external == []
    lowered = page.lower()
    assert "http://" not in lowered.replace("http-equiv", "")
    assert "https://" not in lowered
    assert "@import" not in lowered
    assert "url(" not in lowered
    assert "default-src 'none'" in page


def test_content_security_policy_allows_exactly_the_inline_style_and_script() -> None:
    import base64 as b64
    import hashlib
    import re

    page = render_html(sample_comparison())
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style and script
    for source in (style.group(1), script.group(1)):
        digest = b64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in page


def test_clause_text_is_escaped() -> None:
    page = render_html(sample_comparison())
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co;" in page
    assert "Protection of *users* &amp; &lt;consumers&gt;" in page


def test_deletions_are_struck_and_insertions_underlined() -> None:
    page = render_html(sample_comparison())
    assert "(<del>Busan, 2014</del><ins>Rev. Dubai, 2018</ins>)" in page
    assert "del {" in page and "text-decoration: line-through" in page
    assert "ins {" in page and "text-decoration: underline" in page


def test_every_clause_has_its_itu_marker_beside_it() -> None:
    comparison = sample_comparison()
    page = render_html(comparison)
    assert page.count('<article class="change') == len(comparison.changes)
    for change in comparison.changes:
        assert f'">{change.marker.value}</div>' in page
    assert page.count('<div class="marker') == len(comparison.changes)


def test_reconstructed_version_is_called_so() -> None:
    page = render_html(sample_comparison())
    assert "labelled reconstruction, not the official text" in page
    assert "labelled reconstruction" not in render_html(sample_comparison(reconstructed=False))


def test_page_has_summary_navigation_views_filters_and_print_styles() -> None:
    comparison = sample_comparison()
    page = render_html(comparison)
    assert 'id="summary"' in page and 'id="toc"' in page
    for section in comparison.new.sections:
        assert f'data-target="s-{section.id}"' in page
    assert 'id="view-inline"' in page and 'id="view-sbs"' in page
    for kind in ("modified", "added", "deleted", "split", "merged", "renumbered", "unchanged"):
        assert f'name="kind" value="{kind}"' in page
    for nature in ("substantive", "citation", "editorial"):
        assert f'name="nature" value="{nature}"' in page
    assert "@media print" in page


def test_the_sidebar_names_sections_by_their_call_or_label() -> None:
    import doctest

    from revdiff.render import html

    assert doctest.testmod(html).failed == 0
    page = render_html(seed_comparison())
    assert ">invites the Director of TSB…</a>" in page
    # The whole heading stays in the body and in the entry's tooltip.
    heading = "invites the Director of the Telecommunication Standardization Bureau, in collab"
    assert f"<h3>{heading}" in page and f'title="{heading}' in page


def test_only_sections_with_changes_are_links_until_unchanged_clauses_are_shown() -> None:
    comparison = seed_comparison()
    page = render_html(comparison)
    changed_sections = {
        (change.new or change.old)[0].section_id
        for change in comparison.changes
        if change.is_change
    }
    for section in comparison.new.sections:
        linked = f'<a href="#s-{section.id}" data-target="s-{section.id}"' in page
        assert linked == (section.id in changed_sections), section.id
        assert f'<section class="sec" id="s-{section.id}"' in page


def test_rendering_is_deterministic() -> None:
    assert render_html(sample_comparison()) == render_html(sample_comparison())
    assert render_comparison(sample_comparison(), "html") == render_html(sample_comparison())


def test_identical_versions_render_a_page_with_no_changes_shown_by_default() -> None:
    page = render_html(identical_comparison())
    assert check_page(page).problems == []
    assert 'data-kind="unchanged"' in page
    assert "<del>" not in page and "<ins>" not in page


_TEXT = st.text(alphabet=st.sampled_from(list("ab 1.-*_~<>&\"'|`\u00a0\t")), min_size=1, max_size=8)
_EDITS = st.lists(
    st.tuples(st.sampled_from([EditOp.EQUAL, EditOp.DELETE, EditOp.INSERT]), _TEXT),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(_EDITS)
def test_inline_runs_rebuild_both_texts_after_parsing(raw: list[tuple[EditOp, str]]) -> None:
    edits = [TextEdit(op, text) for op, text in raw]
    comparison = single_change_comparison(edits)
    parser = _Texts()
    parser.feed(render_html(comparison))
    old = "".join(t for op, t in parser.runs if op != "+")
    new = "".join(t for op, t in parser.runs if op != "-")
    if not comparison.changes[0].is_change:
        return  # an unchanged clause has no inline view

    # Whitespace-only runs are drawn with symbols; compare what is not whitespace or a symbol.
    def visible(s: str) -> str:
        return "".join(ch for ch in s if not ch.isspace() and ch not in "␣⍽⇥↵")

    assert visible(old) == visible("".join(e.text for e in edits if e.op is not EditOp.INSERT))
    assert visible(new) == visible("".join(e.text for e in edits if e.op is not EditOp.DELETE))


def test_whitespace_only_change_is_visible() -> None:
    page = render_html(single_change_comparison([eq("to continue"), de(" "), eq(" developing")]))
    assert '<del title="deleted whitespace">␣</del>' in page
    page = render_html(single_change_comparison([eq("a"), ins("\u00a0"), eq("b")]))
    assert '<ins title="inserted whitespace">⍽</ins>' in page


# --------------------------------------------------------------------------------------------
# Headless Chromium over the DevTools pipe


def _chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """One headless Chromium, spoken to over --remote-debugging-pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        # Our end writes commands to the child's fd 3 and reads answers from its fd 4. The
        # pipe ends are first moved above 9 so that the shell redirections cannot clobber them.
        import fcntl

        def high(fd: int) -> int:
            moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
            os.close(fd)
            return moved

        to_child_r, to_child_w = map(high, os.pipe())
        from_child_r, from_child_w = map(high, os.pipe())
        arguments = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--window-size=1280,1000",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self.log = open(profile / "stderr.log", "wb")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                f'exec "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-',
                "chromium",
                *arguments,
            ],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.writer = to_child_w
        self.reader = from_child_r
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.reader], [], [], ANSWER_WAIT)
            if not ready:
                raise AssertionError(f"Chromium sent nothing for {ANSWER_WAIT:.0f} s")
            chunk = os.read(self.reader, 1 << 16)
            if not chunk:
                raise AssertionError("Chromium closed the DevTools pipe (see its stderr.log)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        result = json.loads(message)
        assert isinstance(result, dict)
        return result

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        while True:
            message = self.receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise AssertionError(f"{method} failed: {message['error']}")
                result = message.get("result", {})
                assert isinstance(result, dict)
                return result
            self.events.append(message)

    def wait_for(self, event: str, session: str) -> None:
        def seen() -> bool:
            return any(
                e.get("method") == event and e.get("sessionId") == session for e in self.events
            )

        while not seen():
            self.events.append(self.receive())

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self.writer)
            os.close(self.reader)
            self.log.close()


class Page:
    """One tab with the report loaded; `problems` lists every error it reported."""

    def __init__(self, browser: Chromium, path: Path, *, javascript: bool = True) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        self.first_event = len(browser.events)
        for domain in ("Runtime", "Log", "Page", "Network"):
            browser.call(f"{domain}.enable", session=self.session)
        if not javascript:
            browser.call(
                "Emulation.setScriptExecutionDisabled", {"value": True}, session=self.session
            )
        self.url = path.resolve().as_uri()
        browser.call("Page.navigate", {"url": self.url}, session=self.session)
        browser.wait_for("Page.loadEventFired", self.session)

    def own_events(self) -> list[dict[str, Any]]:
        return [
            e for e in self.browser.events[self.first_event :] if e.get("sessionId") == self.session
        ]

    @property
    def problems(self) -> list[str]:
        found = []
        for event in self.own_events():
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {json.dumps(params.get('exceptionDetails'))[:400]}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "warning",
                "assert",
            ):
                found.append(f"console.{params['type']}: {json.dumps(params.get('args'))[:400]}")
            elif method == "Log.entryAdded" and params["entry"].get("level") in (
                "error",
                "warning",
            ):
                found.append(f"log: {params['entry'].get('text')}")
        return found

    @property
    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.own_events()
            if e.get("method") == "Network.requestWillBeSent"
        ]

    def evaluate(self, expression: str) -> Any:
        result = self.browser.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True},
            session=self.session,
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self.browser.call("Page.captureScreenshot", {"format": "png"}, session=self.session)[
            "data"
        ]
        return base64.b64decode(data)

    def emulate_print(self) -> None:
        self.browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=self.session)

    def set_width(self, width: int) -> None:
        """Lay the page out as a window `width` CSS pixels wide (a phone held upright)."""
        self.browser.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=self.session,
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = _chromium_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: scripts/test must install Debian's chromium")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="revdiff-chromium-") as profile:
        chromium = Chromium(binary, Path(profile))
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(_browser_comparison()), encoding="utf-8")
    return path


def _browser_comparison() -> Any:
    """The seed comparison: real Res 84 texts through every stage."""
    return seed_comparison()


def _png_colours(png: bytes) -> int:
    """How many distinct colours the PNG has (matplotlib decodes it)."""
    import numpy as np
    from matplotlib import image

    pixels = image.imread(io.BytesIO(png), format="png")
    flat = pixels.reshape(-1, pixels.shape[-1])
    return len(np.unique(flat, axis=0))


def test_report_renders_in_chromium_without_errors_and_fetches_nothing(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file)
    assert page.problems == []
    assert page.requests == [page.url]
    assert page.evaluate("document.body.dataset.ready") == "true"
    assert page.evaluate("document.getElementById('controls').hidden") is False
    png = page.screenshot()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert _png_colours(png) > 10  # text, markers, red and green runs: not a blank page


def test_filters_hide_and_show_changes(browser: Chromium, report_file: Path) -> None:
    page = Page(browser, report_file)
    total = page.evaluate("document.querySelectorAll('article.change').length")
    unchanged = page.evaluate("document.querySelectorAll('article[data-kind=unchanged]').length")
    shown = int(page.evaluate("document.body.dataset.shown"))
    assert shown == total - unchanged  # unchanged clauses start hidden
    page.evaluate("document.querySelector('input[name=kind][value=unchanged]').click(); 0")
    assert int(page.evaluate("document.body.dataset.shown")) == total
    page.evaluate(
        "document.querySelectorAll('input[name=kind]')"
        ".forEach(b => { if (b.checked) b.click(); }); 0"
    )
    assert int(page.evaluate("document.body.dataset.shown")) == 0
    assert page.evaluate("document.querySelectorAll('section.sec:not(.filtered)').length") == 0
    assert page.problems == []


def test_nature_filter_keeps_only_changes_of_a_checked_nature(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file)
    page.evaluate(
        "document.querySelectorAll('input[name=nature]').forEach(b => {"
        " if (b.value !== 'citation' && b.checked) b.click(); }); 0"
    )
    visible = page.evaluate(
        "Array.from(document.querySelectorAll('article.change:not(.filtered)'))"
        ".map(a => a.dataset.nature)"
    )
    assert visible, "the report should have at least one citation change"
    assert all(nature == "" or "citation" in nature.split() for nature in visible)


def test_side_by_side_view_shows_old_and_new_columns(browser: Chromium, report_file: Path) -> None:
    page = Page(browser, report_file)
    script = "getComputedStyle(document.querySelector('article.changed .{0}')).display"
    assert page.evaluate(script.format("inline")) != "none"
    assert page.evaluate(script.format("sbs")) == "none"
    page.evaluate("document.getElementById('view-sbs').click(); 0")
    assert page.evaluate(script.format("inline")) == "none"
    assert page.evaluate(script.format("sbs")) == "grid"
    old_side = page.evaluate("document.querySelector('article.changed .side.old').innerHTML")
    new_side = page.evaluate("document.querySelector('article.changed .side.new').innerHTML")
    assert "<ins" not in old_side and "<del" not in new_side
    assert page.problems == []


def test_without_javascript_every_clause_is_readable_inline(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file, javascript=False)
    assert page.problems == []
    assert page.evaluate("getComputedStyle(document.getElementById('controls')).display") == "none"
    assert page.evaluate("document.querySelectorAll('article.change.filtered').length") == 0
    assert page.evaluate(
        "Array.from(document.querySelectorAll('article.change'))"
        ".every(a => getComputedStyle(a).display !== 'none')"
    )


def test_print_hides_navigation_and_filters_and_shows_every_clause(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file)
    assert int(page.evaluate("document.querySelectorAll('article.change.filtered').length")) > 0
    page.emulate_print()
    assert page.evaluate("getComputedStyle(document.querySelector('aside')).display") == "none"
    assert page.evaluate(
        "Array.from(document.querySelectorAll('article.change'))"
        ".every(a => getComputedStyle(a).display !== 'none')"
    )
    assert page.problems == []


def test_control_characters_are_made_visible() -> None:
    page = render_html(control_comparison())
    assert not has_control(page)
    assert "esc␛[2J csi\ufffd31m" in page


NARROW = 420  # CSS pixels: a phone held upright


def _overflowing(page: Page) -> list[str]:
    """The elements that stick out past the right edge of the window, for the failure message."""
    value = page.evaluate(
        "Array.from(document.querySelectorAll('body *'))"
        f".filter(e => e.getBoundingClientRect().right > {NARROW} + 0.5)"
        ".slice(0, 10).map(e => e.tagName + '.' + e.className)"
    )
    assert isinstance(value, list)
    return [str(v) for v in value]


@pytest.mark.parametrize(
    "setup",
    [
        "0",
        "document.querySelector('input[name=kind][value=unchanged]').click(); 0",
        "document.querySelector('input[name=kind][value=unchanged]').click();"
        " document.getElementById('view-sbs').click(); 0",
    ],
    ids=["changes", "every-clause", "side-by-side"],
)
def test_no_horizontal_scroll_at_420_pixels(
    browser: Chromium, report_file: Path, setup: str
) -> None:
    page = Page(browser, report_file)
    page.set_width(NARROW)
    page.evaluate(setup)
    assert page.evaluate("window.innerWidth") == NARROW
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW, f"scrollWidth {width} at {NARROW} px: {_overflowing(page)}"
    assert page.problems == []


def test_no_horizontal_scroll_at_420_pixels_with_long_ids_and_headings(
    browser: Chromium, tmp_path: Path
) -> None:
    path = tmp_path / "sample.html"
    path.write_text(render_html(sample_comparison()), encoding="utf-8")
    page = Page(browser, path, javascript=False)  # every clause shown
    page.set_width(NARROW)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW, f"scrollWidth {width} at {NARROW} px: {_overflowing(page)}"


def test_sidebar_links_lead_to_sections_that_are_shown(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file)
    dead = (
        "Array.from(document.querySelectorAll('nav a[href^=\"#\"]'))"
        ".filter(a => { const t = document.getElementById(a.getAttribute('href').slice(1));"
        " return !t || t.getClientRects().length === 0; }).map(a => a.textContent)"
    )
    links = "document.querySelectorAll('nav a[href]').length"
    entries = "document.querySelectorAll('nav a').length"
    assert page.evaluate(dead) == []
    assert 1 < page.evaluate(links) < page.evaluate(entries)  # unchanged sections: not links
    page.evaluate("document.querySelector('input[name=kind][value=unchanged]').click(); 0")
    assert page.evaluate(dead) == []
    assert page.evaluate(links) == page.evaluate(entries)  # every section is shown now
    page.evaluate(
        "document.querySelectorAll('input[name=kind]')"
        ".forEach(b => { if (b.checked) b.click(); }); 0"
    )
    assert page.evaluate(dead) == [] and page.evaluate(links) == 1  # Metadata only


def test_print_keeps_strike_through_underline_and_colours(
    browser: Chromium, report_file: Path
) -> None:
    page = Page(browser, report_file)
    page.emulate_print()
    style = "getComputedStyle(document.querySelector('article.changed .inline {0}'))"
    for tag, line in (("del", "line-through"), ("ins", "underline")):
        assert line in page.evaluate(style.format(tag) + ".textDecorationLine"), tag
        assert page.evaluate(style.format(tag) + ".printColorAdjust") == "exact", tag
    assert page.evaluate(style.format("del") + ".color") == "rgb(170, 0, 0)"
    assert page.evaluate(style.format("ins") + ".color") == "rgb(0, 102, 0)"
    pdf = browser.call("Page.printToPDF", {"printBackground": False}, session=page.session)
    assert base64.b64decode(pdf["data"]).startswith(b"%PDF")
    assert page.problems == []
