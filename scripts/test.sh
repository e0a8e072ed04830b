#!/usr/bin/env bash
# Install everything the tests need and run the whole suite. Used by the README and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests use for real: Qt's libraries, poppler (PDF checks), CUPS with a
# PDF printer, PostgreSQL for the sync server. Installed when we can (root with apt).
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends \
        libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 libcups2 \
        poppler-utils cups printer-driver-cups-pdf postgresql openssl >/dev/null
    # The real window under X with X key events (tests/e2e): Xvfb, a window manager, xdotool,
    # the clipboard for Chinese, screenshots, and the xcb platform plugin's libraries.
    apt-get install -y -qq --no-install-recommends xvfb openbox xdotool xclip imagemagick x11-utils \
        libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0 \
        libxcb-cursor0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
exec .venv/bin/python -m pytest "$@"
