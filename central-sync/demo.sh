#!/usr/bin/env bash
# The whole system on one machine with embedded defaults: central-sync (embedded MQTT broker, SQLite file
# ./data/central.db) and one kiosk-agent on simulated hardware (SQLite file ./data/agent-kiosk-01.db).
# Ctrl-C stops both. Needs only JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

central_jar=central-sync/service/target/central-sync-0.1.0-SNAPSHOT.jar
agent_jar=kiosk-agent/target/kiosk-agent-0.1.0-SNAPSHOT.jar
app_jar=kiosk-app/target/kiosk-app-0.1.0-SNAPSHOT.jar
firmware_jar=firmware-config/cli/target/firmware-config-0.1.0-SNAPSHOT.jar
if [ ! -f "$central_jar" ] || [ ! -f "$agent_jar" ] || [ ! -f "$app_jar" ] || [ ! -f "$firmware_jar" ] || [ -n "$(find . -name '*.java' -newer "$agent_jar" -print -quit)" ]; then
  echo "Building (first run takes a few minutes)…"
  mvn -B -q -ntp package -DskipTests
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

export HTTP_PORT=${HTTP_PORT:-8080}
export AGENT_HTTP_PORT=${AGENT_HTTP_PORT:-8081}
if [ -z "${MQTT_URL:-}" ]; then
  export MQTT_PORT=${MQTT_PORT:-1883}
  if port_busy "$MQTT_PORT"; then
    echo "Port $MQTT_PORT already has an MQTT broker (or something else); the embedded broker will use 11883."
    export MQTT_PORT=11883
  fi
  agent_mqtt=tcp://127.0.0.1:$MQTT_PORT
else
  agent_mqtt=$MQTT_URL
fi
for p in "$HTTP_PORT" "$AGENT_HTTP_PORT"; do
  if port_busy "$p"; then
    echo "Port $p is in use: set HTTP_PORT (central-sync) or AGENT_HTTP_PORT (kiosk-agent) to free ports." >&2
    exit 2
  fi
done

mkdir -p data
: > data/kiosk-app.log
# The web console's first admin and the read-API token: random for this demo unless set, never a built-in default.
export CENTRAL_ADMIN_USER=${CENTRAL_ADMIN_USER:-admin}
export CENTRAL_ADMIN_PASSWORD=${CENTRAL_ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}
export CENTRAL_API_TOKEN=${CENTRAL_API_TOKEN:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
export CENTRAL_SIGNING_KEY=${CENTRAL_SIGNING_KEY:-$PWD/data/command-signing.key}
export KIOSK_COMMAND_KEY=${KIOSK_COMMAND_KEY:-${CENTRAL_SIGNING_KEY%.key}.pub}
export KIOSK_SITE_ID=${KIOSK_SITE_ID:-demo-site}
export KIOSK_ID=${KIOSK_ID:-kiosk-01}
kiosk_login=$KIOSK_SITE_ID.$KIOSK_ID
# The demo kiosk is provisioned as a real one is: firmware-config provision makes its broker login (the password
# file the embedded broker reads, and the kiosk's own 0600 copy of the password) and, when missing, central's
# command-signing key pair (the private key created 0600). Central's own broker login, 'central', gets a password
# of its own on first start (data/mqtt-central.password, 0600).
provisioned=$PWD/data/provisioned/$kiosk_login
if [ -z "${MQTT_URL:-}" ]; then
  keys_dir=$(dirname "$CENTRAL_SIGNING_KEY")
  [ "$(basename "$CENTRAL_SIGNING_KEY")" = command-signing.key ] || keys_dir=$provisioned/central-keys
  if [ ! -s "$provisioned/kiosk/mqtt-password" ]; then
    java -jar "$firmware_jar" provision --site "$KIOSK_SITE_ID" --kiosk "$KIOSK_ID" --out "$provisioned" \
         --central-keys "$keys_dir" > data/provision.log 2>&1 \
      || { echo "firmware-config provision failed:"; cat data/provision.log; exit 1; }
  fi
  export MQTT_KIOSK_PASSWORD_FILE=${MQTT_KIOSK_PASSWORD_FILE:-$provisioned/broker/mosquitto.passwd}
  agent_login=("MQTT_USERNAME=$kiosk_login" "MQTT_PASSWORD=$(cat "$provisioned/kiosk/mqtt-password")")
  login_note="Broker logins: kiosk $kiosk_login (its password: $provisioned/kiosk/mqtt-password), central (data/mqtt-central.password)."
else
  # an external broker: give central MQTT_USERNAME/MQTT_PASSWORD, and the agent AGENT_MQTT_USERNAME/AGENT_MQTT_PASSWORD
  agent_login=("MQTT_USERNAME=${AGENT_MQTT_USERNAME:-}" "MQTT_PASSWORD=${AGENT_MQTT_PASSWORD:-}")
  login_note="Broker: $MQTT_URL (its own logins)."
fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar "$central_jar" > data/central-sync.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  port_busy "$HTTP_PORT" && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "central-sync stopped:"; tail -n 20 data/central-sync.log; exit 1; }
  sleep 0.5
