# Sourced by ./pool, and meant for the release's bin/pool: the JVM options of one pool command, in one place.
#
#   pool_jvm_options ARCHIVE [ARGS...]     sets the array POOL_JVM_OPTIONS; then
#   exec "$JAVA" "${POOL_JVM_OPTIONS[@]}" -jar "$JAR" "$@"
#
# ARCHIVE is the class-data sharing archive made with the jar (launchers/target/pool.jsa; README.md, "How fast");
# ARGS are the command's arguments, whose first word tells a long-lived service from a short command.
# A short command (status, run, login, jobs, ...) lives a second or less: it starts from the archive's
# pre-parsed classes, compiles with C1 only and collects with the serial collector. The hub, a worker, demo and
# bench run for long and keep the JVM's defaults (C2, G1). An archive that does not match the JDK or the jar
# (another JDK, a rebuilt or edited jar) is ignored without a word and the command starts the usual way.
# The long-lived ones also get the open-file limit raised to the hard limit (each connection of a hub is one file;
# README.md, "Fleet"): the shell's own soft limit is often 1024, and the JVM raises it itself only on Linux.
pool_jvm_options() {
  local archive="$1"
  shift
  POOL_JVM_OPTIONS=(--enable-native-access=ALL-UNNAMED)
  case "${1:-}" in
    hub | worker | demo | bench)
      ulimit -n "$(ulimit -Hn)" 2>/dev/null || :
      return 0
      ;;
  esac
  POOL_JVM_OPTIONS+=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
  if [ -f "$archive" ]; then
    POOL_JVM_OPTIONS+=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds*=off)
  fi
}
