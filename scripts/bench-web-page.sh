#!/usr/bin/env bash
# Page latency of ./feedpipe web (a benchmark, not a test): N posts held (default 10,000, about
# 6 KB of HTML each) in the web store on an embedded broker, then sequential GETs of the front
# page, a search, a feed page and the Atom feed from one client on the same machine.
#
#   scripts/bench-web-page.sh [POSTS] [REQUESTS]
#
# Prints p50/p90/p99/max per page. Builds the web module's test classes first (offline). Binds
# 127.0.0.1 only; its data goes to web/target/web-bench-*. Docs: README ("The reader page and
# feeds out"); dated figures in docs/results.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# One reactor build: the sibling modules resolve to their target/classes (nothing is installed).
mvn -B -o -q -pl web -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="web/target/test-classes:web/target/classes:$(cat web/target/bench-classpath.txt)"
exec java -Xmx1g -Dbench.dir=web/target -Dlogback.configurationFile=logback-test.xml -cp "$CP" \
  io.feedpipe.web.bench.FrontPageLatencyBench "$@"
