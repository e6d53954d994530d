# Finds a JDK for ./lanes and ./run-tests. Sourced, not run; defines functions only.
#
#   lanes_find_jdk MIN [TOOL]   prints the home of a JDK whose version is MIN or newer and which
#                               has bin/TOOL (default: java; use javac to build). In order:
#                               JAVA_HOME if it qualifies; else the newest JDK under
#                               /usr/lib/jvm (or macOS's JavaVirtualMachines); else the java on
#                               PATH. Returns 1 (printing nothing) if none qualifies.
#   lanes_find_jdk_feature N   prints the home of a JDK of exactly version N under /usr/lib/jvm
#                               (or macOS's JavaVirtualMachines), or returns 1.
#   lanes_quiet_maven JDK_HOME  exports MAVEN_OPTS so Maven on JDK 23+ does not warn about its
#                               own use of sun.misc.Unsafe (an option older JDKs reject).

# Prints the feature version of the JDK in $1 (17 for 17.0.15, 8 for 1.8.0_392), or nothing.
lanes_java_major() {
  local home=$1 version=""
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
  fi
  if [ -z "$version" ] && [ -x "$home/bin/java" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  version=${version%%[._+-]*}
  case $version in
    ''|*[!0-9]*) ;;
    *) echo "$version" ;;
  esac
}

lanes_find_jdk() {
  local min=$1 tool=${2:-java} home major best="" best_major=0 java_on_path
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/$tool" ]; then
    major=$(lanes_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge "$min" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/$tool" ] || continue
    major=$(lanes_java_major "$home")
    if [ "${major:-0}" -gt "$best_major" ]; then
      best=$home
      best_major=$major
    fi
  done
  if [ -n "$best" ] && [ "$best_major" -ge "$min" ]; then
    echo "$best"
    return 0
  fi
  java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then
    # bin/java may be a chain of symlinks (e.g. /etc/alternatives): find the real JDK home.
    home=$(dirname "$(dirname "$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")")")
    major=$(lanes_java_major "$home")
    if [ -x "$home/bin/$tool" ] && [ "${major:-0}" -ge "$min" ]; then
      echo "$home"
      return 0
    fi
  fi
  return 1
}

# Prints the home of a JDK whose feature version is exactly $1 (e.g. 17), or returns 1.
lanes_find_jdk_feature() {
  local want=$1 home
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] || continue
    if [ "$(lanes_java_major "$home")" = "$want" ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

lanes_quiet_maven() {
  local major
  major=$(lanes_java_major "$1")
  if [ "${major:-0}" -ge 23 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
