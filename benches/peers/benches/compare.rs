//! jwt-core, its peers and the bare primitives, measured in one run, then a table of
//! medians, ratios and heap allocations per operation.
//!
//! `cargo bench -p jwt-bench-peers` (all cases, about three minutes), or
//! `cargo bench -p jwt-bench-peers -- "HS256 verify"` for a subset.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "benchmark harness"
)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use criterion::Criterion;
use jwt_bench_peers::{Case, FLOORS, OURS, all_cases};

#[global_allocator]
static ALLOCATOR: alloc_counter::Counting = alloc_counter::Counting;

fn main() {
    let started = SystemTime::now();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion-peers");
    let mut c = Criterion::default()
        .output_directory(&dir)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    let mut cases = all_cases();
    for case in &mut cases {
        let mut group = c.benchmark_group(&case.name);
        for contender in &mut case.contenders {
            group.bench_function(contender.name, |b| b.iter(|| black_box((contender.run)())));
        }
        group.finish();
    }
    c.final_summary();
    report(&mut cases, &dir, started);
}

/// The median of one benchmark from this run, in nanoseconds; `None` when it did not run
/// this time (filtered out).
fn median_ns(dir: &Path, case: &str, contender: &str, since: SystemTime) -> Option<f64> {
    let path: PathBuf = [dir, Path::new(case), Path::new(contender)]
        .iter()
        .collect::<PathBuf>()
        .join("new/estimates.json");
    let fresh = std::fs::metadata(&path).ok()?.modified().ok()? >= since;
    if !fresh {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Heap allocations of one call, after a warm-up call (lazy statics are not the operation's).
fn allocations(run: &mut Box<dyn FnMut() -> usize>) -> usize {
    black_box(run());
    alloc_counter::count(|| black_box(run())).1
}

fn report(cases: &mut [Case], dir: &Path, since: SystemTime) {
    println!();
    println!("| operation | contender | median | vs jwt-core | vs floor | allocations |");
    println!("|---|---|---:|---:|---:|---:|");
    for case in cases {
        let medians: Vec<Option<f64>> = case
            .contenders
            .iter()
            .map(|c| median_ns(dir, &case.name, c.name, since))
            .collect();
        let find = |pred: &dyn Fn(&str) -> bool| {
            case.contenders
                .iter()
                .zip(&medians)
                .find(|(c, _)| pred(c.name))
                .and_then(|(_, m)| *m)
        };
        let ours = find(&|n| n == OURS);
        let floor = find(&|n| FLOORS.contains(&n));
        for (contender, median) in case.contenders.iter_mut().zip(&medians) {
            let Some(median) = *median else { continue };
            let ratio =
                |base: Option<f64>| base.map_or("—".into(), |b| format!("{:.2}×", median / b));
            println!(
                "| {} | {} | {} | {} | {} | {} |",
                case.name,
                contender.name,
                human(median),
                ratio(ours),
                ratio(floor),
                allocations(&mut contender.run),
            );
        }
    }
}

fn human(ns: f64) -> String {
    if ns >= 10_000.0 {
        format!("{:.1} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}
