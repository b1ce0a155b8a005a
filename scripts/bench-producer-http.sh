#!/usr/bin/env bash
# The producer alone, over HTTP, against a broker in another JVM: N LessWrong-shaped feeds
# (20 items, ~273 KB each) served by python3 -m http.server on 127.0.0.1, one
# `./feedpipe produce --once` (the launcher, with its one-shot JVM options), timed and counted as a
# process of its own.
#
#   scripts/bench-producer-http.sh [--feeds N] [--concurrency C] [--warmups W | --fresh-broker | --cold] [--peer camel]
#
# Before the timed run, W untimed ones (--warmups W, default 3) over the same feeds, each under topics
# of its own (warmupN.*): the broker has compiled its hot paths, as a broker that has been running
# for a while has (the timed producer shares the 2 cores with it; the broker's CPU for each warm-up
# is printed: it falls from run to run for several runs), and the launcher's class archive exists,
# as it does from a deployment's second run on. --fresh-broker: one warm-up over one feed only (the
# archive exists; the broker started seconds before). --cold: no warm-up at all.
# Prints entries/s from JVM start (process start to exit), CPU-seconds per 1,000 entries (user+sys
# of the producer process), its peak RSS, and the entries found in posts.raw afterwards; beside
# them, the CPU the feed server and the broker used meanwhile, and any connection attempts the feed
# server's full listen queue dropped (each costs its fetch a 1 s SYN retransmission).
# --peer camel: then runs Apache Camel (camel-rss -> camel-kafka, peers/camel-rss-kafka/, built
# with mvn on first use) as its own JVM over the same feeds into the same broker (topic
# peer.camel.posts.raw), timed and counted the same way, and prints both rows and the ratios
# feedpipe / Camel (rate, CPU per entry), and whether feedpipe reaches >= 7x Camel's rate at
# <= 1/7 of its CPU per entry. The peer's JVM gets the options feedpipe's launcher gives a one-shot
# run (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC); CAMEL_PEER_JAVA_OPTS replaces them ('' for the
# JVM's defaults). The peer is stopped after 30 minutes.
# Without --peer, the Camel figures shown are reference figures from another day, labelled so.
# Everything (feed server, broker, temp dirs) is stopped and removed on exit. Binds 127.0.0.1 only.
# Docs: docs/benchmarks-and-faults.md ("The producer over HTTP").
set -euo pipefail

FEEDS=1000
CONCURRENCY=6 # python3 -m http.server (listen backlog 5) drops connections beyond ~6 at once: docs/benchmarks-and-faults.md
COLD=0
FRESH_BROKER=0
WARMUPS=3
PEER=none
while [ $# -gt 0 ]; do
  case "$1" in
    --feeds) FEEDS="$2"; shift 2 ;;
    --feeds=*) FEEDS="${1#*=}"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --concurrency=*) CONCURRENCY="${1#*=}"; shift ;;
    --warmups) WARMUPS="$2"; shift 2 ;;
    --warmups=*) WARMUPS="${1#*=}"; shift ;;
    --cold) COLD=1; shift ;;
    --fresh-broker) FRESH_BROKER=1; shift ;;
    --peer) PEER="${2:-}"; [ $# -ge 2 ] && shift 2 || shift ;;
    --peer=*) PEER="${1#*=}"; shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-producer-http: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$FEEDS" in ''|*[!0-9]*) echo "bench-producer-http: --feeds must be a positive number" >&2; exit 2 ;; esac
case "$WARMUPS" in ''|*[!0-9]*) echo "bench-producer-http: --warmups must be a number (0: none, as --cold)" >&2; exit 2 ;; esac
[ "$WARMUPS" -gt 0 ] || COLD=1
[ "$FEEDS" -ge 1 ] || { echo "bench-producer-http: --feeds must be at least 1" >&2; exit 2; }
case "$PEER" in
  none|camel) ;;
  *) echo "bench-producer-http: --peer takes camel (the only peer there is), got '$PEER'" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/app/target/feedpipe.jar"
