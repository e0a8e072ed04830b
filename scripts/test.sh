#!/usr/bin/env bash
# Install everything the tests need and run the whole suite. Used by the README and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests use for real: Qt's libraries, poppler (PDF checks), CUPS with a
# PDF printer, PostgreSQL for the sync server, and for tests/e2e an X server with a window
# manager, X-level keys and clipboard, screenshots and Qt's xcb libraries, and chromium for the
# operator page (no CJK font: the desk must draw Chinese with its own). Installed when we
# can (root with apt).
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
        libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libcups2 \
        poppler-utils cups printer-driver-cups-pdf postgresql openssl \
        xvfb xauth openbox xdotool xclip imagemagick x11-utils \
        libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
        libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 \
        chromium chromium-driver >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# In parallel (pytest-xdist): DESK_TEST_WORKERS processes, 2 by default (-n 0: serially).
# loadgroup keeps the tests marked xdist_group (the .deb build, the hostile intake screen) in one
# worker each.
exec .venv/bin/python -m pytest -n "${DESK_TEST_WORKERS:-2}" --dist loadgroup "$@"
