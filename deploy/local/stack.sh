#!/usr/bin/env bash
# Local stack of real servers run as plain processes (no Docker): Apache Kafka (KRaft), FerretDB v1
# (MongoDB wire protocol, SQLite back end) and an SMTP sink with an HTTP inbox. See README.md here.
#
#   stack.sh install                         fetch the Kafka jars (mvn) and build FerretDB (go), if missing
#   stack.sh start  [kafka] [ferretdb] [smtp] start (default: all), wait until they answer, create topics
#   stack.sh stop   [kafka] [ferretdb] [smtp] stop what this script started (TERM, then KILL)
#   stack.sh status [kafka] [ferretdb] [smtp] one line per server; exit 0 if all are up, 3 otherwise
#   stack.sh reset                           stop everything and delete the data (not the installed tools)
#
# Environment (all optional):
#   SPPLUS_DATA_DIR   data, logs, pid files        (default: <repo root>/.local)
#   SPPLUS_TOOLS_DIR  Kafka jars, FerretDB binary  (default: <repo root>/.local/tools)
#   SPPLUS_PYTHON     Python that runs the sink    (default: <repo root>/.venv/bin/python; needs aiosmtpd)
#   SPPLUS_KAFKA_PORT (9092)  SPPLUS_KAFKA_CONTROLLER_PORT (9093)  SPPLUS_MONGO_PORT (27017)
#   SPPLUS_SMTP_PORT (1025)   SPPLUS_SMTP_HTTP_PORT (8025)
#   SPPLUS_KAFKA_HEAP_OPTS (-Xms256m -Xmx512m)  SPPLUS_KAFKA_START_TIMEOUT (90 seconds)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$HERE/../.." && pwd -P)"

abspath() { # absolute path of a (possibly not yet existing) directory
  mkdir -p "$1" && (cd "$1" && pwd -P)
}

DATA_DIR="$(abspath "${SPPLUS_DATA_DIR:-$REPO_ROOT/.local}")"
TOOLS_DIR="$(abspath "${SPPLUS_TOOLS_DIR:-$REPO_ROOT/.local/tools}")"
PYTHON="${SPPLUS_PYTHON:-$REPO_ROOT/.venv/bin/python}"

KAFKA_PORT="${SPPLUS_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${SPPLUS_KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${SPPLUS_MONGO_PORT:-27017}"
SMTP_PORT="${SPPLUS_SMTP_PORT:-1025}"
SMTP_HTTP_PORT="${SPPLUS_SMTP_HTTP_PORT:-8025}"
KAFKA_HEAP_OPTS="${SPPLUS_KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${SPPLUS_KAFKA_START_TIMEOUT:-90}"
# The broker's super user (development password: the local stack is for development only).
KAFKA_ADMIN_PASSWORD="${SPPLUS_KAFKA_ADMIN_PASSWORD:-spplus-dev-admin}"
HOST=127.0.0.1

RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
KAFKA_HOME="$TOOLS_DIR/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs"
FERRETDB_BIN="$TOOLS_DIR/bin/spplus-ferretdb"
ALL_SERVERS=(kafka ferretdb smtp)

# ------------------------------------------------------------------------------------------- helpers

say() { echo "stack: $*"; }

die() {
  echo "stack: ERROR: $*" >&2
  exit 1
}

show_tail() { # show_tail FILE... : last lines of each existing log file, on stderr
  local f
  for f in "$@"; do
    if [[ -s "$f" ]]; then
      echo "----- last 40 lines of $f -----" >&2
      tail -n 40 "$f" >&2
      echo "-----" >&2
    fi
  done
}

fail_with_logs() { # fail_with_logs MESSAGE FILE...
  local msg="$1"
  shift
  echo "stack: ERROR: $msg" >&2
  show_tail "$@"
  exit 1
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed or not on PATH ($2)"; }

port_open() { # port_open PORT : true if something accepts TCP connections on 127.0.0.1:PORT
  # shellcheck disable=SC2016 # $0/$1 are expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

marker_of() {
  case "$1" in
    kafka) echo "kafka.Kafka" ;;
    ferretdb) echo "spplus-ferretdb" ;;
    smtp) echo "smtp_sink.py" ;;
  esac
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

