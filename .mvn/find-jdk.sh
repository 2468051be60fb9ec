# Sourced by ./mvnw and ./closeloop: points JAVA_HOME at a JDK 21 or newer when the default java is older.
closeloop_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
closeloop_find_jdk() {
  default_java=$(command -v java 2>/dev/null || true)
  [ -z "$default_java" ] || default_java=$(dirname "$(dirname "$(readlink -f "$default_java")")")
  for candidate in "${JAVA_HOME-}" "$default_java" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(closeloop_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  echo "No JDK 21 or newer found. Install one (for example Temurin 21) or set JAVA_HOME." >&2
  return 1
}
# mvnw runs with globbing off (set -f); the search needs it for a moment.
case $- in *f*) set +f; closeloop_find_jdk; closeloop_rc=$?; set -f ;; *) closeloop_find_jdk; closeloop_rc=$? ;; esac
[ "$closeloop_rc" -eq 0 ] || exit 1
