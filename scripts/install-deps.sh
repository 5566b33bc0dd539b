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
dovecot-imapd
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

# dovecot-imapd is the reference server of tests/conformance, which starts a private instance
# on a free loopback port. The system-wide service that the package would start (ports 143
# and 993) is not wanted: when this run installs Dovecot for the first time, a policy-rc.d
# that refuses service starts (Debian's mechanism, honoured by invoke-rc.d and
# deb-systemd-invoke) is in place during the install, and the service is disabled after it.
# A Dovecot that was installed before is left exactly as it is.
new_dovecot=no
is_installed dovecot-core || new_dovecot=yes
policy=/usr/sbin/policy-rc.d
own_policy=no
if [ "$new_dovecot" = yes ] && [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# written by roost scripts/install-deps.sh during apt-get install\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    own_policy=yes
fi
remove_policy() {
    if [ "$own_policy" = yes ]; then rm -f "$policy"; fi
}
trap remove_policy EXIT

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# shellcheck disable=SC2086  # word splitting of the package list is intended
apt-get install -y --no-install-recommends $missing

if [ "$new_dovecot" = yes ]; then
    echo "install-deps: disabling the system-wide Dovecot service (the tests start their own)"
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
    else
        update-rc.d dovecot disable >/dev/null 2>&1 || true
        # a policy-rc.d that was there before may have let it start
        if [ "$own_policy" = no ] && command -v invoke-rc.d >/dev/null 2>&1; then
            invoke-rc.d dovecot stop >/dev/null 2>&1 || true
        fi
    fi
fi
