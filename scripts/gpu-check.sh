#!/usr/bin/env bash
# Everything that needs a GPU, in one go, for a GPU machine: build Podium (with the CUDA backend) there,
# run the whole test suite with the GPU tests, verify every bundled problem's example solutions, run
# the platform (server, worker, client) on the GPU, and run the GPU benchmarks (timer against ncu and CUPTI, calibration, PMPP baselines against the speed of
# light). Step logs go to /tmp/podium-gpu-check-logs; the tables and the test and verify logs are copied
# to $OUT (default /tmp/podium-gpu-check); a summary is printed last.
#
# Where apt is not available, build dependencies come from .gpu-deps/ (made by scripts/gpu-deps.sh and
# carried with the tree).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/podium-gpu-check}
LOGS=/tmp/podium-gpu-check-logs  # every step's log; the ones worth keeping are copied to $OUT at the end
mkdir -p "$OUT" "$LOGS"
status=0
summary=()
# GPU_CHECK_STEPS="build tests ..." runs only those steps (the device's commands have a time limit).
step() {  # step NAME COMMAND...: runs a step, logs it to $LOGS/NAME.log, records pass/fail
  local name=$1
  shift
  if [ -n "${GPU_CHECK_STEPS:-}" ] && [[ " $GPU_CHECK_STEPS " != *" $name "* ]]; then return; fi
  echo "== $name: $*"
  local start=$SECONDS
  if "$@" >"$LOGS/$name.log" 2>&1; then
    summary+=("ok    $name ($((SECONDS - start)) s)")
  else
    summary+=("FAIL  $name ($((SECONDS - start)) s): see $name.log")
    status=1
  fi
  tail -n 25 "$LOGS/$name.log"
}

if [ -d .gpu-deps/root ]; then
  deps=$PWD/.gpu-deps/root/usr
  export CMAKE_PREFIX_PATH=$deps
  export OPENSSL_ROOT_DIR=$deps
  export CPATH=$deps/include:$deps/include/x86_64-linux-gnu${CPATH:+:$CPATH}
  export LIBRARY_PATH=$deps/lib/x86_64-linux-gnu${LIBRARY_PATH:+:$LIBRARY_PATH}
  export LD_LIBRARY_PATH=$deps/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export PKG_CONFIG_PATH=$deps/lib/x86_64-linux-gnu/pkgconfig:$deps/share/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
  export PKG_CONFIG_SYSROOT_DIR=$PWD/.gpu-deps/root
  [ -e "$deps/bin/pkg-config" ] || ln -s pkgconf "$deps/bin/pkg-config"
  export PATH=$deps/bin:$PATH
  # The sandboxed evaluator sees only the system's directories: install the carried shared libraries
  # and bubblewrap there, as apt would have (this machine is the GPU check's own).
  if [ "$(id -u)" -eq 0 ]; then
    for lib in "$deps"/lib/x86_64-linux-gnu/*.so.*; do  # only those the system lacks
      ldconfig -p | grep -q "/$(basename "$lib")\$" || cp -n "$lib" /usr/local/lib/
    done
    cp -n "$deps/bin/bwrap" /usr/local/bin/ 2>/dev/null
    ldconfig
  fi
fi
export PATH=/usr/local/cuda/bin:$PATH
export PODIUM_CACHE_DIR=${PODIUM_CACHE_DIR:-/tmp/podium-gpu-check-cache}

(nvidia-smi; nvcc --version) >"$OUT/device.txt" 2>&1
head -n 15 "$OUT/device.txt"
step build bash -c "cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON && cmake --build build-gpu"
step tests bash -c "cd build-gpu && ctest --output-on-failure --no-tests=error -j 4 --timeout 600"
step verify build-gpu/podium verify problems/*/*
# The hostile and cheating GPU submissions of tests/corpus (also part of `tests`), with a log of their own.
step corpus build-gpu/tests/sandbox/podium_sandbox_gpu_tests
# podium serve with its local worker on this GPU: submissions through the client, a hostile one among them.
step platform scripts/gpu-platform-check.sh build-gpu
# What the event interval adds to calls of different shapes (the timer's calibration question).
step overheads bash -c "build-gpu/bench/timer/podium_op_overheads 300 | tee '$OUT/op-overheads.md'"
# What the judge's and the contestant's contexts would pay to take turns between calls.
step switches bash -c "build-gpu/bench/timer/podium_context_switch 2000 | tee '$OUT/context-switch.md'"
# Where code, the flush buffer and data lie, and what it does to a cold call, in three processes.
step placement bash -c "for p in 1 2 3; do build-gpu/bench/timer/podium_placement build-gpu/bench/timer/libpodium_placement_kernels.so 8 20; done | tee '$OUT/placement.md'"
# How much a cold call depends on the CUDA context it runs in: 8 fresh contexts in each of two processes.
step contexts bash -c "for p in 1 2; do build-gpu/bench/timer/podium_contexts 8 200; done | tee '$OUT/contexts.md'"
# Fast and slow contexts: per context or per stream, and the probe the evaluator settles with.
step kinds bash -c "build-gpu/bench/timer/podium_context_kinds 8 2 | tee '$OUT/context-kinds.md'"
# Whether racing processes for a fast context would pay: 1, 4 and 8 at once, 3 rounds.
step race bash -c "build-gpu/bench/timer/podium_context_race 3 1 4 8 | tee '$OUT/context-race.md'"
step ncu bash -c "bench/timer/ncu-crosscheck.sh build-gpu/podium '$LOGS' && mv '$LOGS/timer.md' '$OUT/ncu.md'"
# Every CUDA problem, or those named in TIMER_PROBLEMS (a long list can be split between calls).
step timer bench/timer/run.sh build-gpu/podium "$OUT" ${TIMER_PROBLEMS:-}
step calibrate env PODIUM_CONFIG_DIR="$LOGS/config" build-gpu/podium gpu calibrate
step baselines env PODIUM_CONFIG_DIR="$LOGS/config" bench/sol/baselines.sh build-gpu/podium "$OUT"

cp "$LOGS/tests.log" "$LOGS/verify.log" "$LOGS/corpus.log" "$LOGS/platform.log" "$LOGS/calibrate.log" "$OUT/" 2>/dev/null
echo
printf '%s\n' "${summary[@]}"
for table in ncu timer baselines; do [ -f "$OUT/$table.md" ] && cat "$OUT/$table.md"; done
exit $status
