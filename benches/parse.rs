//! Parsing throughput over the corpus repeated to about 10 MB, beside jieba segmentation
//! of the same text as the baseline (parsing should never cost more than segmenting).

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jianggao::core::parse::pipeline::parse_text;

fn corpus_text() -> String {
    common::corpus_files()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let one = corpus_text();
    // Each copy is parsed as its own file, as `parse DIR` would.
    let copies = (10 * 1024 * 1024) / one.len() + 1;
    let total = one.len() * copies;
    let jieba = jieba_rs::Jieba::new();
    let mut g = c.benchmark_group("parse");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("parse_10mb", |b| {
        b.iter(|| {
            let mut n = 0;
            for _ in 0..copies {
                n += parse_text("bench.txt", "utf-8", &one).sections.len();
            }
            n
        })
    });
    g.bench_function("jieba_cut_10mb_baseline", |b| {
        b.iter(|| {
            let mut n = 0;
            for _ in 0..copies {
                n += jieba.cut(&one, true).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
