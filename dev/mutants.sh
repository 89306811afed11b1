#!/usr/bin/env bash
# The mutation check `.ci/run` runs on the verify path (.cargo/mutants.toml): every mutant the
# last commit's diff touches, and shard k of 100 of all of them, k from the commit, so that a
# hundred commits try every mutant. Each run is with every feature; what it misses is tried
# again with the default features and then without them, which compile code the first run
# does not. A mutant missed by all fails the check: kill it with a test, or list it in
# .cargo/mutants.toml with the reason it cannot change behaviour.
#
#   dev/mutants-ci.sh            # needs cargo-mutants and cargo-nextest
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
out=target/mutants-ci
rm -rf "$out"
mkdir -p "$out"
# The suite already passed in this checkout: no baseline run, a fixed timeout instead.
common=(--baseline skip --timeout 180 -j 2)

# mutants NAME ARGS...: one selection with every feature, then what it missed with the default
# features (the `base64` crate's codec, which `simd` replaces), then what is still missed
# without default features (the slow twins of `fast`). Missed by all three: the merge lists it
# and fails.
mutants() {
    local name=$1 status=0
    shift
    cargo mutants --all-features "${common[@]}" --output "$out/$name" "$@" || status=$?
    # 0: nothing missed; 3: a mutant hung the tests (detected, by the timeout).
    case $status in
        0 | 3) return 0 ;;
        2) ;;
        *) return "$status" ;;
    esac
    local previous=$out/$name runs=("$out/$name/mutants.out/outcomes.json") config
    for config in default no-default; do
        local flags=() missed
        [ "$config" = no-default ] && flags=(--no-default-features)
        missed=$(python3 -c 'import re, sys
print("|".join(re.escape(l.strip()) for l in open(sys.argv[1]) if l.strip()))' \
            "$previous/mutants.out/missed.txt")
        [ -n "$missed" ] || break
        status=0
        cargo mutants "${flags[@]}" "${common[@]}" --output "$out/$name-$config" \
            --re "^($missed)\$" || status=$?
        case $status in
            0 | 2 | 3) ;;
            *) return "$status" ;;
        esac
        previous=$out/$name-$config
        runs+=("$previous/mutants.out/outcomes.json")
    done
    python3 dev/mutants.py "${runs[@]}"
}

if git rev-parse -q --verify HEAD~1 >/dev/null; then
    git diff HEAD~1 -- src >"$out/last-commit.diff"
    if [ -s "$out/last-commit.diff" ]; then
        echo "mutants of the last commit's changes:"
        mutants diff --in-diff "$out/last-commit.diff"
    fi
fi
shard=$((16#$(git rev-parse --short=7 HEAD) % 100))
echo "mutants of shard $shard of 100:"
mutants shard --shard "$shard/100"
