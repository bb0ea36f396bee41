# Sourced by ./build and ./pool: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, then `java` on PATH, then the usual install folders.
# Nothing is downloaded; where no JDK 21+ exists it stops with what to install.

# The major version, from the JDK's `release` file (every JDK and jlink image has one; reading it costs a
# millisecond), else from the JVM itself (a JVM start: about a second on a busy machine).
jdk_major() {
  local version=""
  local line
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) version="${line#JAVA_VERSION=}"; version="${version//\"/}"; break ;; esac
    done <"$1/release"
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  fi
  echo "${version%%.*}"
}

is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(jdk_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

find_jdk21() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    local home
    home=$(readlink -f "$(command -v javac)")
    home="${home%/bin/javac}"
    if is_jdk21 "$home"; then echo "$home"; return 0; fi
  fi
  local candidate best="" best_major=0 major
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    if [ -L "$candidate" ]; then candidate=$(readlink -f "$candidate"); fi
    if is_jdk21 "$candidate"; then
      major=$(jdk_major "$candidate")
      if [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

if ! JAVA_HOME=$(find_jdk21); then
  cat >&2 <<'MSG'
ResourcePool needs a JDK 21 or newer, and none was found
(looked at $JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks).
Install one, for example:
  Debian/Ubuntu:  apt-get install openjdk-21-jdk      (or Temurin 21+ from adoptium.net)
  macOS:          brew install openjdk@21
then run this command again (or set JAVA_HOME to it).
MSG
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
