#!/usr/bin/env bash
# Runs the whole test suite (./run-tests) with the wall clock moved DAYS ahead (default 365), to
# prove that no test depends on the date it was written (docs/testing.md, "Time"). The clock is
# moved with libfaketime (Debian's `faketime` package), preloaded into every process of the run:
# Maven, the test JVMs, moto and Node. Extra arguments go to ./run-tests (e.g. -pl functions/detector -am).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DAYS=${DAYS:-365}
find_lib() {
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 \
      /usr/lib/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
    [ -f "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}
if ! LIB=$(find_lib); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "run-tests-shifted: installing Debian's faketime" >&2
    apt-get install -y -qq faketime >&2 || { apt-get update -qq >&2 && apt-get install -y -qq faketime >&2; }
  fi
  LIB=$(find_lib) || { echo "run-tests-shifted: needs libfaketime: apt-get install faketime" >&2; exit 1; }
fi
export LD_PRELOAD="$LIB${LD_PRELOAD:+:$LD_PRELOAD}"
export FAKETIME="+${DAYS}d"
# The JVM times its own waits with the monotonic clock: leave it alone (without this, java hangs),
# and do not "fix" timed waits on it either (with Debian's default, every JVM thread's timed wait
# misfires and the JVM and its children crawl, moto's start among them).
export FAKETIME_DONT_FAKE_MONOTONIC=1
export FAKETIME_FORCE_MONOTONIC_FIX=0
# With the monotonic clock left alone, libfaketime breaks Python's time.sleep (EINVAL), which moto's
# Step Functions interpreter uses between Retry attempts: this sitecustomize replaces it.
export PYTHONPATH="$ROOT/scripts/faketime-python${PYTHONPATH:+:$PYTHONPATH}"
"${CROSSFADE_PYTHON:-python3}" -c 'import time; time.sleep(0.01)' \
  || { echo "run-tests-shifted: python's time.sleep fails under libfaketime even with scripts/faketime-python" >&2; exit 1; }
echo "run-tests-shifted: wall clock moved +${DAYS} days: $(date -u +%FT%TZ)" >&2
exec "$ROOT/run-tests" "$@"
