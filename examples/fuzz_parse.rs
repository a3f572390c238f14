//! Mutation fuzzing of everything a user's file goes through: real corpus files and a Word
//! file the app wrote are mutated (bytes changed, cut, repeated, removed) and handed to the
//! decoder, the .docx reader, the parser, the draft conversion and the text export. Any
//! panic is a defect. `cargo run --release --example fuzz_parse -- 60` runs 60 seconds.

use std::path::Path;

use jianggao::core::draft::Draft;
use jianggao::core::export;
use jianggao::core::parse::{docx_read, pipeline, read};

// xorshift64: deterministic, so a failing run can be repeated.
#[path = "../benches/common/rng.rs"]
mod rng;
use rng::Rng;

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir("assets/corpus")
        .expect("run from the repository root")
        .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
        .collect();
    let speech = pipeline::parse_file(Path::new("assets/corpus/000_a6e6bccaa37c41e7.txt"))
        .expect("corpus file");
    let out = std::env::temp_dir().join(format!("jianggao-fuzz-{}.docx", std::process::id()));
    let lines = export::lines::lines(&Draft::from_speech(&speech));
    export::write(&lines, &out, export::Format::Docx, &Default::default()).expect("docx");
    seeds.push(std::fs::read(&out).expect("docx back"));
    let _ = std::fs::remove_file(&out);
    seeds
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(16) {
        let i = rng.below(b.len());
        match rng.below(4) {
            0 if !b.is_empty() => b[i] = rng.next() as u8,
            1 => b.truncate(i),
            2 => {
                let j = rng.below(b.len());
                let copy: Vec<u8> = b[j.min(b.len())..].iter().take(64).copied().collect();
                b.splice(i.min(b.len())..i.min(b.len()), copy);
            }
            _ if i < b.len() => {
                b.remove(i);
            }
            _ => {}
        }
    }
    b
}

fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30);
    let seeds = seeds();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = std::time::Instant::now();
    let mut cases = 0u64;
    while start.elapsed().as_secs() < secs {
        let seed = &seeds[rng.below(seeds.len())];
        let b = mutate(&mut rng, seed);
        let _ = docx_read::paragraphs_from_bytes(&b);
        if let Ok(d) = read::decode_bytes(&b) {
            for s in pipeline::parse_text_all("fuzz", &d.encoding, &d.text) {
                let _ = export::render_txt(&Draft::from_speech(&s));
            }
        }
        cases += 1;
    }
    println!("{cases} cases in {secs} s, no panic");
}
