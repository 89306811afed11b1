#!/usr/bin/env python3
"""The mutation score of jwt-core's verify path, per module, from cargo-mutants' outcomes.

    python3 dev/mutants.py all/mutants.out/outcomes.json firmware/mutants.out/outcomes.json
    python3 dev/mutants.py --current list.txt */mutants.out/outcomes.json

With `--current FILE` (the output of `cargo mutants --list --all-features`), outcomes of
mutants that no longer exist (their code changed since that run) are left out, and a current
mutant that no run tried fails the check like a missed one.

Takes the outcomes of one or more runs (with every feature, with the default features, and
without them, for the code only each set compiles) and counts each mutant once, by its best
outcome: caught (a test failed) or timeout (a test hung) count as detected, then missed, then
unviable (did not build). Mutants .cargo/mutants.toml lists as unable to change behaviour are
left out. Prints a Markdown table per module and the total; exits 1 when a mutant was missed
in every run, listing it.
"""
import collections
import json
import pathlib
import re
import sys
import tomllib

RANK = {"CaughtMutant": 3, "Timeout": 3, "MissedMutant": 2, "Unviable": 1}
COLUMNS = ["caught", "timeout", "missed", "unviable"]


def outcomes(path):
    with open(path) as f:
        for outcome in json.load(f)["outcomes"]:
            mutant = outcome["scenario"]
            if mutant == "Baseline":
                continue
            yield mutant["Mutant"], outcome["summary"]


def module(file):
    return file.removeprefix("src/").removesuffix(".rs")


def excluded():
    """The `exclude_re` patterns of .cargo/mutants.toml: mutants listed as unable to change
    behaviour, left out of a run's results that predate their listing."""
    config = pathlib.Path(__file__).resolve().parent.parent / ".cargo" / "mutants.toml"
    with open(config, "rb") as f:
        return [re.compile(p) for p in tomllib.load(f).get("exclude_re", [])]


def main(args):
    current = None
    if args[:1] == ["--current"]:
        with open(args[1]) as f:
            current = {line.strip() for line in f if line.strip()}
        args = args[2:]
    best = {}
    skip = excluded()
    for path in args:
        for mutant, summary in outcomes(path):
            name = mutant["name"]
            if any(p.search(name) for p in skip) or (current is not None and name not in current):
                continue
            previous = best.get(name)
            if previous is None or RANK[summary] > RANK[previous[1]]:
                best[name] = (mutant["file"], summary)
    counts = collections.defaultdict(collections.Counter)
    for file, summary in best.values():
        column = {"CaughtMutant": "caught", "Timeout": "timeout",
                  "MissedMutant": "missed", "Unviable": "unviable"}[summary]
        counts[module(file)][column] += 1
    print("| module | caught | timeout | missed | unviable | caught of viable |")
    print("|---|---:|---:|---:|---:|---:|")
    total = collections.Counter()
    for name in sorted(counts):
        c = counts[name]
        total.update(c)
        print(row(f"`{name}`", c))
    print(row("**all**", total))
    missed = sorted(name for name, (_, summary) in best.items() if summary == "MissedMutant")
    for name in missed:
        print("missed:", name, file=sys.stderr)
    untried = sorted(current - best.keys()) if current is not None else []
    for name in untried:
        if not any(p.search(name) for p in skip):
            print("not tried:", name, file=sys.stderr)
            missed.append(name)
    return 1 if missed else 0


def row(name, c):
    viable = c["caught"] + c["timeout"] + c["missed"]
    score = 100 * (c["caught"] + c["timeout"]) / viable if viable else 100
    cells = " | ".join(str(c[k]) for k in COLUMNS)
    return f"| {name} | {cells} | {score:.1f} % |"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
