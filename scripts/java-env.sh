# Sourced by ./papersift, scripts/test and .ci/run: sets JAVA_HOME to a JDK 21 or newer, looking at
# $JAVA_HOME, then `java` on the PATH, then the JDKs under /usr/lib/jvm and /opt (newest first);
# says what to install when none is found.

papersift_java_major() {
  # Prints the major version of the java binary $1 (17, 21, 25...), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' \
    | sed 's/^1\.//'
}

papersift_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
  for c in $(ls -d /usr/lib/jvm/*/bin/java /opt/*/bin/java 2>/dev/null | sort -rV); do
    candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    [ -x "$(dirname "$c")/javac" ] || continue   # a JRE cannot build the project
    major=$(papersift_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(cd "$(dirname "$c")/.." && pwd)
      export JAVA_HOME
      return 0
    fi
  done
  cat >&2 <<'MSG'
papersift needs a JDK 21 or newer, and none was found (looked at $JAVA_HOME, java on the PATH,
/usr/lib/jvm and /opt). Install one, for example:
  Debian/Ubuntu:  sudo apt-get install openjdk-21-jdk   (or temurin-21-jdk / temurin-25-jdk)
  any system:     a JDK 21+ from https://adoptium.net, then export JAVA_HOME=/path/to/jdk
MSG
  return 1
}

papersift_jvm_options() {
  # Prints the JVM options for the papersift command in "$@" (global options such as --data DIR
  # come first). A bulk ingest of up to PAPERSIFT_SHORT_INGEST_MB of input (default 100 MB, about
  # 180,000 papers gzipped) is a short batch job, and on a 2-core machine it runs faster with the
  # client compiler only and the throughput collector: the optimizing compiler (C2) took about a
  # quarter of the CPU of ingesting the 75k-paper sample, recompiling Lucene's segment-writing
  # code at every flush, and its faster code did not win that back (sample: 8,200-8,300 papers/s
  # against 6,600-7,100). On a longer job it does (3x the sample: 6,400-6,600 against
  # 6,400-7,100), so bigger inputs keep the defaults, as does everything else, above all the
  # long-running `serve`. Figures: docs/benchmarks.md, "JIT and GC".
  # PAPERSIFT_JAVA_OPTS comes later on the command line, so it can override these.
  local words=() files=() skip=0 a bytes=0 f
  for a in "$@"; do
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    case "$a" in
      --data) skip=1 ;;
      -*) ;;
      *) if [ "${#words[@]}" -lt 2 ]; then words+=("$a"); fi; files+=("$a") ;;
    esac
  done
  case "${words[0]:-} ${words[1]:-}" in
    "ingest "* | "bench ingest") ;;
    *) return 0 ;;
  esac
  for f in "${files[@]}"; do
    [ -f "$f" ] && bytes=$((bytes + $(wc -c < "$f")))
  done
  if [ "$bytes" -le $(( ${PAPERSIFT_SHORT_INGEST_MB:-100} * 1024 * 1024 )) ]; then
    echo "-XX:TieredStopAtLevel=1 -XX:+UseParallelGC"
  fi
}
