#!/usr/bin/env bash
# Runs the benchmarks (cold start, the failover's critical path of cold starts, jar sizes,
# decision-engine JMH, synthesis, local drill recovery)
# and prints the figure table, also written to bench/target/benchmarks/figures.md.
# Not part of `mvn verify`: a full run is long (BENCHMARKS.md, "How to reproduce", says how long).
#
#   bench/run-benchmarks.sh                       # everything, 7 cold starts per variant
#   bench/run-benchmarks.sh --only coldstart,jars --runs 9
#   bench/run-benchmarks.sh --only criticalpath --runs 5   # (runs+1)/2 rounds of the seed's path; rewrites the drill's constant
#   MVN_OFFLINE= bench/run-benchmarks.sh          # let Maven download what it lacks
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/javac" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/temurin-25-jdk-* 2>/dev/null | head -1)
fi
export JAVA_HOME
MVN_OFFLINE=${MVN_OFFLINE--o}

# the deployables (functions' shaded jars), the naive handler's jar (profile bench) and the launcher jar
# (one reactor build, so that the classpath names this checkout's modules, not stale copies in ~/.m2)
mvn -q $MVN_OFFLINE -pl bench -am -DskipTests -Pbench package dependency:build-classpath -Dmdep.outputFile=target/benchmarks.classpath

exec "$JAVA_HOME/bin/java" -Dcrossfade.repoRoot="$PWD" \
  -cp "bench/target/classes:$(cat bench/target/benchmarks.classpath)" \
  dev.crossfade.bench.RunBenchmarks "$@"
