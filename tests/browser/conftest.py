"""Headless Chromium (Debian's ``chromium``, driven by Playwright) for the chat page's tests.

Playwright's own browser download cannot work here, so it is pointed at the system Chromium
(``LIFECYCLE_CHROMIUM``, else ``chromium`` on PATH). Without one the tests skip, and fail when CI is
set: ``.ci/run`` installs it. Screenshots go under ``LIFECYCLE_TEST_OUTPUT`` (default ``test-output/``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def chromium_path() -> str:
    found = os.environ.get("LIFECYCLE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        why = "no Chromium: apt-get install -y --no-install-recommends chromium (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {why}", pytrace=False)
        pytest.skip(why)
    return found


@pytest.fixture(scope="module")
def browser():
    """One Chromium per module. Not per session: Playwright's sync API keeps an event loop running in the main
    thread while it is open, and tests after this module call asyncio.run()."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extra")
    executable = chromium_path()
    with playwright_api.sync_playwright() as playwright:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = Path(os.environ.get("LIFECYCLE_TEST_OUTPUT", ROOT / "test-output")) / "chat_page"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
