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
        poppler-utils cups printer-driver-cups-pdf postgresql openssl \
        chromium chromium-driver fonts-hanazono >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
exec .venv/bin/python -m pytest "$@"
