# Sourced by ./crossfade, ./run-tests and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, then the newest JDK under /usr/lib/jvm, /usr/local/lib/jvm or
# /opt/java, then `java` on the PATH. The build emits Java 21 bytecode (Lambda java21) either way.

_crossfade_java_major() { # $1 = path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
}

_crossfade_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(_crossfade_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/ 2>/dev/null | sort -r -V); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(_crossfade_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(_crossfade_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then echo "$candidate"; return 0; fi
  fi
  return 1
}

if ! JAVA_HOME=$(_crossfade_find_jdk); then
  echo "crossfade: needs a JDK 21 or newer (set JAVA_HOME, or install e.g. openjdk-21-jdk or temurin-21)" >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# CDK Java runs jsii on Node.js; Node 20 prints an end-of-life banner on every synth otherwise.
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
export JSII_DEPRECATED=quiet
# Prefer the Node 22 that `npm ci` installs (package.json) over an end-of-life system Node.
_crossfade_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -x "$_crossfade_root/node_modules/.bin/node" ]; then
  export PATH="$_crossfade_root/node_modules/.bin:$PATH"
fi
