#!/usr/bin/env bash
# Profiles one delivery's path: starts the server jar with a JFR recording of every socket, file,
# park and monitor event (0 ms thresholds), sends single-status deliveries from one sender, and
# prints the median start and duration of each step (see docs/design.md, "Webhook ingest").
#   parley-bench/profile/parley-profile.sh [warm-up deliveries] [measured deliveries]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/parley-bench/profile"
WORK="$(mktemp -d /tmp/parley-profile.XXXXXX)"
PORT="${PARLEY_PROFILE_PORT:-18731}"
KEY="profile$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
JAVA_HOME_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"

# the JDK's "profile" settings with the I/O and wait events at a 0 ms threshold
python3 - "$JAVA_HOME_DIR/lib/jfr/profile.jfc" "$WORK/settings.jfc" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
for ev in ["jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite", "jdk.FileForce", "jdk.ThreadPark",
           "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait"]:
    for name, value in (("threshold", "0 ms"), ("enabled", "true")):
        s = re.sub(r'(<event name="%s">.*?<setting name="%s"[^>]*>)[^<]*(</setting>)' % (re.escape(ev), name),
                   lambda m: m.group(1) + value + m.group(2), s, count=1, flags=re.S)
open(sys.argv[2], "w").write(s)
PY

PARLEY_PORT="$PORT" PARLEY_DATA_DIR="$WORK/data" PARLEY_BOOTSTRAP_KEY="$KEY" PARLEY_INIT_DB=true \
  java ${PARLEY_PROFILE_JAVA_OPTS:-} -XX:StartFlightRecording=settings="$WORK/settings.jfc",filename="$WORK/server.jfr",dumponexit=true \
  -jar "$ROOT/parley-server/target/parley.jar" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
uptime
OUT="$(python3 "$HERE/deliveries.py" "$PORT" "$KEY" "${1:-3000}" "${2:-400}" 0.02)"
echo "$OUT"
uptime
kill "$SERVER"; wait "$SERVER" || true
trap - EXIT
java "$HERE/JfrTrace.java" "$WORK/server.jfr" "$WORK/events.tsv"
python3 "$HERE/steps.py" "$WORK/events.tsv" "$(echo "$OUT" | sed -n 's/^measured from \([0-9.]*\) .*/\1/p')"
echo "recording and server log: $WORK"
