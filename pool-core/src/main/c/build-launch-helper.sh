#!/usr/bin/env bash
# Compiles the launch helper (pool-launch.c) for this machine's architecture into the module's classes, where the
# jar carries it (LaunchHelperProgram). Run by the build (pool-core's pom.xml, process-classes):
#   build-launch-helper.sh SOURCE CLASSES-DIRECTORY
# It is linked statically, so it runs wherever the jar's architecture does. Without a C compiler, or without the
# static C library (Debian: libc6-dev), it says so and builds nothing: root workers then start their jobs through
# util-linux setpriv, one program start more (docs/SECURITY.md, "Who a job runs as").
set -euo pipefail
source="$1"
classes="$2"
cc="${CC:-cc}"
target="$classes/io/resourcepool/core/sandbox/pool-launch-$(uname -m)"
if [ -f "$target" ] && [ "$target" -nt "$source" ]; then
  exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[launch helper] no C compiler ($cc) on PATH: not built; root workers will start jobs through setpriv" >&2
  exit 0
fi
mkdir -p "$(dirname "$target")"
if ! "$cc" -std=c11 -O2 -Wall -Wextra -Werror -static -s -o "$target.new" "$source"; then
  rm -f "$target.new"
  echo "[launch helper] $cc could not build $source statically (is the static C library, libc6-dev, installed?):" \
    "not built; root workers will start jobs through setpriv" >&2
  exit 0
fi
mv "$target.new" "$target"
