//! Mining 1,000 synthetic speeches (≈5 MB) beside jieba `cut` over the same text.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jianggao::core::lexicon::topics::TopicLexicon;
use jianggao::core::mine::{Source, mine};
use jianggao::core::parse::speech::Section;

fn bench(c: &mut Criterion) {
    let texts = common::synthetic_speeches(1000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let sources = common::sources(&texts);
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
    // The synthetic speeches recombine the corpus, so their paragraphs repeat and mining
    // analyses each distinct text once. Here every paragraph is made unique (its speech's
    // number appended), so nothing is analysed twice: the cost of an archive with no
    // repeated paragraph.
    let unique = unique_paragraphs(&sources);
    g.bench_function("mine_1000_unique_paragraphs", |b| {
        b.iter_with_large_drop(|| mine(&unique, &lex))
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
    cpu_ratio("", &sources, &lex, &texts);
    cpu_ratio("（段落不重复）", &unique, &lex, &texts);
}

fn unique_paragraphs(sources: &[Source]) -> Vec<Source> {
    fn mark(paras: &mut [String], n: usize) {
        for p in paras {
            p.push_str(&format!("（{n}）"));
        }
    }
    fn mark_sections(secs: &mut [Section], n: usize) {
        for s in secs {
            mark(&mut s.paragraphs, n);
            mark_sections(&mut s.children, n);
        }
    }
    sources
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let mut speech = s.speech.clone();
            mark(&mut speech.opening, n);
            mark_sections(&mut speech.sections, n);
            mark(&mut speech.closing, n);
            Source {
                file: s.file.clone(),
                speech,
            }
        })
        .collect()
}

/// CPU time of this process (all threads), from /proc; `None` off Linux.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// On a shared machine wall time depends on the other jobs; CPU time much less. Mining
/// uses every core and jieba `cut` one, so this ratio is the wall ratio times the cores
/// mining had.
fn cpu_ratio(label: &str, sources: &[Source], lex: &TopicLexicon, texts: &[String]) {
    let jieba = jianggao::core::nlp::jieba();
    let runs = 5;
    let Some(t0) = cpu_seconds() else { return };
    for _ in 0..runs {
        std::hint::black_box(mine(sources, lex));
    }
    let t1 = cpu_seconds().unwrap_or(t0);
    for _ in 0..runs * 4 {
        std::hint::black_box(
            texts
                .iter()
                .map(|t| jieba.cut(t, true).len())
                .sum::<usize>(),
        );
    }
    let t2 = cpu_seconds().unwrap_or(t1);
    let (m, j) = ((t1 - t0) / runs as f64, (t2 - t1) / (runs * 4) as f64);
    println!(
        "CPU time per run{label}: mining {:.0} ms, jieba cut {:.0} ms, ratio {:.1}",
        m * 1000.0,
        j * 1000.0,
        m / j
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
