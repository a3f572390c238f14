//! A synthetic writer's archive: speeches recombined from the paragraphs of the shipped
//! corpus, laid out in year folders, with what real archives hold besides — the same
//! file saved twice, a GBK copy of a UTF-8 file, a draft that differs in one paragraph,
//! paragraphs reused verbatim or with other punctuation. Seeded, so every run writes the
//! same bytes. Shared by the `import` bench and `examples/gen_archive.rs`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use jianggao::core::parse::pipeline::parse_file;
use jianggao::core::parse::speech::Speech;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// Paragraph and heading pools by role, from the parsed corpus.
struct Pools {
    openings: Vec<String>,
    bodies: Vec<String>,
    closings: Vec<String>,
    headings: Vec<String>,
    points: Vec<String>,
    sentences: Vec<String>,
}

fn split_sentences(p: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    for c in p.chars() {
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；') {
            if cur.chars().count() > 6 {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.clear();
            }
        }
    }
}

fn pools(speeches: &[Speech]) -> Pools {
    let mut p = Pools {
        openings: Vec::new(),
        bodies: Vec::new(),
        closings: Vec::new(),
        headings: Vec::new(),
        points: Vec::new(),
        sentences: Vec::new(),
    };
    for s in speeches {
        p.openings.extend(s.opening.iter().cloned());
        p.closings.extend(s.closing.iter().cloned());
        for sec in s.all_sections() {
            if sec.level == 1 {
                p.headings.push(sec.heading.clone());
            } else {
                p.points.push(sec.heading.clone());
            }
            p.bodies.extend(sec.paragraphs.iter().cloned());
        }
        for t in s.all_text() {
            split_sentences(t, &mut p.sentences);
        }
    }
    // Very short "paragraphs" (a line of a list) make poor material to recombine.
    for v in [&mut p.openings, &mut p.bodies, &mut p.closings] {
        v.retain(|x| x.chars().count() >= 40);
    }
    p
}

/// Half-width punctuation: the same paragraph as a web copy would give it.
fn half_width(p: &str) -> String {
    p.chars()
        .map(|c| match c {
            '，' => ',',
            '；' => ';',
            '：' => ':',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

impl Pools {
    /// A paragraph: mostly new sentences recombined, sometimes a corpus paragraph as it
    /// was (a writer's stock passage), sometimes one with other punctuation.
    fn paragraph(&self, rng: &mut Rng, pool: &[String]) -> String {
        match rng.next() % 100 {
            0..15 => rng.pick(pool).clone(),
            15..20 => half_width(rng.pick(pool).as_str()),
            _ => (0..3 + rng.below(4))
                .map(|_| rng.pick(&self.sentences).as_str())
                .collect(),
        }
    }

    fn speech(&self, i: usize, rng: &mut Rng) -> String {
        const HAN: [&str; 5] = ["一", "二", "三", "四", "五"];
        let meetings = [
            "全市组织工作会议",
            "机关党建工作推进会",
            "党风廉政建设工作会议",
            "主题教育动员部署会",
            "年度工作总结会",
        ];
        let mut t = format!("在{}（第{i}号）上的讲话\n\n同志们：\n", rng.pick(&meetings));
        for _ in 0..2 {
            t.push_str(&self.paragraph(rng, &self.openings));
            t.push('\n');
        }
        t.push_str("下面，我讲几点意见。\n");
        for a in HAN.iter().take(3) {
            t.push_str(&format!("{a}、{}\n", rng.pick(&self.headings)));
            t.push_str(&self.paragraph(rng, &self.bodies));
            t.push('\n');
            for b in HAN.iter().take(2 + rng.below(2)) {
                t.push_str(&format!("（{b}）{}。", rng.pick(&self.points)));
                t.push_str(&self.paragraph(rng, &self.bodies));
                t.push('\n');
            }
        }
        t.push_str("同志们，");
        t.push_str(&self.paragraph(rng, &self.closings));
        t.push_str("\n谢谢大家！\n");
        t
    }
}

/// What was written.
#[derive(Debug, Default, Clone)]
pub struct ArchiveStats {
    pub files: usize,
    pub bytes: u64,
    pub exact_copies: usize,
    pub gbk_copies: usize,
    pub near_copies: usize,
}

/// The path of file `i` of an archive: ten year folders.
fn file_path(dir: &Path, i: usize, suffix: &str) -> PathBuf {
    dir.join(format!("{}", 2016 + i % 10))
        .join(format!("讲话{i:05}{suffix}.txt"))
}

/// Writes `n` speech files under `dir` (created), seeded by `seed`. About 3 % are a byte
/// copy of an earlier file, 2 % a GBK copy and 2 % an earlier file with one paragraph
/// rewritten. Returns what was written.
pub fn write_archive(dir: &Path, n: usize, seed: u64) -> std::io::Result<ArchiveStats> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let speeches: Vec<Speech> = files.iter().filter_map(|f| parse_file(f).ok()).collect();
    let pools = pools(&speeches);
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut stats = ArchiveStats::default();
    let mut texts: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let roll = rng.next() % 100;
        let (text, bytes, suffix) = if i > 10 && roll < 3 {
            stats.exact_copies += 1;
            let t = texts[rng.below(i)].clone();
            let b = t.clone().into_bytes();
            (t, b, "（副本）")
        } else if i > 10 && roll < 5 {
            stats.gbk_copies += 1;
            let t = texts[rng.below(i)].clone();
            let (b, _, _) = encoding_rs::GBK.encode(&t);
            let b = b.into_owned();
            (t, b, "（GBK）")
        } else if i > 10 && roll < 7 {
            stats.near_copies += 1;
            let base = &texts[rng.below(i)];
            let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
            let k = 3 + rng.below(lines.len().saturating_sub(6).max(1));
            if let Some(l) = lines.get_mut(k) {
                *l = pools.paragraph(&mut rng, &pools.bodies);
            }
            let t = lines.join("\n") + "\n";
            let b = t.clone().into_bytes();
            (t, b, "（修改稿）")
        } else {
            let t = pools.speech(i, &mut rng);
            let b = t.clone().into_bytes();
            (t, b, "")
        };
        let path = file_path(dir, i, suffix);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
        std::fs::write(&path, &bytes)?;
        stats.files += 1;
        stats.bytes += bytes.len() as u64;
        texts.push(text);
    }
    Ok(stats)
}

/// Every speech file under `dir`, sorted (the order `jianggao mine` reads them in).
pub fn archive_files(dir: &Path) -> Vec<PathBuf> {
    jianggao::core::parse::read::collect_inputs(&[dir.to_path_buf()])
}