alive() { # alive PID MARKER : the process exists, is not a zombie, and its command line has MARKER
  local pid="$1" marker="$2" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [[ "$state" != "Z" && "$state" != "X" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

running_pid() { # running_pid NAME : print the pid of our live server NAME, or fail
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null || true)"
  alive "$pid" "$(marker_of "$1")" || return 1
  echo "$pid"
}

launch() { # launch NAME LOGFILE CMD... : start CMD in its own session (pid = process group id)
  local name="$1" log="$2"
  shift 2
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  rm -f "$(pid_file "$name")"
  echo "==== $(date -u +%Y-%m-%dT%H:%M:%SZ) stack.sh: starting $name ====" >>"$log"
  # The inner shell becomes the session leader (setsid), writes its own pid, then execs the server,
  # which keeps that pid: the pid file holds the process-group id that `stop` kills.
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$(pid_file "$name")" "$@" >>"$log" 2>&1 </dev/null 8>&- 9>&- &
  local i
  for i in $(seq 1 50); do
    [[ -s "$(pid_file "$name")" ]] && return 0
    sleep 0.1
  done
  fail_with_logs "$name: the process did not start" "$log"
}

wait_ports() { # wait_ports NAME TIMEOUT LOG... -- PORT... : wait until every port answers
  local name="$1" timeout="$2"
  shift 2
  local logs=() ports=() pid deadline p ok
  while [[ $# -gt 0 && "$1" != "--" ]]; do logs+=("$1"); shift; done
  shift
  ports=("$@")
  pid="$(cat "$(pid_file "$name")")"
  deadline=$((SECONDS + timeout))
  while :; do
    # /proc/<pid>/cmdline reads empty for an instant while the launcher execs the server: only a
    # process that is still gone a moment later has exited.
    if ! alive "$pid" "$(marker_of "$name")" && ! { sleep 0.5; alive "$pid" "$(marker_of "$name")"; }; then
      rm -f "$(pid_file "$name")"
      fail_with_logs "$name exited during start-up" "${logs[@]}"
    fi
    ok=1
    for p in "${ports[@]}"; do port_open "$p" || { ok=0; break; }; done
    [[ $ok == 1 ]] && return 0
    if ((SECONDS >= deadline)); then
      stop_one "$name" >/dev/null
      fail_with_logs "$name did not answer on port(s) ${ports[*]} within ${timeout}s (stopped it)" "${logs[@]}"
    fi
    sleep 0.5
  done
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# ------------------------------------------------------------------------------------------- install

lock_tools() { # one install at a time per tools dir (several stacks may share it); fd 8, held until exit
  mkdir -p "$TOOLS_DIR"
  exec 8>"$TOOLS_DIR/.install.lock"
  flock -w 900 8 || die "another install holds $TOOLS_DIR/.install.lock"
}

kafka_stamp() { sha256sum "$HERE/kafka/pom.xml" | cut -d' ' -f1; }
ferretdb_stamp() { cat "$HERE/ferretdb/go.mod" "$HERE/ferretdb/go.sum" "$HERE"/ferretdb/*.go "$HERE"/ferretdb/overlay/*.go "$HERE/ferretdb/patch_vendor.py" | sha256sum | cut -d' ' -f1; }

kafka_installed() {
  [[ -f "$KAFKA_HOME/.installed" && "$(cat "$KAFKA_HOME/.installed")" == "$(kafka_stamp)" ]] &&
    compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null
}

ferretdb_installed() {
  [[ -x "$FERRETDB_BIN" && -f "$FERRETDB_BIN.installed" && "$(cat "$FERRETDB_BIN.installed")" == "$(ferretdb_stamp)" ]]
}

install_kafka() {
  if kafka_installed; then
    say "kafka: jars already installed in $KAFKA_LIBS"
    return 0
  fi
  lock_tools
  if kafka_installed; then # installed by another stack.sh while we waited for the lock
    say "kafka: jars already installed in $KAFKA_LIBS"
    return 0
  fi
  need mvn "Maven 3 fetches the Kafka jars"
  need "$(java_bin)" "Kafka needs Java 17+"
  local started=$SECONDS tmp="$KAFKA_HOME/libs.tmp" log="$KAFKA_HOME/install.log"
  mkdir -p "$KAFKA_HOME"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$HERE/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$log" 2>&1; then
    fail_with_logs "kafka: mvn dependency:copy-dependencies failed" "$log"
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  kafka_stamp >"$KAFKA_HOME/.installed"
  say "kafka: fetched $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars into $KAFKA_LIBS ($((SECONDS - started))s)"
}

install_ferretdb() {
  if ferretdb_installed; then
    say "ferretdb: binary already built at $FERRETDB_BIN"
    return 0
  fi
  lock_tools
  if ferretdb_installed; then
    say "ferretdb: binary already built at $FERRETDB_BIN"
    return 0
  fi
  need go "Go builds FerretDB"
  local started=$SECONDS log="$TOOLS_DIR/bin/ferretdb-build.log"
  mkdir -p "$TOOLS_DIR/bin"
  # The overlay (see ferretdb/patch_vendor.py): FerretDB's object tracking off (a stack trace per
  # iterator, 13 % of its CPU under load), and `_id` pushed down to SQLite's index for any filter
  # that has it. The build vendors the modules in a scratch copy (go build refuses to overlay the
  # module cache) and patches that copy.
  local work="$TOOLS_DIR/bin/ferretdb-build"
  rm -rf "$work" && mkdir -p "$work"
  cp "$HERE"/ferretdb/go.mod "$HERE"/ferretdb/go.sum "$HERE"/ferretdb/*.go "$work/"
  if ! (cd "$work" && go mod vendor &&
    python3 "$HERE/ferretdb/patch_vendor.py" vendor &&
    CGO_ENABLED=0 go build -mod=vendor -trimpath -buildvcs=false -o "$FERRETDB_BIN.tmp" .) \
    >"$log" 2>&1; then
    fail_with_logs "ferretdb: go build failed" "$log"
  fi
  mv -f "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  rm -rf "$work"
  ferretdb_stamp >"$FERRETDB_BIN.installed"
  say "ferretdb: built $FERRETDB_BIN ($((SECONDS - started))s)"
}

cmd_install() {
  install_kafka
  install_ferretdb
}

# ------------------------------------------------------------------------------------------- kafka

kafka_java_opts() { # fills the array KAFKA_JAVA_OPTS for the broker
  local heap
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  KAFKA_JAVA_OPTS=("${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
    "-Dkafka.logs.dir=$LOG_DIR" "-Dlog4j2.configurationFile=$HERE/kafka/log4j2.xml" -Dspplus.log.name=kafka
    "-Dspplus.stack=$DATA_DIR")
}

kafka_tool() { # kafka_tool ARGS... : run a short-lived Java tool with the Kafka jars (logs to kafka-tools.log)
  mkdir -p "$LOG_DIR"
  "$(java_bin)" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    "-Dkafka.logs.dir=$LOG_DIR" "-Dlog4j2.configurationFile=$HERE/kafka/log4j2.xml" -Dspplus.log.name=kafka-tools -Dspplus.log.level=WARN \
    -cp "$KAFKA_LIBS/*" "$@"
}

write_kafka_config() {
  local conf="$DATA_DIR/kafka/server.properties"
  mkdir -p "$DATA_DIR/kafka/data"
  cat >"$conf" <<EOF
# Generated by deploy/local/stack.sh at each start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
# Every client proves who it is (SCRAM-SHA-512) and may do only what its ACLs allow
# (deploy/local/kafka_principals.py): no anonymous access. The controller listener uses PLAIN
# (SCRAM users live in the metadata the controller serves). No TLS on this machine's loopback.
listeners=SASL_PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD" user_admin="$KAFKA_ADMIN_PASSWORD";
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$DATA_DIR/kafka/data
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
EOF
  echo "$conf"
}

write_admin_properties() { # the super user's client settings, for the Java tools
  local props="$DATA_DIR/kafka/admin.properties"
  mkdir -p "$DATA_DIR/kafka"
  {
    echo "security.protocol=SASL_PLAINTEXT"
    echo "sasl.mechanism=SCRAM-SHA-512"
    echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
  } >"$props"
  chmod 600 "$props"
  echo "$props"
}

create_topics() {
  local log="$LOG_DIR/kafka-topics.log" out props networks="$DATA_DIR/kafka/network-topics.txt"
  mkdir -p "$LOG_DIR"
  props="$(write_admin_properties)"
  "$PYTHON" "$HERE/kafka_principals.py" topics >"$networks" 2>>"$log" ||
    fail_with_logs "kafka: cannot list the networks' topics (kafka_principals.py)" "$log"
  if ! out="$(kafka_tool "$HERE/kafka/CreateTopics.java" "$HOST:$KAFKA_PORT" "$HERE/topics.txt,$networks" 60 "$props" 2>>"$log")"; then
    fail_with_logs "kafka: topic creation failed" "$log" "$LOG_DIR/kafka-tools.log" "$LOG_DIR/kafka.log"
  fi
  say "kafka: $out"
  if ! out="$("$PYTHON" "$HERE/kafka_principals.py" acls 2>>"$log" |
    kafka_tool "$HERE/kafka/Security.java" "$HOST:$KAFKA_PORT" "$props" 2>>"$log")"; then
    fail_with_logs "kafka: principals and ACLs failed" "$log" "$LOG_DIR/kafka-tools.log" "$LOG_DIR/kafka.log"
  fi
  say "kafka: principals: $out"
}

start_kafka() {
  local pid
  if pid="$(running_pid kafka)"; then
    say "kafka: already running (pid $pid, port $KAFKA_PORT)"
    create_topics
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    say "kafka: port $KAFKA_PORT already answers (not started by this script), reusing it"
    kafka_installed || install_kafka
    create_topics
    return 0
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "kafka: controller port $KAFKA_CONTROLLER_PORT is taken by another process"
  kafka_installed || install_kafka

  local conf out="$LOG_DIR/kafka.out" started=$SECONDS
  mkdir -p "$LOG_DIR"
  conf="$(write_kafka_config)"
  if [[ -f "$DATA_DIR/kafka/data/meta.properties" && ! -f "$DATA_DIR/kafka/data/.sasl" ]]; then
    # formatted before the broker asked for identities: its admin has no SCRAM credentials
    say "kafka: the data predates SASL: deleting it to format again (development data only)"
    rm -rf "$DATA_DIR/kafka/data" && mkdir -p "$DATA_DIR/kafka/data"
  fi
  if [[ ! -f "$DATA_DIR/kafka/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$out")" ||
      fail_with_logs "kafka: StorageTool random-uuid failed" "$out"
    kafka_tool kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$conf" --ignore-formatted \
      --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" \
      >>"$out" 2>&1 || fail_with_logs "kafka: storage format failed" "$out" "$LOG_DIR/kafka-tools.log"
    touch "$DATA_DIR/kafka/data/.sasl"
    say "kafka: formatted storage in $DATA_DIR/kafka/data (cluster id $cluster_id)"
  fi
  kafka_java_opts
  launch kafka "$out" "$(java_bin)" "${KAFKA_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$conf"
  wait_ports kafka "$KAFKA_START_TIMEOUT" "$out" "$LOG_DIR/kafka.log" -- "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  say "kafka: started (pid $(cat "$(pid_file kafka)"), port $KAFKA_PORT, controller $KAFKA_CONTROLLER_PORT, $((SECONDS - started))s)"
  create_topics
}

# ------------------------------------------------------------------------------------------- ferretdb

start_ferretdb() {
  local pid
  if pid="$(running_pid ferretdb)"; then
    say "ferretdb: already running (pid $pid, port $MONGO_PORT)"
    return 0
  fi
  if port_open "$MONGO_PORT"; then
    say "ferretdb: port $MONGO_PORT already answers (not started by this script), reusing it"
    return 0
  fi
  ferretdb_installed || install_ferretdb
  local log="$LOG_DIR/ferretdb.log" started=$SECONDS
  mkdir -p "$DATA_DIR/ferretdb"
  # GOGC: the server's heap is small and this machine's memory large; collecting less often
  # gives its CPU back to the queries.
  GOGC="${SPPLUS_FERRETDB_GOGC:-400}" launch ferretdb "$log" "$FERRETDB_BIN" -listen "$HOST:$MONGO_PORT" -data-dir "$DATA_DIR/ferretdb" -debug-listen "${SPPLUS_FERRETDB_DEBUG_LISTEN:-}"
  wait_ports ferretdb 30 "$log" -- "$MONGO_PORT"
  say "ferretdb: started (pid $(cat "$(pid_file ferretdb)"), port $MONGO_PORT, $((SECONDS - started))s)"
}

# ------------------------------------------------------------------------------------------- smtp

start_smtp() {
  local pid
  if pid="$(running_pid smtp)"; then
    say "smtp: already running (pid $pid, SMTP port $SMTP_PORT, HTTP port $SMTP_HTTP_PORT)"
    return 0
  fi
  if port_open "$SMTP_PORT" && port_open "$SMTP_HTTP_PORT"; then
    say "smtp: ports $SMTP_PORT and $SMTP_HTTP_PORT already answer (not started by this script), reusing them"
    return 0
  fi
  port_open "$SMTP_PORT" && die "smtp: port $SMTP_PORT is taken by another process"
  port_open "$SMTP_HTTP_PORT" && die "smtp: port $SMTP_HTTP_PORT is taken by another process"
  [[ -x "$PYTHON" ]] || die "smtp: no Python at $PYTHON (create the project venv with 'uv sync', or set SPPLUS_PYTHON)"
  "$PYTHON" -c 'import aiosmtpd' 2>/dev/null || die "smtp: $PYTHON cannot import aiosmtpd (install it, or set SPPLUS_PYTHON)"
  local log="$LOG_DIR/smtp.log" started=$SECONDS
  launch smtp "$log" "$PYTHON" "$HERE/smtp_sink.py" --host "$HOST" --smtp-port "$SMTP_PORT" \
    --http-port "$SMTP_HTTP_PORT" --data-dir "$DATA_DIR/smtp"
  wait_ports smtp 30 "$log" -- "$SMTP_PORT" "$SMTP_HTTP_PORT"
  say "smtp: started (pid $(cat "$(pid_file smtp)"), SMTP port $SMTP_PORT, inbox http://$HOST:$SMTP_HTTP_PORT/, $((SECONDS - started))s)"
}

# ------------------------------------------------------------------------------------------- stop / status

stop_one() { # stop_one NAME : TERM the process group, wait, then KILL
  local name="$1" f pid grace i
  f="$(pid_file "$name")"
  if [[ ! -f "$f" ]]; then
    say "$name: not running"
    return 0
  fi
  pid="$(cat "$f" 2>/dev/null || true)"
  if ! alive "$pid" "$(marker_of "$name")"; then
    rm -f "$f"
    say "$name: not running (removed a stale pid file)"
    return 0
  fi
  case "$name" in kafka) grace=60 ;; *) grace=15 ;; esac
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    alive "$pid" "$(marker_of "$name")" || break
    sleep 0.2
  done
  if alive "$pid" "$(marker_of "$name")"; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 25; i++)); do
      alive "$pid" "$(marker_of "$name")" || break
      sleep 0.2
    done
    alive "$pid" "$(marker_of "$name")" && die "$name: pid $pid survived SIGKILL"
    say "$name: killed (pid $pid did not stop within ${grace}s)"
  else
    say "$name: stopped (pid $pid)"
  fi
  kill -KILL -- "-$pid" 2>/dev/null || true # anything left in the process group
  rm -f "$f"
}

status_one() { # prints one line; returns 0 if up
  local name="$1" pid="-" ports state="down" p up=1
  case "$name" in
    kafka) ports="$KAFKA_PORT $KAFKA_CONTROLLER_PORT" ;;
    ferretdb) ports="$MONGO_PORT" ;;
    smtp) ports="$SMTP_PORT $SMTP_HTTP_PORT" ;;
  esac
  for p in $ports; do port_open "$p" || up=0; done
  if pid="$(running_pid "$name")"; then
    if [[ $up == 1 ]]; then state="up"; else state="starting/unresponsive"; fi
  else
    pid="-"
    if [[ $up == 1 ]]; then state="up (external)"; fi
  fi
  printf '%-9s %-22s pid %-8s port %s\n' "$name" "$state" "$pid" "${ports// //}"
  [[ "$state" == up* ]]
}

# ------------------------------------------------------------------------------------------- main

select_servers() { # select_servers ARGS... : validated list in the array SERVERS (default: all)
  local s
  SERVERS=("$@")
  [[ $# -gt 0 ]] || SERVERS=("${ALL_SERVERS[@]}")
  for s in "${SERVERS[@]}"; do
    case "$s" in kafka | ferretdb | smtp) ;; *) die "unknown server '$s' (expected: kafka, ferretdb, smtp)" ;; esac
  done
}

usage() {
  sed -n '2,17p' "${BASH_SOURCE[0]}" | sed -e 's/^# \{0,1\}//'
}

lock_data() { # one start/stop/reset at a time per data dir; fd 9, held until exit
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/stack.lock"
  flock -w 300 9 || die "another stack.sh holds $RUN_DIR/stack.lock"
}

main() {
  local cmd="${1:-}" s i rc=0
  [[ $# -gt 0 ]] && shift
  case "$cmd" in start | stop | reset) lock_data ;; esac
  case "$cmd" in
    install)
      cmd_install
      ;;
    start)
      select_servers "$@"
      for s in "${SERVERS[@]}"; do "start_$s"; done
      ;;
    stop)
      select_servers "$@"
      # reverse order: the SMTP sink and FerretDB first, Kafka (slowest to stop) last
      for ((i = ${#SERVERS[@]} - 1; i >= 0; i--)); do stop_one "${SERVERS[$i]}"; done
      ;;
    status)
      select_servers "$@"
      for s in "${SERVERS[@]}"; do status_one "$s" || rc=3; done
      return $rc
      ;;
    reset)
      for s in smtp ferretdb kafka; do stop_one "$s"; done
      # only our own files: run/ and logs/ are shared with deploy/local/services.sh
      rm -rf "$DATA_DIR/kafka" "$DATA_DIR/ferretdb" "$DATA_DIR/smtp"
      rm -f "$LOG_DIR"/kafka.log* "$LOG_DIR"/kafka.out "$LOG_DIR"/kafka-tools.log* "$LOG_DIR"/kafka-topics.log \
        "$LOG_DIR"/ferretdb.log "$LOG_DIR"/smtp.log "$RUN_DIR"/kafka.pid "$RUN_DIR"/ferretdb.pid "$RUN_DIR"/smtp.pid
      say "reset: deleted the data and logs of kafka, ferretdb and smtp under $DATA_DIR (tools kept in $TOOLS_DIR)"
      ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
