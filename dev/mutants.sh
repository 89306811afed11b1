#!/usr/bin/env bash
# Mutation testing of the verify path (.cargo/mutants.toml). Each selected mutant runs with
# every feature; what that misses is tried again with the default features and then without
# them, which compile code the first run does not. A mutant missed by all three fails: kill it
# with a test, or list it in .cargo/mutants.toml with the reason it cannot change behaviour.
#
#   dev/mutants.sh       # what `.ci/run` runs: the last commit's mutants and one shard of 100
#   dev/mutants.sh all   # every mutant: about two hours on 2 cores (the README's figures)
#
# The CI selection runs in place, one mutant at a time, with `cargo test`: the checkout's
# target directory already holds the three feature sets' test builds from the steps before, so
# each mutant costs an incremental rebuild of the core instead of a fresh build of every
# dependency, and cargo-nextest need not be installed. Do not edit the tree while it runs.
# `all` copies the tree and runs two mutants at a time with cargo-nextest.
set -euo pipefail
cd "$(dirname "$0")/.."
selection=${1:-ci}
out=target/mutants-$selection
rm -rf "$out"
mkdir -p "$out"
# The suite already passed in this checkout: no baseline run, a fixed timeout instead.
case $selection in
    ci) common=(--in-place --test-tool cargo --baseline skip --timeout 120 --no-shuffle) ;;
    all) common=(--test-tool nextest -j 2 --baseline skip --timeout 120) ;;
    *)
        echo "usage: dev/mutants.sh [ci|all]" >&2
        exit 2
        ;;
esac
# A property a mutant breaks fails on its first counterexample: shrinking it can take minutes
# and tells the mutation check nothing, and the counterexample must not be saved into
# tests/proptest-regressions/.
export PROPTEST_MAX_SHRINK_ITERS=0 PROPTEST_DISABLE_FAILURE_PERSISTENCE=1

# The selection: every mutant, or the last commit's and this commit's shard, as one list of
# names.
shard=$((16#$(git rev-parse --short=7 HEAD) % 100))
if [ "$selection" = all ]; then
    cargo mutants --list --all-features >"$out/selected.txt"
else
    {
        if git rev-parse -q --verify HEAD~1 >/dev/null; then
            git diff HEAD~1 -- src >"$out/last-commit.diff"
            if [ -s "$out/last-commit.diff" ]; then
                cargo mutants --list --in-diff "$out/last-commit.diff"
            fi
        fi
        cargo mutants --list --shard "$shard/100"
    } | sort -u >"$out/selected.txt"
fi
echo "mutants: $(wc -l <"$out/selected.txt") selected ($selection)"

# names FILE: an anchored regex matching exactly the mutants FILE lists.
names() {
    python3 -c 'import re, sys
print("^(" + "|".join(re.escape(l.strip()) for l in open(sys.argv[1]) if l.strip()) + ")$")' "$1"
}

runs=()
previous=$out/selected.txt
for config in all-features default no-default; do
    [ -s "$previous" ] || break
    case $config in
        all-features) flags=(--all-features) ;;
        default) flags=() ;;
        no-default) flags=(--no-default-features) ;;
    esac
    chosen=(--re "$(names "$previous")")
    # Every mutant needs no list of them.
    if [ "$selection$config" = allall-features ]; then
        chosen=()
    fi
    status=0
    cargo mutants "${flags[@]}" "${common[@]}" --output "$out/$config" "${chosen[@]}" || status=$?
    # 0: all caught; 2: some missed (tried again below); 3: a mutant hung a test (caught, by
    # the timeout). Anything else is a broken run.
    case $status in
        0 | 2 | 3) ;;
        *) exit "$status" ;;
    esac
    runs+=("$out/$config/mutants.out/outcomes.json")
    previous=$out/$config/mutants.out/missed.txt
done
python3 dev/mutants.py --current "$out/selected.txt" "${runs[@]}"
