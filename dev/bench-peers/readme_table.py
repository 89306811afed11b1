#!/usr/bin/env python3
"""Prints the README's performance table from a bench run (dev/bench-peers/runs/latest.md):
per HMAC operation, each contender's median time with its allocations, and jwt-core's ratio to
each peer as median [min-max] of three interleaved runs. The README's table is this output."""
import re
import sys

PEERS = ["jsonwebtoken 12", "jsonwebtoken", "jwt 0.16", "jwt-compact", "jwt-simple"]
HEADERS = ["jsonwebtoken 12", "jsonwebtoken 11", "jwt 0.16", "jwt-compact 0.8", "jwt-simple 0.15"]

rows = {}
load = ""
for line in open(sys.argv[1] if len(sys.argv) > 1 else "dev/bench-peers/runs/latest.md"):
    if line.startswith("load average"):
        load = line.strip()
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 6 and cells[0] not in ("operation", "---"):
        rows.setdefault(cells[0], {})[cells[1]] = cells

def time(cell):
    return cell.split(" [")[0]

PIPELINE = "pipeline floor (no strictness)"

print("| operation | jwt-core | " + " | ".join(HEADERS) + " | HMAC floor | pipeline floor |")
print("|---|---:|" + "---:|" * len(HEADERS) + "---:|---:|")
for op, by in rows.items():
    if not op.startswith("HS") or "kid" in op:
        continue
    ours = by["jwt-core"]
    cols = [f"**{time(ours[2])}** (0)"]
    for peer in PEERS:
        c = by[peer]
        cols.append(f"{time(c[2])} ({c[5]}); {c[3]}")
    cols.append(time(by["HMAC-only floor"][2]))
    pipeline = by.get(PIPELINE)
    cols.append(f"{time(pipeline[2])}; {pipeline[3]}" if pipeline else "—")
    print(f"| {op} | " + " | ".join(cols) + " |")
print()
print(f"Peer cells: median time (allocations); the peer's time ÷ jwt-core's, median of three runs [min–max]; the pipeline floor's cell likewise. {load}.")
