//! The whole import path — read, parse, mine, write, load — over a generated archive of
//! 1,000 speeches (10,000 too with `IMPORT_10K=1`), beside jieba `cut` of the text read
//! from the same files. Peak memory of the bench process is printed at the end (VmHWM);
//! scripts/import-scale.sh measures whole processes.

mod common;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jianggao::core::lexicon::topics::TopicLexicon;

/// Imports `corpus` into a new library folder under `out`, then loads it back.
fn import(corpus: &Path, out: &Path) -> usize {
    let lib = out.join("库");
    let _ = std::fs::remove_dir_all(&lib);
    let lex = TopicLexicon::builtin();
    let report = jianggao::core::import::import(
        &[corpus.to_path_buf()],
        &lib,
        jianggao::core::library::update::UpdateMode::Merge,
        &lex,
        &AtomicBool::new(false),
        |_, _| {},
    )
    .expect("import");
    assert!(report.read > 0);
    let (loaded, errors) = jianggao::core::library::store::load(&lib);
    assert!(errors.is_empty());
    loaded.templates.len()
}

fn jieba_cut(files: &[std::path::PathBuf]) -> usize {
    let jieba = jianggao::core::nlp::jieba();
    files
        .iter()
        .map(|f| {
            let d = jianggao::core::parse::read::read_file(f).expect("read");
            jieba.cut(&d.text, true).len()
        })
        .sum()
}

fn peak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn bench(c: &mut Criterion) {
    let mut sizes = vec![1000];
    if std::env::var_os("IMPORT_10K").is_some() {
        sizes.push(10_000);
    }
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    for n in sizes {
        let tmp = tempfile::tempdir().expect("tempdir");
        let corpus = tmp.path().join("archive");
        let stats = common::archive::write_archive(&corpus, n, 42).expect("archive");
        let files = common::archive::archive_files(&corpus);
        g.throughput(Throughput::Bytes(stats.bytes));
        g.bench_function(format!("import_{n}_speeches"), |b| {
            b.iter(|| import(&corpus, tmp.path()))
        });
        g.bench_function(format!("jieba_cut_{n}_files"), |b| {
            b.iter(|| jieba_cut(&files))
        });
    }
    g.finish();
    if let Some(mb) = peak_mb() {
        eprintln!("import bench: peak memory of this process {mb:.0} MB");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
