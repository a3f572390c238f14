//! Suggestion queries on synthetic libraries of 10,000, 100,000 and 1,000,000 phrases.

mod common;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::library::{Library, Phrase};
use jianggao::core::nlp;
use jianggao::core::suggest::PhraseIndex;

/// Phrases recombined from the shipped ones: two phrases' texts joined, their keywords
/// and topics merged.
fn synthetic(base: &[Phrase], n: usize) -> Vec<Phrase> {
    let mut rng = common::Rng::new(7);
    (0..n)
        .map(|_| {
            let a = rng.pick(base);
            let b = rng.pick(base);
            let text = format!("{}{}", a.text, b.text);
            Phrase {
                keywords: nlp::keywords(&text),
                text,
                kind: a.kind,
                topics: a.topics.iter().chain(&b.topics).take(3).cloned().collect(),
                count: 1 + (rng.next() % 5) as usize,
                sources: a.sources.clone(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let (lib, _) = Library::load_dir(&dir);
    let contexts = [
        "严明纪律，持续纠治四风，加强作风建设，把纪律和规矩挺在前面",
        "深入学习贯彻党的创新理论，推动理论学习常态化，用理论武装头脑",
        "建强基层党组织，发挥战斗堡垒作用和党员先锋模范作用",
        "压实管党治党主体责任，推动党建与业务深度融合",
    ];
    let mut g = c.benchmark_group("suggest");
    for n in [10_000usize, 100_000, 1_000_000] {
        let phrases = synthetic(&lib.phrases, n);
        let idx = PhraseIndex::new(&phrases, TopicLexicon::builtin());
        let mut k = 0;
        g.bench_with_input(BenchmarkId::new("query", n), &idx, |b, idx| {
            b.iter(|| {
                k = (k + 1) % contexts.len();
                idx.query("", contexts[k], 10, None).len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
