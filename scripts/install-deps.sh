#!/bin/sh
# Installs the Debian 12 packages that building, running and testing Roost need — only those
# that are missing, so that `make build`/`make test`/`make run` can call it every time.
# Extend the list below when a later test needs another package (one package per line).
set -eu

PACKAGES="
g++
make
meson
ninja-build
pkg-config
libuv1-dev
libssl-dev
libsodium-dev
libsqlite3-dev
catch2
python3
curl
isync
fetchmail
ca-certificates
iproute2
"

is_installed() {
    # dpkg-query prints "install ok installed" only for a fully installed package.
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
    [ "$status" = "install ok installed" ]
}

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: dpkg-query not found; this script knows Debian only." >&2
    # shellcheck disable=SC2086  # joins the list onto one line
    echo "install-deps: install by hand:" $PACKAGES >&2
    echo "install-deps: (meson falls back to subprojects/ for libuv and sqlite3; libsodium has no wrap)" >&2
    exit 1
fi

missing=""
for package in $PACKAGES; do
    is_installed "$package" || missing="$missing $package"
done

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages:$missing" >&2
    echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
    exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086  # word splitting of the package list is intended
apt-get install -y --no-install-recommends $missing
