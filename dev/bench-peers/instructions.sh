#!/usr/bin/env bash
# Instructions per operation for jwt-core, counted by callgrind (repeatable on a noisy
# machine, unlike time), checked against the committed baseline.
#
#   dev/bench-peers/instructions.sh            # compare; fails when any count grew > 5 %
#   dev/bench-peers/instructions.sh --update   # write the current counts as the new baseline
#
# Per-operation count = (count at N+1 iterations - count at 1 iteration) / N, so start-up and
# set-up cancel out.
set -euo pipefail
cd "$(dirname "$0")/../.."

baseline=dev/bench-peers/instructions.baseline
tolerance_percent=5
update=false
[[ "${1:-}" == "--update" ]] && update=true

if ! command -v valgrind >/dev/null; then
    echo "SKIP: instruction counts: valgrind is not installed"
    exit 0
fi

cargo build --quiet --release --locked -p jwt-bench-peers --bin instructions
bin=target/release/instructions

# collected CASE CONTENDER ITERATIONS
collected() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 |
        sed -n 's/.*Collected : //p'
}

# per_op CASE ITERATIONS [CONTENDER]
per_op() {
    local case=$1 n=$2 who=${3:-jwt-core} one many
    one=$(collected "$case" "$who" 1)
    many=$(collected "$case" "$who" $((n + 1)))
    echo $(((many - one) / n))
}

cases=(
    "HS256 verify typical:100" "HS256 sign typical:100" "HS256 verify large:100" "HS256 sign large:100"
    "HS384 verify typical:100" "HS384 sign typical:100" "HS384 verify large:100" "HS384 sign large:100"
    "HS512 verify typical:100" "HS512 sign typical:100" "HS512 verify large:100" "HS512 sign large:100"
    "ES256 verify typical:4" "ES256 sign typical:4" "EdDSA verify typical:10" "EdDSA sign typical:10"
    "HS256 verify by kid of 16:100"
)

declare -A base=()
if [[ -f $baseline ]]; then
    while IFS=$'\t' read -r count name; do
        [[ $count == \#* || -z $count ]] && continue
        base[$name]=$count
    done <"$baseline"
fi

failed=0
new=$(mktemp)
printf '# instructions per operation (callgrind), %s, %s\n' "$(rustc --version)" "$(uname -m)" >"$new"
printf '%-24s %12s %12s %8s\n' operation baseline now change
for entry in "${cases[@]}"; do
    name=${entry%%:*}
    n=${entry##*:}
    now=$(per_op "$name" "$n")
    printf '%s\t%s\n' "$now" "$name" >>"$new"
    was=${base[$name]:-}
    if [[ -z $was ]]; then
        printf '%-24s %12s %12s %8s\n' "$name" "-" "$now" "new"
        continue
    fi
    change=$(awk -v a="$was" -v b="$now" 'BEGIN { printf "%+.1f%%", (b - a) * 100 / a }')
    verdict=""
    if ((now * 100 > was * (100 + tolerance_percent))); then
        verdict="  <- more than ${tolerance_percent} % over the baseline"
        failed=1
    fi
    printf '%-24s %12s %12s %8s%s\n' "$name" "$was" "$now" "$change" "$verdict"
done

# A key set of 16 keys, chosen by kid, costs at most 1.1x the one right key (same token,
# same policy, same claims read).
set_cost=$(per_op "HS256 verify by kid of 16" 100)
one_cost=$(per_op "HS256 verify by kid of 16" 100 "one right key")
printf 'key set of 16 by kid: %s instructions, one right key: %s (%s)\n' "$set_cost" "$one_cost" \
    "$(awk -v a="$one_cost" -v b="$set_cost" 'BEGIN { printf "%.3fx", b / a }')"
if ((set_cost * 10 > one_cost * 11)); then
    echo "the key set costs more than 1.1x the one right key"
    failed=1
fi

if $update; then
    mv "$new" "$baseline"
    echo "baseline written to $baseline"
    exit 0
fi
rm -f "$new"
if ((failed)); then
    echo "instruction counts grew: find the cause, or if the growth is wanted, run"
    echo "  dev/bench-peers/instructions.sh --update   and commit the new baseline with the reason"
    exit 1
fi
