"""The single report as a PDF, printed with its own print style sheet by headless Chromium
(Debian's ``chromium`` package, or any Chrome/Chromium named by ``ORGSOCIAL_CHROMIUM``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from orgsocial.errors import OrgsocialError

#: The environment variable naming a Chrome or Chromium program.
BROWSER_VARIABLE = "ORGSOCIAL_CHROMIUM"
#: Programs tried in this order when the variable is not set.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "--pdf needs Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) or set "
    f"{BROWSER_VARIABLE} to a Chrome or Chromium program; the HTML reports were written"
)


class PdfEngineMissing(OrgsocialError):
    """No Chromium to print with."""


def find_browser() -> str | None:
    """The Chromium to print with: ``$ORGSOCIAL_CHROMIUM``, else the first on the PATH."""
    named = os.environ.get(BROWSER_VARIABLE, "").strip()
    if named:
        return shutil.which(named)
    return next((found for n in BROWSER_NAMES if (found := shutil.which(n))), None)


def print_command(browser: str, source: Path, target: Path, profile: Path) -> list[str]:
    """The headless Chromium command that prints ``source`` to ``target``."""
    command = [
        browser,
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        f"--print-to-pdf={target}",
        source.resolve().as_uri(),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # Chromium's sandbox refuses root
        command.insert(1, "--no-sandbox")
    return command


def html_to_pdf(source: Path, target: Path, timeout: int = 300) -> Path:
    """Print the HTML file ``source`` to ``target`` (written whole or not at all).

    Raises
    ------
    PdfEngineMissing
        No Chromium is installed (the message says how to install one).
    OrgsocialError
        Chromium ran but wrote no PDF (its last words are in the message).
    """
    browser = find_browser()
    if browser is None:
        if named := os.environ.get(BROWSER_VARIABLE, "").strip():
            raise PdfEngineMissing(
                f"--pdf needs Chromium, but {BROWSER_VARIABLE} names {named!r}, which is not a "
                "program here: point it to a Chrome or Chromium program, or unset it and "
                "install Chromium (Debian/Ubuntu: sudo apt-get install chromium); the HTML "
                "reports were written"
            )
        raise PdfEngineMissing(INSTALL_HINT)
    temporary = target.with_name(f".{target.name}.tmp")
    with tempfile.TemporaryDirectory(prefix="orgsocial-pdf-") as profile:
        command = print_command(browser, source, temporary, Path(profile))
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            temporary.unlink(missing_ok=True)
            raise OrgsocialError(f"{target}: Chromium took more than {timeout} s") from None
    written = temporary.is_file() and temporary.read_bytes()[:5] == b"%PDF-"
    if not written:
        temporary.unlink(missing_ok=True)
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise OrgsocialError(f"{target}: Chromium wrote no PDF ({last[0]})")
    os.replace(temporary, target)
    return target
