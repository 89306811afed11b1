#!/usr/bin/env bash
# A local fuzzing campaign: every target for <minutes> each, then corpus minimization and
# line coverage of the library's own sources. Needs a nightly toolchain and cargo-fuzz.
#
#   fuzz/run.sh 30        # 30 minutes per target, one target at a time
#   fuzz/run.sh 30 2      # the same, two targets at a time (one core each)
#   fuzz/run.sh 30 2 key_set signed_claims   # only these targets
#
# Prints a table (target, executions, edges libFuzzer reached, corpus files after minimization,
# line coverage of src/) and keeps the logs in fuzz/logs/. Crashes stop the run; put the
# crashing input into fuzz/regressions/<target>/ with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:?usage: fuzz/run.sh <minutes per target> [targets at a time] [target...]}
jobs=${2:-1}
shift $(($# < 2 ? $# : 2))
seconds=$((minutes * 60))
mkdir -p fuzz/logs
rustup component add llvm-tools-preview --toolchain nightly >/dev/null 2>&1 || true
llvm_cov=$(find "$(rustc +nightly --print sysroot)" -name llvm-cov -type f | head -n 1 || true)
host=$(rustc +nightly -vV | sed -n 's/^host: //p')

cargo +nightly fuzz build
targets=("$@")
[ ${#targets[@]} -gt 0 ] || read -r -a targets <<<"$(cargo +nightly fuzz list | tr '\n' ' ')"
fuzz() { # target: the campaign of one target, its log in fuzz/logs/
    local target=$1 extra=()
    mkdir -p "fuzz/corpus/$target"
    [ -d "fuzz/regressions/$target" ] && extra+=("fuzz/regressions/$target")
    cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" "${extra[@]}" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"fuzz/logs/$target.log" 2>&1
}
# Targets run `jobs` at a time; a crash in any stops the campaign.
running=0
for target in "${targets[@]}"; do
    fuzz "$target" &
    running=$((running + 1))
    if ((running >= jobs)); then
        wait -n
        running=$((running - 1))
    fi
done
while ((running > 0)); do
    wait -n
    running=$((running - 1))
done

printf '%-14s %14s %8s %8s %s\n' target executions edges corpus "line coverage of src/"
for target in "${targets[@]}"; do
    cargo +nightly fuzz cmin "$target" "fuzz/corpus/$target" >>"fuzz/logs/$target.log" 2>&1
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz/logs/$target.log" | tail -n 1)
    edges=$(sed -n 's/.*DONE *cov: \([0-9]*\).*/\1/p' "fuzz/logs/$target.log" | tail -n 1)
    corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
    coverage="(llvm-cov unavailable)"
    if [ -n "$llvm_cov" ] && cargo +nightly fuzz coverage "$target" "fuzz/corpus/$target" >>"fuzz/logs/$target.log" 2>&1; then
        coverage=$("$llvm_cov" report "target/$host/coverage/$host/release/$target" \
            -instr-profile="fuzz/coverage/$target/coverage.profdata" \
            --ignore-filename-regex='(\.cargo|rustc|/fuzz/)' 2>/dev/null | awk '/^TOTAL/ {print $(NF-3)}')
    fi
    printf '%-14s %14s %8s %8s %s\n' "$target" "${execs:-?}" "${edges:-?}" "$corpus" "${coverage:-?}"
done
