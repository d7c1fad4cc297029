# Sourced by ./mvnw and the scripts under bin/: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already 21+, else takes the newest JDK 21+ under /usr/lib/jvm
# (or /usr/local/lib/jvm, /opt/java), so a machine whose default java is 17 still builds.
# The major version from the JDK's release file when it has one (no JVM started: bin/switchboard's start stays
# quick), else from the JVM itself.
switchboard_java_major() {
  if [ -f "$1/release" ] && grep -q '^JAVA_VERSION="[0-9]' "$1/release"; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}
switchboard_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(switchboard_java_major "$JAVA_HOME")
    [ "${v:-0}" -ge 21 ] 2>/dev/null && return 0
  fi
  best= bestv=0
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(switchboard_java_major "$d")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best=$d bestv=$v; fi
  done
  if [ -n "$best" ]; then
    JAVA_HOME=$best
    export JAVA_HOME
  else
    echo "Switchboard needs a JDK 21 or newer; none found in JAVA_HOME or /usr/lib/jvm. Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    return 1
  fi
}
switchboard_pick_jdk
