//! jwt-core, its peers and the bare primitives, measured in one run, then a table of
//! medians, ratios and heap allocations per operation.
//!
//! `cargo bench -p jwt-bench-peers` (all cases, about five minutes), or
//! `cargo bench -p jwt-bench-peers -- "HS256 verify"` for a subset.
//!
//! Two phases. Criterion measures every contender (its usual report and statistics). Then the
//! table's numbers come from *interleaved rounds*: each round times a batch of every contender
//! of a case back to back (in a rotating order), and a contender's ratio to jwt-core or to the
//! floor is the median over rounds of the ratio within each round. On a shared machine whose
//! speed drifts by tens of percent from one second to the next, contenders measured seconds
//! apart are not comparable; contenders measured milliseconds apart are. The interleaved
//! measurement runs three times: a cell is the median of the three runs' medians, with their
//! minimum and maximum, and the table starts with the machine's load average.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::cast_precision_loss,
    clippy::as_conversions,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "benchmark harness"
)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use jwt_bench_peers::{Case, FLOORS, OURS, all_cases};

#[global_allocator]
static ALLOCATOR: alloc_counter::Counting = alloc_counter::Counting;

/// Interleaved rounds per run, runs per case, and the time one contender's batch takes in a
/// round.
const ROUNDS: usize = 41;
const RUNS: usize = 3;
const BATCH: Duration = Duration::from_millis(8);

fn main() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion-peers");
    let mut c = Criterion::default()
        .output_directory(&dir)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut cases: Vec<Case> = all_cases()
        .into_iter()
        .filter(|case| filters.is_empty() || filters.iter().any(|f| case.name.contains(f.as_str())))
        .collect();
    for case in &mut cases {
        let mut group = c.benchmark_group(&case.name);
        for contender in &mut case.contenders {
            group.bench_function(contender.name, |b| b.iter(|| black_box((contender.run)())));
        }
        group.finish();
    }
    c.final_summary();

    println!();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average (1, 5, 15 min): {}; {} cores; {RUNS} runs of {ROUNDS} interleaved rounds; \
         cells: median of the runs [min–max]",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(", "),
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    );
    println!();
    println!("| operation | contender | median | vs jwt-core | vs floor | allocations |");
    println!("|---|---|---:|---:|---:|---:|");
    for case in &mut cases {
        report(case);
    }
}

/// Nanoseconds per call of every contender of `case`, one row per interleaved round.
fn interleaved(case: &mut Case) -> Vec<Vec<f64>> {
    let batches: Vec<u64> = case
        .contenders
        .iter_mut()
        .map(|c| {
            // Calibrate: the number of calls that takes about one batch time.
            let mut n = 1u64;
            loop {
                let t = Instant::now();
                for _ in 0..n {
                    black_box((c.run)());
                }
                if t.elapsed() >= BATCH / 4 {
                    let per_call = t.elapsed().as_secs_f64() / n as f64;
                    return ((BATCH.as_secs_f64() / per_call) as u64).max(1);
                }
                n *= 2;
            }
        })
        .collect();
    let count = case.contenders.len();
    (0..ROUNDS)
        .map(|round| {
            let mut row = vec![0.0; count];
            for k in 0..count {
                let i = (round + k) % count;
                let t = Instant::now();
                for _ in 0..batches[i] {
                    black_box((case.contenders[i].run)());
                }
                row[i] = t.elapsed().as_nanos() as f64 / batches[i] as f64;
            }
            row
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Heap allocations of one call, after a warm-up call (lazy statics are not the operation's).
fn allocations(run: &mut Box<dyn FnMut() -> usize>) -> usize {
    black_box(run());
    alloc_counter::count(|| black_box(run())).1
}

fn report(case: &mut Case) {
    let runs: Vec<Vec<Vec<f64>>> = (0..RUNS).map(|_| interleaved(case)).collect();
    let position = |pred: &dyn Fn(&str) -> bool| case.contenders.iter().position(|c| pred(c.name));
    let ours = position(&|n| n == OURS);
    let floor = position(&|n| FLOORS.contains(&n));
    // One value per run: the median over its rounds of `value(round)`.
    let per_run = |value: &dyn Fn(&[f64]) -> f64| -> Vec<f64> {
        runs.iter()
            .map(|rounds| median(rounds.iter().map(|r| value(r)).collect()))
            .collect()
    };
    let ratio = |i: usize, base: Option<usize>| {
        base.map_or("—".into(), |b| {
            spread(&per_run(&|r| r[i] / r[b]), |x| format!("{x:.2}×"))
        })
    };
    for i in 0..case.contenders.len() {
        let ns = spread(&per_run(&|r| r[i]), human);
        let allocs = allocations(&mut case.contenders[i].run);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            case.name,
            case.contenders[i].name,
            ns,
            ratio(i, ours),
            ratio(i, floor),
            allocs,
        );
    }
}

/// `median [min–max]` of the runs' values.
fn spread(values: &[f64], show: impl Fn(f64) -> String) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{} [{}–{}]",
        show(median(values.to_vec())),
        show(min),
        show(max)
    )
}

fn human(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}
