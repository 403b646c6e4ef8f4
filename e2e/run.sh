#!/usr/bin/env bash
# `make e2e`: the bot in local mode plus Microsoft 365 Agents Playground (a Teams-like web client that is
# also the Bot Connector for the bot's replies), driven in headless Chromium by e2e/drive.mjs, which
# asserts on what is rendered, then e2e/check_store.py checks the store (feedback, the reported case, the
# forwarded question answered, the outbox all delivered). Screenshots and logs: e2e/shots/ (git-ignored); FAILED.png on failure.
#
# Phase 1 (needs the package registries once): Debian chromium, .venv and node_modules.
# Phase 2 (`run.sh --scenario`, needs no network): in a network namespace with only loopback when
# `unshare -n` is permitted, else on the host network. Both servers are always stopped (trap).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [ "${1:-}" != "--scenario" ]; then
  # Chromium, and a colour emoji font so the cards' icons (verdict badges, 👍) render as in Teams.
  if [ ! -x /usr/bin/chromium ] || [ ! -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
    echo "e2e: installing Debian chromium and fonts-noto-color-emoji"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-color-emoji
  fi
  make --no-print-directory setup node
  if unshare -n true 2>/dev/null; then
    echo "e2e: running in a network namespace with only loopback (unshare -n)"
    exec unshare -n "$0" --scenario
  fi
  echo "e2e: unshare -n is not permitted here: running on the host network" >&2
  exec "$0" --scenario
fi

# ---- phase 2: the scenario -------------------------------------------------------------------------
ip link set lo up 2>/dev/null || true # a fresh namespace starts with loopback down

# The playground's tenant (e2e/playground.yml), allowed and hosting De Breul only: no school choice.
TENANT=00000000-0000-0000-0000-0000000000001
# The playground's current user (e2e/playground.yml) is De Breul's leader, by Entra object id.
# That one user plays pupil and leader at a driver's pace (about 25 turns a minute in the report and question
# flows): the per-user limit (20 a minute by default) would refuse a later press. One person at human pace
# stays well under it.
RATE_LIMIT=120
LEADERS='{"de-breul": {"00000000-0000-0000-0000-0000000000020": "Sanne de Vries"}}'
SHOTS=$ROOT/e2e/shots
WORK=$(mktemp -d /tmp/magdit-e2e.XXXXXX)
rm -rf "$SHOTS" && mkdir -p "$SHOTS"

PIDS=()
stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_ports() { # three distinct free loopback ports (all bound at once, then released)
  "$ROOT/.venv/bin/python" -c 'import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))'
}
fail() {
  echo "e2e: FAILED: $*" >&2
  for log in bot.log proxy.log playground.out; do
    echo "---- tail of e2e/shots/$log" >&2
    tail -n 30 "$SHOTS/$log" >&2 || true
  done
  exit 1
}

read -r BOT_PORT PROXY_PORT PG_PORT < <(free_ports)

# Only De Breul's rules (and the shared lexicon, catalogue, safety signals, English glossary and learned models): the
# scenario is De Breul's, and other schools' files being edited must not stop it (the unit tests and
# `python -m bot rules check` guard those).
mkdir -p "$WORK/rules"
cp rules/de-breul.yaml rules/lexicon.yaml "$WORK/rules/"
cp -R rules/safety rules/english rules/catalogue "$WORK/rules/"
find rules -maxdepth 1 -type f ! -name '*.yaml' -exec cp {} "$WORK/rules/" \;

DATABASE_URL="sqlite:///$WORK/magdit.sqlite3"
# What the client must render: the bot's Dutch texts and the engine's answers (checks the facts too).
"$ROOT/.venv/bin/python" "$ROOT/e2e/expected.py" "$WORK/rules" >"$WORK/expected.json" ||
  fail "e2e/expected.py: the rules do not give the answers the scenario is about"

# The bot runs from the temp dir so a developer's ./.env cannot change it; every setting it needs is here.
(
  cd "$WORK"
  exec env DANGEROUSLY_ALLOW_UNAUTHENTICATED_LOCAL_DEV=true MicrosoftAppId= HOST=127.0.0.1 PORT="$BOT_PORT" \
    ALLOWED_TENANT_IDS="$TENANT" TENANT_SCHOOLS="$TENANT=de-breul" \
    DATABASE_URL="$DATABASE_URL" RULES_DIR="$WORK/rules" GRAPH_ENABLED=false LOG_LEVEL=INFO LEADERS="$LEADERS" \
    RATE_LIMIT_MESSAGES="$RATE_LIMIT" \
    "$ROOT/.venv/bin/python" "$ROOT/app.py"
) >"$SHOTS/bot.log" 2>&1 &
BOT_PID=$!
PIDS+=("$BOT_PID")

# Between playground and bot, both ways: a Dutch user (the playground always says en-US), and no typing
# activities in channel threads (the playground's client crashes on them). See the file.
node "$ROOT/e2e/teams_proxy.mjs" "$PROXY_PORT" "http://127.0.0.1:$BOT_PORT" "http://127.0.0.1:$PG_PORT" \
  >"$SHOTS/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")

