#!/usr/bin/env bash
# Checks ResourcePool's GPU support on a machine with NVIDIA GPUs (docs/GPUS.md).
#
# Starts a hub and a worker on this machine, in a throwaway directory, on a free port of 127.0.0.1; prints what
# `nvidia-smi -L` says next to what the worker detected (`pool nodes --long`) and whether it reads them through
# NVML or nvidia-smi; runs a one-GPU job through the pool
# that prints what it sees (CUDA_VISIBLE_DEVICES, its /dev/nvidia* nodes, `nvidia-smi -L` from inside); and stops
# everything it started. Nothing is left behind but the directory it names at the end when KEEP=1.
#
#   scripts/gpu-check.sh                  # bubblewrap sandbox (the default): the job sees only its GPU's nodes
#   SANDBOX=process scripts/gpu-check.sh  # the plain process sandbox: the job shares the host's /dev
#   POOL=/opt/resourcepool/bin/pool scripts/gpu-check.sh   # a release's pool instead of ./pool
#
# Exit status: 0 when the worker detected as many GPUs as nvidia-smi lists and the job ran on one of them.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
pool=${POOL:-$here/pool}
sandbox=${SANDBOX:-bubblewrap}
work=$(mktemp -d "${TMPDIR:-/tmp}/gpu-check.XXXXXX")
chmod 0711 "$work"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then
        echo "kept: $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

command -v nvidia-smi >/dev/null || { echo "nvidia-smi is not on PATH: this script is for a machine with NVIDIA GPUs" >&2; exit 2; }

await_line() { # FILE PATTERN: waits up to 60 s for a line matching PATTERN, prints its first match
    for _ in $(seq 600); do
        if grep -Eo "$2" "$1" 2>/dev/null | head -1; then
            return 0
        fi
        sleep 0.1
    done
    echo "timed out waiting for '$2' in $1:" >&2
    cat "$1" >&2
    return 1
}

export GPU_CHECK_ADMIN_PASSWORD
GPU_CHECK_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64)
printf '%s\n' "$GPU_CHECK_ADMIN_PASSWORD" > "$work/password"
chmod 0600 "$work/password"

# ./pool builds its jar when the sources are newer: done here, not inside the hub's start-up wait
"$pool" --help > /dev/null

echo "== starting a hub in $work/hub"
"$pool" hub --bind 127.0.0.1:0 --data-dir "$work/hub" --set hub.admin-password-env=GPU_CHECK_ADMIN_PASSWORD \
    --set hub.heartbeat-interval=1s > "$work/hub.log" 2>&1 &
pids+=($!)
address=$(await_line "$work/hub.log" 'listening on [0-9.]+:[0-9]+' | awk '{print $3}')
fingerprint=$(await_line "$work/hub.log" 'pin it\): [0-9a-f:]+' | awk '{print $3}')
session="--set client.session-file=$work/session"

"$pool" login --hub "$address" --ca-fingerprint "$fingerprint" --user admin --password-file "$work/password" $session > /dev/null
"$pool" admin join-token create --output-file "$work/join-token" $session > /dev/null

echo "== starting a worker ($sandbox sandbox) in $work/worker"
"$pool" worker --hub "$address" --ca-fingerprint "$fingerprint" --join-token-file "$work/join-token" \
    --data-dir "$work/worker" --set "worker.sandbox=$sandbox" --set worker.owner=admin > "$work/worker.log" 2>&1 &
pids+=($!)
await_line "$work/worker.log" 'registered with hub .* as node [^ ]+' > /dev/null

echo
echo "== nvidia-smi -L on this machine"
nvidia-smi -L | tee "$work/smi.txt"
echo
echo "== what the worker detected (pool nodes --long)"
"$pool" nodes --long $session | tee "$work/nodes.txt"

# a card in MIG mode counts as its MIG devices, as the worker offers them
listed=$(awk '/^GPU /{if(card)n++; card=1; next} /^  MIG /{card=0; n++} END{if(card)n++; print n+0}' "$work/smi.txt")
detected=$(grep -c '^  gpu ' "$work/nodes.txt" || true)
echo
echo "nvidia-smi lists $listed GPU(s) (MIG devices counted in place of their card); the worker detected $detected"
echo
echo "== how the worker reads NVIDIA GPUs (NVML through libnvidia-ml, else nvidia-smi)"
grep -Eo 'NVIDIA GPUs are read through .*' "$work/worker.log" | head -1 || echo "(not in $work/worker.log)"

echo
echo "== a one-GPU job through the pool"
"$pool" run --gpus 1 --timeout 60s $session -- sh -c \
    'echo "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES"; echo "NVIDIA_VISIBLE_DEVICES=$NVIDIA_VISIBLE_DEVICES";
     echo "device nodes:"; ls /dev | grep nvidia || echo "(none)";
     echo "nvidia-smi -L inside the job:"; nvidia-smi -L || echo "(nvidia-smi failed inside the job)"' | tee "$work/job.txt"

status=0
[ "$listed" -gt 0 ] && [ "$listed" = "$detected" ] || { echo "MISMATCH: detected $detected of $listed GPU(s)" >&2; status=1; }
grep -Eq '^CUDA_VISIBLE_DEVICES=(GPU|MIG)-' "$work/job.txt" || { echo "the job was given no GPU by UUID" >&2; status=1; }
[ $status = 0 ] && echo "OK: every GPU detected, and the job ran on one"
exit $status
