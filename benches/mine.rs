//! Mining 1,000 synthetic speeches (≈5 MB) beside jieba `cut` over the same text.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::mine::{Source, mine};
use jianggao::core::parse::pipeline::parse_text;

fn bench(c: &mut Criterion) {
    let texts = common::synthetic_speeches(1000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let sources: Vec<Source> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source {
            file: format!("{i:04}.txt"),
            speech: parse_text("x", "utf-8", t),
        })
        .collect();
    let lex = TopicLexicon::builtin();
    let jieba = jianggao::core::nlp::jieba();
    let mut g = c.benchmark_group("mine");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    // The library is returned, and freed outside the measurement: mining is measured,
    // not the freeing of its ten thousand templates (≈10 ms).
    g.bench_function("mine_1000_speeches", |b| {
        b.iter_with_large_drop(|| mine(&sources, &lex))
    });
    g.bench_function("jieba_cut_baseline", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| jieba.cut(t, true).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