# --disable-telemetry stops its events; APPLICATION_INSIGHTS_NO_STATSBEAT stops the SDK's own start-up calls.
(
  cd "$WORK"
  exec env APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none \
    M365_AGENTS_PLAYGROUND_CONFIG_PATH="$ROOT/e2e/playground.yml" \
    M365_AGENTS_PLAYGROUND_LOGFILE="$SHOTS/playground.log" \
    M365_AGENTS_PLAYGROUND_RECORDING_FILE="$SHOTS/events-recording.log" \
    node "$ROOT/node_modules/@microsoft/m365agentsplayground/cli.js" \
    --app-endpoint "http://127.0.0.1:$PROXY_PORT/api/messages" --service-url "http://127.0.0.1:$PROXY_PORT/_connector" \
    --channel-id msteams --port "$PG_PORT" \
    --disable-telemetry --enable-events-recording
) >"$SHOTS/playground.out" 2>&1 &
PG_PID=$!
PIDS+=("$PG_PID")

# Wait for both (about 2 s). The playground silently takes another port when its port is busy: read it.
LISTEN=
for _ in $(seq 100); do
  kill -0 "$BOT_PID" 2>/dev/null || fail "the bot exited"
  kill -0 "$PROXY_PID" 2>/dev/null || fail "the proxy exited"
  kill -0 "$PG_PID" 2>/dev/null || fail "the playground exited"
  [ -n "$LISTEN" ] || LISTEN=$(sed -n 's/^Listening on \([0-9]*\)$/\1/p' "$SHOTS/playground.out" | head -n 1)
  if [ -n "$LISTEN" ] && curl -sf "http://127.0.0.1:$LISTEN/_debug/ping" >/dev/null &&
    curl -sf "http://127.0.0.1:$BOT_PORT/readyz" >/dev/null && grep -q '^Proxy listening' "$SHOTS/proxy.log"; then
    break
  fi
  sleep 0.2
done
[ -n "$LISTEN" ] || fail "the playground did not say where it listens"
grep -q '^Proxy listening' "$SHOTS/proxy.log" || fail "the proxy did not start on port $PROXY_PORT"
curl -sf "http://127.0.0.1:$BOT_PORT/readyz" >/dev/null || fail "the bot is not ready on port $BOT_PORT"
curl -sf "http://127.0.0.1:$LISTEN/_debug/ping" >/dev/null || fail "the playground does not answer on $LISTEN"
# It takes another port silently when its port is busy; the proxy would then pass the bot's replies to
# the wrong place.
[ "$LISTEN" = "$PG_PORT" ] || fail "the playground took port $LISTEN instead of $PG_PORT (busy?): run again"
echo "e2e: bot on 127.0.0.1:$BOT_PORT, playground on 127.0.0.1:$LISTEN"

node "$ROOT/e2e/drive.mjs" "http://127.0.0.1:$LISTEN/" "$SHOTS" "$WORK/expected.json" ||
  fail "the driver failed (see e2e/shots/FAILED.png)"
! grep -q '^BOT ERROR' "$SHOTS/proxy.log" || fail "the bot answered an activity with an error status"
! grep -q ' rate limited ' "$SHOTS/bot.log" || fail "the bot refused a turn as rate limited (RATE_LIMIT above)"
CASE=$(cat "$SHOTS/case-number.txt" 2>/dev/null) || fail "the driver wrote no case number"
QUESTION=$(cat "$SHOTS/question-number.txt" 2>/dev/null) || fail "the driver wrote no question number"
MESSAGE_CASE=$(cat "$SHOTS/message-case-number.txt" 2>/dev/null) || fail "the driver wrote no Meld dit bericht case"
"$ROOT/.venv/bin/python" "$ROOT/e2e/check_store.py" "$DATABASE_URL" "$CASE" "$QUESTION" "$MESSAGE_CASE" ||
  fail "the store does not hold what the client did (feedback, case $CASE, question $QUESTION, case $MESSAGE_CASE)"
echo "e2e: OK, screenshots in e2e/shots/"
