//! Heap allocations per operation for every contender: jwt-core's must be zero, every case.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use jwt_bench_peers::{OURS, all_cases};

#[global_allocator]
static ALLOCATOR: alloc_counter::Counting = alloc_counter::Counting;

#[test]
fn jwt_core_never_allocates_and_every_contender_succeeds() {
    for mut case in all_cases() {
        for contender in &mut case.contenders {
            // Once to warm up (lazy statics are not the operation's), then counted.
            black_box((contender.run)());
            let (_, allocations) = alloc_counter::count(|| black_box((contender.run)()));
            println!("{:<24} {:<16} {allocations}", case.name, contender.name);
            if contender.name.starts_with(OURS) {
                assert_eq!(allocations, 0, "{}", case.name);
            }
        }
    }
}
