#!/usr/bin/env bash
# The six services as background processes for `make up` (each its own process, as in production).
#
#   services.sh start | stop | status | urls
#
# Logs: .local/logs/<service>.log (JSON lines); pid files: .local/run/<service>.pid.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$HERE/../.." && pwd -P)"
DATA_DIR="${SPPLUS_DATA_DIR:-$REPO_ROOT/.local}"
PYTHON="${SPPLUS_PYTHON:-$REPO_ROOT/.venv/bin/python}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"
postal_codes="$(ls "${SPPLUS_TOOLS_DIR:-$REPO_ROOT/.local/tools}"/codes-postaux-*/codes-postaux.json 2>/dev/null | tail -n 1 || true)"
[ -n "$postal_codes" ] && export INTAKE_POSTAL_CODES_FILE="${INTAKE_POSTAL_CODES_FILE:-$postal_codes}"
# The redactor (moderation, responses) reads place names from the same list.
[ -n "$postal_codes" ] && export SPPLUS_POSTAL_CODES_FILE="${SPPLUS_POSTAL_CODES_FILE:-$postal_codes}"

declare -A PORTS=([intake]=8001 [moderation]=8002 [routing]=8003 [responses]=8004
                  [notifications]=8005 [indicators]=8006)
ORDER=(intake moderation routing responses notifications indicators)

alive() { [ -f "$RUN_DIR/$1.pid" ] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

start() {
  for s in "${ORDER[@]}"; do
    if alive "$s"; then echo "services: $s already running (pid $(cat "$RUN_DIR/$s.pid"))"; continue; fi
    (cd "$REPO_ROOT" && exec setsid "$PYTHON" -m "spplus.$s" >>"$LOG_DIR/$s.log" 2>&1 < /dev/null) &
    echo $! > "$RUN_DIR/$s.pid"
    echo "services: started $s (pid $!, port ${PORTS[$s]})"
  done
  for s in "${ORDER[@]}"; do
    local url="http://127.0.0.1:${PORTS[$s]}/ready" deadline=$((SECONDS + 120))
    until curl -fsS -o /dev/null "$url" 2>/dev/null; do
      if ! alive "$s"; then echo "services: $s exited; last log lines:" >&2; tail -n 20 "$LOG_DIR/$s.log" >&2; exit 1; fi
      if [ $SECONDS -gt $deadline ]; then echo "services: $s not ready after 120 s" >&2; tail -n 20 "$LOG_DIR/$s.log" >&2; exit 1; fi
      sleep 0.5
    done
    echo "services: $s ready"
  done
}

stop() {
  for s in "${ORDER[@]}"; do
    if alive "$s"; then
      local pid; pid="$(cat "$RUN_DIR/$s.pid")"
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pid" 2>/dev/null || true
      echo "services: stopped $s"
    fi
    rm -f "$RUN_DIR/$s.pid"
  done
}

status() {
  for s in "${ORDER[@]}"; do
    if alive "$s"; then echo "$s: up (pid $(cat "$RUN_DIR/$s.pid"), port ${PORTS[$s]})"
    else echo "$s: down"; fi
  done
}

urls() {
  cat <<TXT

Services Publics + is running:
  public API (intake)     http://127.0.0.1:8001/api/v1/experiences   docs: http://127.0.0.1:8001/schema/swagger
  moderation back-office  http://127.0.0.1:8002/schema/swagger
  routing admin           http://127.0.0.1:8003/schema/swagger
  agents' workspace       http://127.0.0.1:8004/schema/swagger
  notifications           http://127.0.0.1:8005/health
  indicators              http://127.0.0.1:8006/api/v1/indicators
  emails sent (SMTP sink) http://127.0.0.1:8025
A token for an agent:     .venv/bin/spplus-token --role agent --network CAF --name Jean
Stop everything:          make down
TXT
}

case "${1:-}" in
  start) start ;; stop) stop ;; status) status ;; urls) urls ;;
  *) echo "usage: services.sh start|stop|status|urls" >&2; exit 2 ;;
esac