for tool in java python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-producer-http: $tool is needed" >&2; exit 1; }
done
if [ ! -f "$JAR" ]; then
  "$ROOT/feedpipe" --version >/dev/null # builds the jar once
fi
# The Camel peer is a Maven project of its own, outside the reactor (building feedpipe never
# downloads Camel): built here on first use, before anything is started or timed.
PEER_DIR="$ROOT/peers/camel-rss-kafka"
PEER_JAR="$PEER_DIR/target/camel-rss-kafka.jar"
if [ "$PEER" = camel ] && [ ! -f "$PEER_JAR" ]; then
  command -v mvn >/dev/null || { echo "bench-producer-http: mvn is needed to build the Camel peer" >&2; exit 1; }
  echo "bench-producer-http: building the Camel peer once (mvn -B -q -f peers/camel-rss-kafka/pom.xml package; downloads Camel from Maven Central)..." >&2
  mvn -B -q -f "$PEER_DIR/pom.xml" package >&2 \
    || { echo "bench-producer-http: the Camel peer did not build" >&2; exit 1; }
fi

WORK="$(mktemp -d -t feedpipe-bench-http.XXXXXX)"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true # SIGTERM: a background job here has SIGINT ignored
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() { # port, seconds, what
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    if python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$1" 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench-producer-http: $3 did not listen on 127.0.0.1:$1 within $2 s" >&2
  return 1
}

# 1. The feeds: the 20 real LessWrong items, with guids, links and titles made distinct per feed.
mkdir -p "$WORK/www"
python3 - "$ROOT/fixtures/lesswrong/feed.xml" "$WORK/www" "$FEEDS" <<'PY'
import re, sys
source, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
xml = open(source, encoding="utf-8").read()
head, rest = xml.split("<item>", 1)
items = "<item>" + rest
for i in range(n):
    tag = "f%05d" % i
    body = re.sub(r"(<guid[^>]*>)([^<]*)(</guid>)", lambda m: m.group(1) + m.group(2) + "-" + tag + m.group(3), items)
    body = re.sub(r"<link>([^<]*)</link>", lambda m: "<link>" + m.group(1) + "?feed=" + tag + "</link>", body)
    body = body.replace("<title><![CDATA[", "<title><![CDATA[(" + tag + ") ")
    with open("%s/%s.xml" % (out, tag), "w", encoding="utf-8") as f:
        f.write(head + body)
PY
FEED_BYTES=$(du -sb "$WORK/www" | cut -f1)

# 2. The feed server and the broker, each its own process.
HTTP_PORT=$(free_port)
(cd "$WORK/www" && exec python3 -m http.server --bind 127.0.0.1 "$HTTP_PORT") >"$WORK/http.log" 2>&1 &
PIDS+=($!)
BROKER_PORT=$(free_port)
java -Dfeedpipe.home="$ROOT" -jar "$JAR" broker --port "$BROKER_PORT" --data-dir "$WORK/broker" >"$WORK/broker.log" 2>&1 &
PIDS+=($!)
wait_for_port "$HTTP_PORT" 20 "the feed server"
wait_for_port "$BROKER_PORT" 90 "the broker" || { tail -20 "$WORK/broker.log" >&2; exit 1; }

# 3. The configuration: exactly these feeds, loopback allowed, no per-host politeness (every feed
# is on one host), and the fetch limits raised to the concurrency.
CONFIG="$WORK/bench.yaml"
{
  echo "producer:"
  echo "  feed-list: config"
  echo "  allowed-networks: [127.0.0.0/8]"
  echo "  per-host-concurrency: $CONCURRENCY"
  echo "  per-host-gap: 0s"
  echo "  max-concurrent-fetches: $CONCURRENCY"
  echo "  max-bytes-in-flight: 256MB"
  echo "feeds:"
  for ((i = 0; i < FEEDS; i++)); do
    printf '  - {id: f%05d, url: "http://127.0.0.1:%s/f%05d.xml"}\n' "$i" "$HTTP_PORT" "$i"
  done
} >"$CONFIG"

