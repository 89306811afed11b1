//! Runs one contender of one case a given number of times, for counting instructions under
//! callgrind: `instructions "HS256 verify typical" jwt-core 101`. The per-operation count is
//! the difference between two runs divided by the difference in iterations, so start-up and
//! set-up cancel out (see `dev/bench-peers/instructions.sh`).

use std::hint::black_box;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [case, contender, iterations] = args.as_slice() else {
        eprintln!("usage: instructions <case> <contender> <iterations>");
        for case in jwt_bench_peers::all_cases() {
            eprintln!("  {case}", case = case.name);
        }
        return ExitCode::from(2);
    };
    let Ok(iterations) = iterations.parse::<u32>() else {
        eprintln!("iterations must be a number");
        return ExitCode::from(2);
    };
    let mut cases = jwt_bench_peers::all_cases();
    let Some(run) = cases
        .iter_mut()
        .filter(|c| c.name == *case)
        .flat_map(|c| c.contenders.iter_mut())
        .find(|c| c.name == *contender)
        .map(|c| &mut c.run)
    else {
        eprintln!("no contender {contender:?} in case {case:?}");
        return ExitCode::from(2);
    };
    for _ in 0..iterations {
        black_box(run());
    }
    ExitCode::SUCCESS
}
