//! Synthetic corpora for the benches, recombined from the shipped corpus.

#![allow(dead_code)]

pub mod archive;

use jianggao::core::parse::pipeline::parse_file;

/// The benches measure with the allocator the binary ships with (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use jianggao::core::parse::speech::Speech;

/// A small deterministic generator (xorshift), so every run measures the same input.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

/// The shipped corpus files, sorted.
pub fn corpus_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

pub fn corpus() -> Vec<Speech> {
    corpus_files()
        .iter()
        .map(|p| parse_file(p).unwrap())
        .collect()
}

/// Sentences of every paragraph in the corpus.
pub fn sentences(speeches: &[Speech]) -> Vec<String> {
    let mut out = Vec::new();
    for s in speeches {
        for t in s.all_text() {
            let mut cur = String::new();
            for c in t.chars() {
                cur.push(c);
                if matches!(c, '。' | '！' | '？') {
                    out.push(std::mem::take(&mut cur));
                }
            }
            if cur.chars().count() > 8 {
                cur.push('。');
                out.push(cur);
            }
        }
    }
    out
}

/// `n` speeches of recombined sentences, each laid out like a real one.
pub fn synthetic_speeches(n: usize) -> Vec<String> {
    let speeches = corpus();
    let sents = sentences(&speeches);
    let headings: Vec<String> = speeches
        .iter()
        .flat_map(|s| s.all_sections().into_iter().map(|x| x.heading.clone()))
        .collect();
    let mut rng = Rng::new(42);
    let han = ["一", "二", "三", "四", "五"];
    let para = |rng: &mut Rng| (0..4).map(|_| rng.pick(&sents).clone()).collect::<String>();
    (0..n)
        .map(|i| {
            let mut t = format!("在第{i}次工作会议上的讲话\n同志们：\n");
            t.push_str(&para(&mut rng));
            t.push_str("下面，我讲几点意见。\n");
            for a in han.iter().take(3) {
                t.push_str(&format!(
                    "{a}、{}\n{}\n",
                    rng.pick(&headings),
                    para(&mut rng)
                ));
                for b in han.iter().take(2) {
                    t.push_str(&format!(
                        "（{b}）{}。{}\n",
                        rng.pick(&headings),
                        para(&mut rng)
                    ));
                }
            }
            t.push_str(&format!("同志们，{}\n谢谢大家！\n", para(&mut rng)));
            t
        })
        .collect()
}

/// The synthetic speeches parsed, as mining takes them.
pub fn sources(texts: &[String]) -> Vec<jianggao::core::mine::Source> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| jianggao::core::mine::Source {
            file: format!("{i:04}.txt"),
            speech: jianggao::core::parse::pipeline::parse_text("x", "utf-8", t),
        })
        .collect()
}