cpu_ticks() { # pid: its user+sys CPU so far, in clock ticks (0 when gone)
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
TICK_HZ=$(getconf CLK_TCK)
seconds() { awk -v t="$1" -v hz="$TICK_HZ" 'BEGIN { printf "%.2f", t / hz }'; }
timed() { # time-file log-file what command…: the command under /usr/bin/time (wall, user, sys, peak RSS); on failure its log's tail, and exit
  local time_file="$1" log="$2" what="$3" status
  shift 3
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$time_file" "$@" >"$log" 2>&1
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    tail -30 "$log" >&2
    echo "bench-producer-http: $what exited with $status" >&2
    exit 1
  fi
}

# 4. Unless --cold: the untimed runs, each under topics of its own (warmupN.*), over every feed (the
# broker warmed up) or, with --fresh-broker, one run over the first feed only, so that the
# launcher's class archive (app/target/feedpipe-produce-once.jsa) is there, as from a deployment's
# second run on.
if [ "$COLD" = 0 ]; then
  [ "$FRESH_BROKER" = 1 ] && WARMUPS=1
  for ((w = 1; w <= WARMUPS; w++)); do
    sed -n '1,/^feeds:/p' "$CONFIG" | sed "s/^feeds:/topics:\n  prefix: warmup$w.\nfeeds:/" >"$WORK/warmup.yaml"
    if [ "$FRESH_BROKER" = 1 ]; then
      sed -n '/^feeds:/,$p' "$CONFIG" | sed -n '2p' >>"$WORK/warmup.yaml"
    else
      sed -n '/^feeds:/,$p' "$CONFIG" | sed -n '2,$p' >>"$WORK/warmup.yaml"
    fi
    before=$(cpu_ticks "${PIDS[1]}")
    timed "$WORK/warmup.time" "$WORK/warmup.log" "warm-up run $w" \
      "$ROOT/feedpipe" produce --once --bootstrap-servers "127.0.0.1:$BROKER_PORT" --config "$WORK/warmup.yaml"
    echo "bench-producer-http: warm-up run $w of $WARMUPS done; the broker used $(seconds $(( $(cpu_ticks "${PIDS[1]}") - before ))) CPU-s meanwhile" >&2
  done
fi

if [ "$COLD" = 1 ]; then
  BROKER_STATE="broker and class archive cold"
elif [ "$FRESH_BROKER" = 1 ]; then
  BROKER_STATE="broker fresh"
else
  BROKER_STATE="broker warmed up by $WARMUPS run(s) over the same feeds"
fi

# 5. The producer: one process, timed from its start to its exit.
echo "bench-producer-http: $FEEDS feeds ($((FEED_BYTES / FEEDS / 1000)) KB each), concurrency $CONCURRENCY, broker 127.0.0.1:$BROKER_PORT" >&2
listen_drops() { # connection attempts dropped by full listen queues on this machine so far
  awk '/^TcpExt:/ { if (!n) { for (i = 1; i <= NF; i++) col[$i] = i; n = 1 } else print $col["ListenDrops"] }' /proc/net/netstat 2>/dev/null || echo 0
}
SERVER_TICKS0=$(cpu_ticks "${PIDS[0]}"); BROKER_TICKS0=$(cpu_ticks "${PIDS[1]}"); DROPS0=$(listen_drops)
timed "$WORK/time" "$WORK/produce.log" "produce --once" \
  "$ROOT/feedpipe" produce --once --bootstrap-servers "127.0.0.1:$BROKER_PORT" --config "$CONFIG"
read -r WALL USER_S SYS_S RSS_KB <"$WORK/time"
DROPS=$(( $(listen_drops) - DROPS0 ))
SERVER_CPU=$(seconds $(( $(cpu_ticks "${PIDS[0]}") - SERVER_TICKS0 )))
BROKER_CPU=$(seconds $(( $(cpu_ticks "${PIDS[1]}") - BROKER_TICKS0 )))

# 6. What reached posts.raw (committed records only), counted apart from the timing.
count_entries() { # topic: distinct record keys in it (an entry's key is its identity)
  if command -v kcat >/dev/null; then
    kcat -C -b "127.0.0.1:$BROKER_PORT" -t "$1" -e -q -X isolation.level=read_committed -f '%k\n' | sort -u | wc -l
  else
    java -Dfeedpipe.home="$ROOT" -jar "$JAR" tail "$1" --from-beginning --timeout 5s \
      --bootstrap-servers "127.0.0.1:$BROKER_PORT" 2>/dev/null \
      | python3 -c 'import json, sys; print(len({json.loads(line)["key"] for line in sys.stdin if line.strip()}))'
  fi
}
if command -v kcat >/dev/null; then HOW="kcat, distinct keys"; else HOW="feedpipe tail, distinct keys"; fi
ENTRIES=$(count_entries posts.raw)
EXPECTED=$((FEEDS * 20))

# 7. --peer camel: Apache Camel over the same feeds into the same broker, as a process of its own,
# timed from its JVM's start to its exit and counted the same way (its own topic, distinct keys).
PEER_TOPIC=peer.camel.posts.raw
PEER_ROW=()
if [ "$PEER" = camel ]; then
  CAMEL_VERSION=$(sed -n 's:.*<camel.version>\(.*\)</camel.version>.*:\1:p' "$PEER_DIR/pom.xml")
  sed -n 's/.*url: "\(http[^"]*\)".*/\1/p' "$CONFIG" >"$WORK/peer-feeds.txt"
  # The same JVM options as feedpipe's one-shot run, unless given: C1 only and the serial collector.
  PEER_JAVA_OPTS="${CAMEL_PEER_JAVA_OPTS-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}"
  echo "bench-producer-http: Apache Camel $CAMEL_VERSION peer over the same $FEEDS feeds into $PEER_TOPIC (JVM options: ${PEER_JAVA_OPTS:-none})" >&2
  # shellcheck disable=SC2086 # PEER_JAVA_OPTS is a list of options
  timed "$WORK/peer-time" "$WORK/peer.log" "the Camel peer" \
    timeout 1800 java $PEER_JAVA_OPTS -jar "$PEER_JAR" --bootstrap-servers "127.0.0.1:$BROKER_PORT" \
      --feeds-file "$WORK/peer-feeds.txt" --topic "$PEER_TOPIC" --partitions-like posts.raw \
      --poll-threads "$CONCURRENCY" --batch-bytes 1048576
  grep '^camel peer:' "$WORK/peer.log" | sed 's/^/bench-producer-http: /' >&2 || true
  read -r P_WALL P_USER_S P_SYS_S P_RSS_KB <"$WORK/peer-time"
  PEER_ENTRIES=$(count_entries "$PEER_TOPIC")
  PEER_ROW=("$CAMEL_VERSION" "$PEER_ENTRIES" "$P_WALL" "$P_USER_S" "$P_SYS_S" "$P_RSS_KB" "$PEER_TOPIC")
fi

SERVER_CPU="$SERVER_CPU" BROKER_CPU="$BROKER_CPU" DROPS="$DROPS" python3 - "$FEEDS" "$EXPECTED" "$ENTRIES" "$WALL" "$USER_S" "$SYS_S" "$RSS_KB" "$HOW" "$CONCURRENCY" "$BROKER_STATE" "${PEER_ROW[@]}" <<'PY'
import sys
feeds, expected, entries = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wall, user, sys_s, rss_kb = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
how, conc, warm = sys.argv[8], sys.argv[9], sys.argv[10]
peer = sys.argv[11:]

def row(entries, wall, user, sys_s, rss_kb, topic):
    cpu = user + sys_s
    rate = entries / wall if wall > 0 else 0.0
    per_k = cpu / entries * 1000 if entries else float("nan")
    print(f"  {'entries in ' + topic:<25} {entries:,} of {expected:,} ({how})")
    print(f"  wall, JVM start to exit   {wall:.2f} s")
    print(f"  entries/s from JVM start  {rate:,.0f}")
    print(f"  CPU (user+sys)            {cpu:.2f} s  ({user:.2f} user, {sys_s:.2f} sys)")
    print(f"  CPU-s per 1,000 entries   {per_k:.2f}")
    print(f"  peak RSS                  {rss_kb / 1024:,.0f} MB")
    return rate, per_k

print(f"producer, {feeds} feeds over HTTP, broker in another JVM ({warm}), concurrency {conc}")
rate, per_k = row(entries, wall, user, sys_s, rss_kb, "posts.raw")
import os
server_cpu, broker_cpu = float(os.environ["SERVER_CPU"]), float(os.environ["BROKER_CPU"])
cores = os.cpu_count() or 1
busy = (user + sys_s + server_cpu + broker_cpu) / (wall * cores) if wall > 0 else float("nan")
print(f"  meanwhile                 feed server {server_cpu:.2f} CPU-s, broker {broker_cpu:.2f} CPU-s; "
      f"the three used {busy:.0%} of {cores} cores over the producer's wall time")
drops = int(os.environ["DROPS"])
if drops:
    # python3 -m http.server listens with a backlog of 5 and accepts one connection per loop: with
    # many fetches at once some connection attempts are dropped, and each costs its fetch the
    # kernel's 1 s SYN retransmission (the run's last second can be such a wait).
    print(f"  listen-queue drops        {drops} connection attempts dropped by a full accept queue on this machine "
          f"during the run, the feed server's as a rule (each waits 1 s to retry; a lower --concurrency avoids them)")
if peer:
    version, p_entries, p_wall, p_user, p_sys, p_rss, p_topic = peer
    print(f"Apache Camel {version} (camel-rss -> camel-kafka, {conc} shared poll threads, 1 MB batches), "
          f"same feeds, same broker, this run")
    p_rate, p_per_k = row(int(p_entries), float(p_wall), float(p_user), float(p_sys), int(p_rss), p_topic)
    rate_x = rate / p_rate if p_rate > 0 else float("nan")
    cpu_x = per_k / p_per_k if p_per_k > 0 else float("nan")
    print(f"feedpipe / Camel, this run: {rate_x:.2f}x the entries/s, {cpu_x:.2f}x the CPU-s per 1,000 entries")
    ok_rate = "met" if rate_x >= 7 else "not met"
    ok_cpu = "met" if cpu_x <= 1 / 7 else "not met"
    print(f"target vs Camel: >= 7x its entries/s ({ok_rate}), <= 1/7 of its CPU-s per 1,000 entries ({ok_cpu})")
else:
    print("reference figures from FACTS.md (measured 2026-12-04 on this machine kind, NOT this run; "
          "--peer camel measures Camel in this run):")
    print(f"  Apache Camel 4.17, 1,000 feeds: 399 entries/s, 3.68 CPU-s per 1,000  -> this run: {rate / 399:.2f}x the rate, {per_k / 3.68:.2f}x the CPU")
    print(f"  feedpipe before, 1,000 feeds:   735-869 entries/s, 1.7-2.1 CPU-s per 1,000 -> this run: {rate / 869:.2f}-{rate / 735:.2f}x the rate, {per_k / 2.1:.2f}-{per_k / 1.7:.2f}x the CPU")
ok_rate = "met" if rate >= 3000 else "not met"
ok_cpu = "met" if per_k <= 0.5 else "not met"
print(f"target: >= 3,000 entries/s from JVM start ({ok_rate}), <= 0.5 CPU-s per 1,000 entries ({ok_cpu})")
PY
FAILED=0
if [ "$ENTRIES" -ne "$EXPECTED" ]; then
  echo "bench-producer-http: posts.raw holds $ENTRIES entries, expected $EXPECTED" >&2
  FAILED=1
fi
if [ "$PEER" = camel ] && [ "$PEER_ENTRIES" -ne "$EXPECTED" ]; then
  echo "bench-producer-http: the Camel peer's $PEER_TOPIC holds $PEER_ENTRIES entries, expected $EXPECTED" >&2
  FAILED=1
fi
exit "$FAILED"
