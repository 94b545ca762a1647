#!/usr/bin/env bash
# Two Facilitator windows, two local stores, one team library on a local PostgreSQL,
# editing the same published debrief with the server stopped between the edits.
#
#   Xvfb :99 -screen 0 1280x720x24 &  DISPLAY=:99 bash benchmarks/team_two_apps.sh
#
# Needs xdotool and ImageMagick's `import` (screenshots go to $OUT, default
# /tmp/team-two-apps). Each window is its own process with its own HOME, so its own
# SQLite store, settings and ~/.pgpass; the keychain is not needed. Prints what each
# store and the team library hold at the end, and exits 1 if any edit is missing.
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
APP="$HERE/.venv/bin/facilitator"
PY="$HERE/.venv/bin/python"
OUT="${OUT:-/tmp/team-two-apps}"
export FACILITATOR_PG_PORT="${FACILITATOR_PG_PORT:-5447}"
export FACILITATOR_PG_DIR="${FACILITATOR_PG_DIR:-/tmp/team-two-apps-pg}"
export FACILITATOR_PG_DURABLE=1 # an outage keeps what the server acknowledged
: "${DISPLAY:?start Xvfb and set DISPLAY}"

rm -rf "$OUT" && mkdir -p "$OUT"
bash "$HERE/.ci/postgres" stop
eval "$(bash "$HERE/.ci/postgres" start)"
ADMIN="postgresql://postgres@127.0.0.1:$FACILITATOR_PG_PORT"
TEAM="postgresql+psycopg://%s@127.0.0.1:$FACILITATOR_PG_PORT/team"

step() { printf '\n== %s\n' "$*"; }

step "a team library, owned by postgres, with two editors (ada and ben)"
"$PY" - "$ADMIN" "$HERE" <<'PY'
import sys
from pathlib import Path
from sqlalchemy import create_engine, text
admin, here = sys.argv[1], Path(sys.argv[2])
engine = create_engine(admin.replace("postgresql://", "postgresql+psycopg://") + "/postgres",
                       isolation_level="AUTOCOMMIT")
with engine.connect() as c:
    c.execute(text("DROP DATABASE IF EXISTS team"))
    c.execute(text("CREATE DATABASE team"))
PY
mkdir -p "$OUT/owner"
HOME="$OUT/owner" "$APP" team connect "${TEAM/\%s/postgres}" </dev/null
HOME="$OUT/owner" "$APP" team upgrade # the owner creates the tables
"$PY" - "$ADMIN" "$HERE" <<'PY'
import sys
from pathlib import Path
from sqlalchemy import create_engine, text
admin, here = sys.argv[1], Path(sys.argv[2])
url = admin.replace("postgresql://", "postgresql+psycopg://") + "/team"
raw = create_engine(url, isolation_level="AUTOCOMMIT").raw_connection()
raw.cursor().execute((here / "packaging" / "team-library.sql").read_text(encoding="utf-8"))
raw.close()
with create_engine(url, isolation_level="AUTOCOMMIT").connect() as c:
    for name in ("ada", "ben"):
        c.execute(text(f"DROP ROLE IF EXISTS {name}"))
        c.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{name}-pw' IN ROLE facilitator_editor"))
PY

for who in ada ben; do
    mkdir -p "$OUT/$who"
    echo "127.0.0.1:$FACILITATOR_PG_PORT:team:$who:$who-pw" >"$OUT/$who/.pgpass"
    chmod 600 "$OUT/$who/.pgpass"
    HOME="$OUT/$who" "$APP" team connect "${TEAM/\%s/$who}" </dev/null
done

step "ada adds the sample debrief and publishes it; ben's store brings it down"
ID="$(HOME="$OUT/ada" "$APP" demo | awk '{print $5}')"
HOME="$OUT/ada" "$APP" team publish "$ID"
HOME="$OUT/ben" "$APP" team sync

step "both open it in the app, on the phase 'What we did'"
HOME="$OUT/ada" "$APP" open "$ID" --phase 4 >"$OUT/ada.log" 2>&1 &
ADA=$!
HOME="$OUT/ben" "$APP" open "$ID" --phase 5 >"$OUT/ben.log" 2>&1 &
BEN=$!
trap 'kill $ADA $BEN 2>/dev/null || true; bash "$HERE/.ci/postgres" stop' EXIT
sleep 8

window_of() { xdotool search --all --pid "$1" --onlyvisible --name "Facilitator" | head -1; }
type_in() { # pid x y text: click the field at x,y of that window and type at its end
    local win
    win="$(window_of "$1")"
    xdotool windowraise "$win" windowfocus --sync "$win"
    xdotool mousemove --window "$win" "$2" "$3" click 1
    xdotool key --window "$win" ctrl+End
    xdotool type --window "$win" --delay 30 "$4"
    sleep 1.5
    import -window root "$OUT/$(date +%H%M%S)-$1.png"
}

step "online: ada types in 'Our response'"
type_in "$ADA" 700 420 " [ada-online]"
sleep 3

step "the server stops (an outage: immediate shutdown)"
bash "$HERE/.ci/postgres" halt

step "offline: ben types in 'Impact', ada types again in 'Our response'"
type_in "$BEN" 630 400 " [ben-offline]"
type_in "$ADA" 700 420 " [ada-offline]"
sleep 3
import -window root "$OUT/offline.png"

step "the server is back; both windows sync by themselves"
bash "$HERE/.ci/postgres" resume
sleep 8
import -window root "$OUT/after.png"

step "what each store and the team library hold"
status=0
for who in ada ben; do
    json="$(HOME="$OUT/$who" "$APP" export "$ID" --format json)"
    for marker in ada-online ben-offline ada-offline; do
        if grep -q "\[$marker\]" <<<"$json"; then
            echo "$who's store has [$marker]"
        else
            echo "$who's store LACKS [$marker]"
            status=1
        fi
    done
done
team_json="$(HOME="$OUT/owner" "$APP" --db "${TEAM/\%s/postgres}" export "$ID" --format json)"
for marker in ada-online ben-offline ada-offline; do
    grep -q "\[$marker\]" <<<"$team_json" && echo "the team library has [$marker]" ||
        { echo "the team library LACKS [$marker]"; status=1; }
done
echo "screenshots in $OUT"
exit $status