done

env MQTT_URL="$agent_mqtt" "${agent_login[@]}" java -jar "$agent_jar" > data/kiosk-agent.log 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  port_busy "$AGENT_HTTP_PORT" && break
  kill -0 "${pids[1]}" 2>/dev/null || { echo "kiosk-agent stopped:"; tail -n 20 data/kiosk-agent.log; exit 1; }
  sleep 0.5
done

# The citizen's screen, in a window (KIOSK_WINDOW=fullscreen for the real kiosk; the staff PIN is
# KIOSK_STAFF_PIN, 2580 by default). Without a display: apt-get install -y xvfb libgtk-3-0 and run this script
# under xvfb-run -a, or set KIOSK_APP=off to start only the services.
if [ "${KIOSK_APP:-on}" != off ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  # a restart asked from the web console ends the screen with status 75; start it again, as systemd does on a kiosk
  (
    app=
    trap '[ -n "$app" ] && kill "$app" 2>/dev/null; exit 0' TERM INT
    while :; do
      KIOSK_WINDOW=${KIOSK_WINDOW:-1024x600} java -jar "$app_jar" >> data/kiosk-app.log 2>&1 &
      app=$!
      status=0
      wait "$app" || status=$?
      [ "$status" -eq 75 ] || exit "$status"
    done
  ) &
  pids+=($!)
  app_note="The kiosk screen is open in a window (log: data/kiosk-app.log)."
else
  app_note="No display: the kiosk screen is not shown. Run under 'xvfb-run -a bash central-sync/demo.sh' (apt-get install -y xvfb libgtk-3-0) or on a desktop."
fi

cat <<MSG

$app_note
Running. Logs: data/central-sync.log, data/kiosk-agent.log.  Ctrl-C stops everything.
$login_note
(The examples use curl: apt-get install -y curl if it is missing.)

  Take a ticket at the kiosk:
    curl -s -X POST http://127.0.0.1:$AGENT_HTTP_PORT/api/tickets -H 'Content-Type: application/json' \\
         -H "Idempotency-Key: \$(cat /proc/sys/kernel/random/uuid)" -d '{"service":"A","priority":null}'
  Rate it (use the ticketId from the answer):
    curl -s -X POST http://127.0.0.1:$AGENT_HTTP_PORT/api/ratings -H 'Content-Type: application/json' \\
         -d '{"ticketId":"<ticketId>","counter":"1","officerId":"cb-01","procedureCode":null,"level":"satisfied","scale":5,"reasons":[],"comment":null}'
  The kiosk's state:           curl -s http://127.0.0.1:$AGENT_HTTP_PORT/api/status
  What central has stored:     curl -s -H "Authorization: Bearer $CENTRAL_API_TOKEN" http://127.0.0.1:$HTTP_PORT/api/stats
                               curl -s -H "Authorization: Bearer $CENTRAL_API_TOKEN" http://127.0.0.1:$HTTP_PORT/api/kiosks
                               curl -s -H "Authorization: Bearer $CENTRAL_API_TOKEN" 'http://127.0.0.1:$HTTP_PORT/api/events?limit=5'
  Web console (fleet, alerts, commands, configuration, reports):
    http://127.0.0.1:$HTTP_PORT/   user $CENTRAL_ADMIN_USER, password $CENTRAL_ADMIN_PASSWORD
    (this machine only; start with HTTP_HOST=0.0.0.0 to open it to the network)
    (only the first start creates the admin: with an existing data/central.db keep the password you had)
MSG
wait -n "${pids[@]}"
