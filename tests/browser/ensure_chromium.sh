#!/bin/sh
# Make sure a Chromium for the browser tests (tests/browser) is installed.
# Does nothing when /usr/bin/chromium exists; otherwise installs Debian's `chromium` package
# when running as root with apt-get available; otherwise explains why it cannot, and exits 0
# so the rest of `make test` still runs (the browser suite then skips with that reason).
set -u

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ -n "${KINERJA_CHROMIUM:-}" ] && [ -x "$KINERJA_CHROMIUM" ]; then
    echo "Browser tests: using KINERJA_CHROMIUM=$KINERJA_CHROMIUM"
    exit 0
fi

reason=""
if [ "$(id -u)" != "0" ]; then
    reason="not running as root (install it with: sudo apt-get install chromium)"
elif ! command -v apt-get >/dev/null 2>&1; then
    reason="apt-get not found (install a Chromium and set KINERJA_CHROMIUM=/path/to/chromium)"
fi

if [ -z "$reason" ]; then
    echo "Browser tests: $CHROMIUM missing; installing Debian package chromium ..."
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; then
        if [ -x "$CHROMIUM" ]; then
            echo "Browser tests: $("$CHROMIUM" --version 2>/dev/null) installed."
            exit 0
        fi
        reason="apt-get install chromium finished but $CHROMIUM is still missing"
    else
        reason="apt-get update or install failed (see the apt output above)"
    fi
fi

echo "Browser tests: Chromium NOT installed: $reason." >&2
echo "Browser tests: tests/browser will skip unless KINERJA_CHROMIUM or a chromium on PATH exists." >&2
exit 0
