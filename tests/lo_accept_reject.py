"""LibreOffice's verdict on a redline: accept all, reject all, export to PDF.

Run with Debian's Python, which has python3-uno (not the project's virtualenv):

    /usr/bin/python3 tests/lo_accept_reject.py OUT_DIR REDLINE.docx [REDLINE.docx …]

(a path written ``accept-only:PATH`` is only loaded and read once, with its changes accepted:
for a base document to compare with)

Starts one private headless soffice (fresh user profile, a pipe of its own). For each redline:
loads it, dispatches .uno:AcceptAllTrackedChanges, reads every paragraph's text (table cells
included; footnote and comment anchors are not text); the same with
.uno:RejectAllTrackedChanges; then loads it once more, counts its tracked changes by type and
exports it as OUT_DIR/<name>.pdf. Prints one JSON object on stdout: {name: result}. soffice is
always terminated, and killed with its process group if it does not quit.

LibreOffice 7.4 fails to load, through UNO, a .docx that carries comments (the document comes
back empty or soffice aborts; ``--convert-to`` loads the same file fine), so the tests give this
script redlines built without comments and convert the commented ones with ``--convert-to``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_SECONDS = 90
SKIPPED_PORTIONS = {"Footnote", "Annotation", "AnnotationEnd", "Bookmark", "SoftPageBreak"}


def prop(name: str, value: object) -> PropertyValue:
    value_holder = PropertyValue()
    value_holder.Name = name
    value_holder.Value = value
    return value_holder


def connect(pipe: str, process: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None:
                status = process.returncode
                raise RuntimeError(f"soffice exited early with status {status}") from None
            if time.monotonic() > deadline:
                raise RuntimeError("soffice did not accept a connection in time") from None
            time.sleep(0.25)


def paragraph_text(paragraph: object) -> str:
    parts = []
    for portion in iterate(paragraph):
        kind = portion.TextPortionType
        if kind in SKIPPED_PORTIONS:
            continue
        parts.append(portion.getString())
    return "".join(parts)


def iterate(container: object) -> list[object]:
    enumeration = container.createEnumeration()
    items = []
    while enumeration.hasMoreElements():
        items.append(enumeration.nextElement())
    return items


def text_paragraphs(text: object) -> list[str]:
    out = []
    for element in iterate(text):
        if element.supportsService("com.sun.star.text.Paragraph"):
            out.append(paragraph_text(element))
        elif element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                out.extend(text_paragraphs(element.getCellByName(name).getText()))
    return out


def check(
    desktop: object, dispatcher: object, source: Path, pdf: Path, *, accept_only: bool = False
) -> dict[str, object]:
    url = source.as_uri()
    result: dict[str, object] = {}
    views = (
        ("accept", ".uno:AcceptAllTrackedChanges"),
        ("reject", ".uno:RejectAllTrackedChanges"),
    )
    for view, command in views[:1] if accept_only else views:
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if document is None:
            raise RuntimeError(f"LibreOffice could not load {source}")
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        result[view] = text_paragraphs(document.getText())
        result[f"{view}_left"] = document.getRedlines().getCount()
        document.close(True)
    if accept_only:
        return result
    document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    kinds: dict[str, int] = {}
    for redline in iterate(document.getRedlines()):
        kind = str(redline.RedlineType)
        kinds[kind] = kinds.get(kind, 0) + 1
    result["redline_types"] = kinds
    document.storeToURL(pdf.as_uri(), (prop("FilterName", "writer_pdf_Export"),))
    document.close(True)
    result["pdf_bytes"] = pdf.stat().st_size if pdf.exists() else 0
    return result


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]).resolve()
    sources = [
        (Path(a.removeprefix("accept-only:")).resolve(), a.startswith("accept-only:"))
        for a in argv[2:]
    ]
    profile = Path(tempfile.mkdtemp(prefix="revdiff-lo-profile-"))
    pipe = "revdiff_" + uuid.uuid4().hex
    process = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    desktop = None
    try:
        context = connect(pipe, process)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        results = {
            source.name: check(
                desktop,
                dispatcher,
                source,
                out_dir / (source.stem + ".pdf"),
                accept_only=accept_only,
            )
            for source, accept_only in sources
        }
        sys.stdout.write(json.dumps(results, ensure_ascii=False))
        return 0
    finally:
        if desktop is not None:
            # The bridge dies with soffice; it is killed below anyway.
            with contextlib.suppress(Exception):
                desktop.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
