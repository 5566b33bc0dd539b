#!/bin/sh
# `make run`: a demo user whose INBOX holds the message corpus, then roostd in the foreground
# with the embedded default config (state under $ROOST_HOME, default ./var).
set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${ROOST_BUILD:-$ROOT/build}
ROOSTD=$BUILD/src/server/roostd
ROOSTADM=$BUILD/src/adm/roostadm
ROOST_HOME=${ROOST_HOME:-$ROOT/var}
mkdir -p "$ROOST_HOME"
ROOST_HOME=$(cd "$ROOST_HOME" && pwd)
export ROOST_HOME

DEMO_USER=demo@example.com
PASSWORD_FILE=$ROOST_HOME/demo-password
# The embedded default mail_location is maildir:HOME/mail/%d/%n/Maildir.
MAILDIR=$ROOST_HOME/mail/example.com/demo/Maildir
FILLED_MARKER=$ROOST_HOME/demo-inbox-filled

for program in "$ROOSTD" "$ROOSTADM"; do
    if [ ! -x "$program" ]; then
        echo "run-demo: $program is missing; run 'make build' first" >&2
        exit 1
    fi
done

user_exists() {
    "$ROOSTADM" user list | awk -v name="$DEMO_USER" 'tolower($1) == name { found = 1 } END { exit !found }'
}

# The password is kept so that every run prints the same credentials.
if [ -s "$PASSWORD_FILE" ]; then
    password=$(cat "$PASSWORD_FILE")
    fresh_password=no
else
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    fresh_password=yes
fi

if user_exists; then
    if [ "$fresh_password" = yes ]; then
        printf '%s\n' "$password" | "$ROOSTADM" user passwd "$DEMO_USER" --password-stdin
    fi
else
    printf '%s\n' "$password" | "$ROOSTADM" user add "$DEMO_USER" --password-stdin
fi
(umask 077 && printf '%s\n' "$password" > "$PASSWORD_FILE")

# Fill the INBOX once, the way a delivery agent does (tmp/, then rename into new/).
if [ ! -e "$FILLED_MARKER" ]; then
    if [ -d "$ROOT/../shared/corpus" ]; then
        CORPUS=$(cd "$ROOT/../shared/corpus" && pwd)
    else
        CORPUS=$ROOT/tests/data/corpus
    fi
    python3 "$ROOT/scripts/fill-maildir.py" "$MAILDIR" "$CORPUS"
    touch "$FILLED_MARKER"
fi

cat <<INFO

Roost demo (state in $ROOST_HOME)
  user:      $DEMO_USER
  password:  $password
  IMAP:      127.0.0.1:10143 (STARTTLS)    IMAPS: 127.0.0.1:10993
  POP3:      127.0.0.1:10110 (STLS)        POP3S: 127.0.0.1:10995
  The certificate is self-signed (curl needs -k; mail clients ask to accept it).

Try, from another terminal:
  curl -k --ssl-reqd 'imap://127.0.0.1:10143/INBOX;UID=1' -u '$DEMO_USER:$password'
  curl -k pop3s://127.0.0.1:10995/ -u '$DEMO_USER:$password'

Starting roostd (Ctrl-C stops it).
INFO

exec "$ROOSTD"
