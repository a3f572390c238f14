//! Mining the benches' synthetic speeches under a profiler, where criterion's repeated
//! runs and baseline get in the way. Instruction counts of one steady-state run:
//!
//! ```text
//! cargo build --release --example prof_mine
//! valgrind --tool=callgrind --dump-after='jianggao::core::mine::mine' \
//!     target/release/examples/prof_mine 2 150   # 2 runs of 150 speeches; read the .2 dump
//! ```

#[path = "../benches/common/mod.rs"]
mod common;

use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::mine::mine;

fn main() {
    let arg = |i: usize, default: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let (runs, speeches) = (arg(1, 5).max(1), arg(2, 1000));
    let texts = common::synthetic_speeches(speeches);
    let sources = common::sources(&texts);
    let lex = TopicLexicon::builtin();
    let t = std::time::Instant::now();
    let mut last = None;
    for _ in 0..runs {
        last = Some(std::hint::black_box(mine(&sources, &lex)));
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    eprintln!("mining: {ms:.0} ms a run");
    // The library of the last run, to compare a change's output with the one before it.
    if let (Ok(dir), Some(lib)) = (std::env::var("PROF_MINE_OUT"), last) {
        lib.save(std::path::Path::new(&dir)).expect("library saved");
    }
}
