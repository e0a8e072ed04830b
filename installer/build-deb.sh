#!/usr/bin/env bash
# Build the Desk bundle with PyInstaller and wrap it in a .deb:
#   /opt/desk/                     the one-folder bundle (desk, desk-server when present, _internal/)
#   /usr/bin/desk                  -> /opt/desk/desk
#   /usr/share/applications/desk.desktop, hicolor icons
#   /usr/lib/systemd/user/desk-sync.{service,timer}   nightly `desk sync` (02:30)
#
# usage: installer/build-deb.sh [--python PY] [--out DIR]
#   --python PY  a Python in which desk and pyinstaller are installed (default: make build/venv
#                and pip install the project with its `build` extra into it)
#   --out DIR    where the .deb goes (default: dist/)
# Build on the OLDEST distribution you install on (glibc is not backward compatible): a bundle
# made on Debian 12 needs glibc 2.36; for UOS 20 / Kylin V10 build in a Debian 10 container.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY=""
OUT="$ROOT/dist"
while [ $# -gt 0 ]; do
    case "$1" in
        --python) PY="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        *) echo "usage: $0 [--python PY] [--out DIR]" >&2; exit 2 ;;
    esac
done
BUILD="$ROOT/build"
mkdir -p "$BUILD" "$OUT"
start=$(date +%s)

if [ -z "$PY" ]; then
    if [ ! -x "$BUILD/venv/bin/python" ]; then
        python3 -m venv "$BUILD/venv"
        "$BUILD/venv/bin/python" -m pip install -q --upgrade pip
    fi
    extras="build"
    # The central server's own dependencies, when this tree has the server (desk-server).
    if grep -q '^server = \[' "$ROOT/pyproject.toml"; then extras="build,server"; fi
    "$BUILD/venv/bin/python" -m pip install -q -e "$ROOT[$extras]"
    PY="$BUILD/venv/bin/python"
fi

VERSION="$("$PY" -c 'import desk; print(desk.__version__)')"
ARCH="$(dpkg --print-architecture)"

echo "== PyInstaller bundle (desk $VERSION)"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$BUILD/dist" --workpath "$BUILD/pyinstaller" \
    "$ROOT/installer/desk.spec"
BUNDLE="$BUILD/dist/desk"
[ -x "$BUNDLE/desk" ] || { echo "build-deb: PyInstaller made no $BUNDLE/desk" >&2; exit 1; }

echo "== package tree"
PKG="$BUILD/deb/desk_${VERSION}_${ARCH}"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/lib/systemd/user" "$PKG/usr/share/doc/desk"
cp -al "$BUNDLE" "$PKG/opt/desk"  # hard links: no 250 MB copy
ln -s /opt/desk/desk "$PKG/usr/bin/desk"
if [ -x "$BUNDLE/desk-server" ]; then
    ln -s /opt/desk/desk-server "$PKG/usr/bin/desk-server"
    mkdir -p "$PKG/usr/share/doc/desk/server"
    cp "$ROOT/installer/server/desk-server.service" "$ROOT/installer/server/desk-server.env.example" \
        "$PKG/usr/share/doc/desk/server/"
fi
install -m 644 "$ROOT/installer/linux/desk.desktop" "$PKG/usr/share/applications/desk.desktop"
for size in 16 24 32 48 64 128 256 512; do
    dir="$PKG/usr/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    install -m 644 "$ROOT/resources/icons/desk-$size.png" "$dir/desk.png"
done
mkdir -p "$PKG/usr/share/icons/hicolor/scalable/apps"
install -m 644 "$ROOT/resources/icons/desk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/desk.svg"
install -m 644 "$ROOT/installer/linux/desk-sync.service" "$ROOT/installer/linux/desk-sync.timer" \
    "$PKG/usr/lib/systemd/user/"
install -m 644 "$ROOT/installer/README.md" "$PKG/usr/share/doc/desk/README.md"
install -m 644 "$ROOT/resources/fonts/wqy-microhei.LICENSE.txt" "$PKG/usr/share/doc/desk/"
install -m 755 "$ROOT/installer/linux/postinst" "$ROOT/installer/linux/prerm" "$PKG/DEBIAN/"

# Qt's platform plugins load these from the system (PyInstaller bundles the rest).
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: desk
Version: $VERSION
Architecture: $ARCH
Maintainer: Desk maintainers <desk@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk "$PKG" | cut -f1)
Depends: libc6 (>= 2.28), libegl1, libgl1, libfontconfig1, libglib2.0-0 | libglib2.0-0t64, libxkbcommon0,
 libdbus-1-3, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-render-util0, libxcb-shape0, libxcb-xkb1
Recommends: libcups2
Homepage: https://example.invalid/desk
Description: 全岗接待台 Desk - reception desk for community service stations
 Front-desk work orders for community party-mass service stations: visits with several
 matters, dispatch to departments, deadlines on the Chinese working calendar, callbacks,
 slips and reports, on a local SQLite file synced nightly with a central server.
CONTROL

DEB="$OUT/desk_${VERSION}_${ARCH}.deb"
# gzip: readable by the dpkg of every target (zstd is not before dpkg 1.21.18). xz makes the
# package a sixth smaller (99 MB against 120 MB) for five times the CPU (2.6 min): DESK_DEB_COMPRESSION=xz.
# The installer test uses `none`.
dpkg-deb --root-owner-group -Z"${DESK_DEB_COMPRESSION:-gzip}" --build "$PKG" "$DEB" >/dev/null
end=$(date +%s)
echo "== $DEB ($(du -h "$DEB" | cut -f1); bundle $(du -sh "$BUNDLE" | cut -f1); $((end - start)) s)"
