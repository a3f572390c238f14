//! Mining a corpus of parsed speeches into a library of section templates and stock
//! phrases.

mod collocation_words;
pub mod collocations;
pub mod figures;
pub mod found;
pub mod frames;
pub mod idioms;
mod judge;
pub mod local_words;
mod merge;
mod merged;
mod own_lists;
pub mod parallels;
pub mod phrases;
pub mod place_names;
mod plain_verbs;
mod run_judge;
mod run_shape;
mod segmented;
pub mod slogans;
pub mod slots;
pub mod specifics;
pub mod stream;
pub mod templates;
pub mod word_list;

use merge::Grouped;
pub use segmented::{Blanks, Facts, Segmented};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::core::lexicon::topics::TopicLexicon;
use crate::core::library::{Library, PhraseKind};
use crate::core::parallel::par_chunks;
use crate::core::parse::pipeline;
use crate::core::parse::read;
use crate::core::parse::speech::{Section, Speech};

/// One occurrence of a phrase before merging.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub kind: PhraseKind,
    pub text: String,
    pub file: String,
    pub path: String,
    /// This occurrence reads as the source's own (a campaign, an activity, scare quotes).
    pub specific: bool,
    /// Topic evidence of the paragraph it occurs in: (topic index, words).
    pub context: Vec<(usize, u32)>,
}

/// A parsed speech and the file name it is known by in the library.
pub struct Source {
    pub file: String,
    pub speech: Speech,
}

/// What one worker finds in its share of the speeches, in source order.
struct Partial {
    templates: Vec<crate::core::library::Template>,
    phrases: Grouped,
    /// Of templates taken out (`stream::Piece::take_templates`).
    section_topics: Vec<((String, String), Vec<String>)>,
}

fn mine_part(sources: &[Source], lex: &TopicLexicon) -> Partial {
    let mut seg = Segmented::default();
    let mut occ = Vec::new();
    let mut part = Partial {
        templates: Vec::new(),
        phrases: Grouped::default(),
        section_topics: Vec::new(),
    };
    for s in sources {
        seg.clear();
        let texts = texts_with_paths(&s.speech);
        for (_, text, _) in &texts {
            seg.words(text);
        }
        let templates = templates::templates_of(&s.speech, &s.file, lex, &mut seg);
        let places = place_names::of_speech(&s.speech, &templates);
        part.templates.extend(templates);
        for (path, text, heading) in &texts {
            let from = occ.len();
            phrases::scan(text, &s.file, path, &mut seg, &mut occ);
            if *heading {
                // Two clauses in a heading are the heading's shape (加强领导，精心组织), which
                // heading frames hold; a run of three or more is a 排比 wherever it stands.
                let found: Vec<Occurrence> = occ.drain(from..).collect();
                occ.extend(
                    found.into_iter().filter(|o| {
                        o.kind != PhraseKind::Parallel || parallels::items(&o.text) >= 3
                    }),
                );
            }
            if occ.len() > from {
                // What the paragraph is about tells what its phrases are for.
                let hits = seg.topic_hits(text, lex);
                for o in &mut occ[from..] {
                    o.context = hits.to_vec();
                }
            }
        }
        heading_frames(&s.speech, &s.file, &mut occ);
        // A phrase naming a place of the speech is its own (“桐溪好家风”); a quotation
        // names its speaker, not a place of the speech.
        for o in occ.iter_mut().filter(|o| o.kind != PhraseKind::Quote) {
            o.specific |= places.iter().any(|p| o.text.contains(p.as_str()));
        }
        for o in occ.drain(..) {
            part.phrases.add(o);
        }
    }
    part
}

/// Mines speeches into a library. Deterministic: the same input gives the same library,
/// however many threads share the work (each takes a contiguous run of speeches and the
/// results are joined in source order).
pub fn mine(sources: &[Source], lex: &TopicLexicon) -> Library {
    let mut joined = stream::Joined::default();
    for p in par_chunks(sources, |c, _| mine_part(c, lex)) {
        joined.push(stream::Piece(p));
    }
    joined.finish(lex)
}

/// Every paragraph and heading of a speech with its section path, and whether it is a
/// heading.
fn texts_with_paths(s: &Speech) -> Vec<(String, &str, bool)> {
    let mut out: Vec<(String, &str, bool)> = s
        .opening
        .iter()
        .map(|p| ("开头".to_string(), p.as_str(), false))
        .collect();
    for p in s.placed_sections() {
        out.push((p.path.clone(), p.section.heading.as_str(), true));
        let paras = p.section.paragraphs.iter();
        out.extend(paras.map(|t| (p.path.clone(), t.as_str(), false)));
    }
    out.extend(
        s.closing
            .iter()
            .map(|p| ("结尾".to_string(), p.as_str(), false)),
    );
    out
}

/// Frames of sibling headings, at every level: once per list of siblings, counted once
/// per heading.
fn heading_frames(s: &Speech, file: &str, out: &mut Vec<Occurrence>) {
    let mut lists: Vec<(&[Section], String)> = vec![(&s.sections, String::new())];
    for p in s.placed_sections() {
        if !p.section.children.is_empty() {
            lists.push((&p.section.children, p.path.clone()));
        }
    }
    for (secs, path) in lists {
        let heads: Vec<&str> = secs.iter().map(|s| s.heading.as_str()).collect();
        if let Some(f) = frames::frame(&heads) {
            for _ in secs {
                out.push(Occurrence {
                    kind: PhraseKind::HeadingFrame,
                    text: f.clone(),
                    file: file.to_string(),
                    specific: false,
                    context: Vec::new(),
                    path: path.clone(),
                });
            }
        }
    }
}

/// What a mining run read, skipped and produced.
pub struct MineReport {
    pub read: usize,
    pub skipped: Vec<(PathBuf, String)>,
    pub library: Library,
}

/// The name a file is known by in the library: its path relative to the folder it was
/// found in (just the file name for files given directly).
pub fn library_name(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = if rel.as_os_str().is_empty() {
        file
    } else {
        rel
    };
    if root.is_dir() {
        rel.to_string_lossy().replace('\\', "/")
    } else {
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Reads every .txt/.docx under `roots`, parses and mines them. A bad file is skipped and
/// reported, never fatal. `progress(done, total)` is called after each file; setting
/// `cancel` stops reading and mines what was read so far.
// Over 80 lines: reading, cancelling and mining share the worker threads' channels.
pub fn mine_paths(
    roots: &[PathBuf],
    lex: &TopicLexicon,
    cancel: &AtomicBool,
    mut progress: impl FnMut(usize, usize),
) -> MineReport {
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        if !root.exists() {
            skipped.push((root.clone(), "文件或文件夹不存在".to_string()));
            continue;
        }
        for f in read::collect_inputs(std::slice::from_ref(root)) {
            files.push((root.clone(), f));
        }
    }
    let total = files.len();
    // The dictionary loads (≈0.3 s) while the files are read and parsed.
    let dictionary = std::thread::spawn(|| {
        crate::core::nlp::jieba();
    });
    let mut sources = Vec::new();
    for (i, (root, f)) in files.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        // Read, then look at the cancel flag again before the parse: a large file's read
        // and its parse are the two long steps of one file.
        let parsed = read::read_file(f).and_then(|d| {
            if cancel.load(Ordering::Relaxed) {
                return Err(crate::core::error::ReadError::Invalid {
                    path: f.clone(),
                    why: "已取消".into(),
                });
            }
            // A file may hold several speeches (a collection, a web page of two): each is mined.
            Ok(pipeline::parse_text_all(
                &f.display().to_string(),
                &d.encoding,
                &d.text,
            ))
        });
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        match parsed {
            Ok(speeches) => {
                let speeches: Vec<Speech> = speeches
                    .into_iter()
                    .filter(|s| {
                        !(s.opening.is_empty() && s.sections.is_empty() && s.closing.is_empty())
                    })
                    .collect();
                if speeches.is_empty() {
                    skipped.push((f.clone(), "没有找到讲话正文".to_string()));
                }
                let name = library_name(root, f);
                for (k, speech) in speeches.into_iter().enumerate() {
                    // The second speech of a file gets its own source name, so its
                    // templates do not replace the first one's.
                    let file = if k == 0 {
                        name.clone()
                    } else {
                        let p = Path::new(&name);
                        let ext = p
                            .extension()
                            .map(|e| format!(".{}", e.to_string_lossy()))
                            .unwrap_or_default();
                        format!(
                            "{}（第{}篇）{ext}",
                            p.with_extension("").to_string_lossy(),
                            k + 1
                        )
                    };
                    sources.push(Source { file, speech });
                }
            }
            Err(e) => skipped.push((f.clone(), error_reason(&e))),
        }
        progress(i + 1, total);
    }
    // Two files with the same name in different folders must not overwrite each other.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for s in &mut sources {
        let n = seen
            .entry(crate::core::library::files::stem(&s.file))
            .or_default();
        *n += 1;
        if *n > 1 {
            let p = Path::new(&s.file);
            let ext = p
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            s.file = format!("{}#{}{}", p.with_extension("").to_string_lossy(), n, ext);
        }
    }
    let read = sources.len();
    dictionary
        .join()
        .expect("loading the jieba dictionary panicked");
    MineReport {
        read,
        skipped,
        library: mine(&sources, lex),
    }
}

fn error_reason(e: &crate::core::error::ReadError) -> String {
    match e {
        crate::core::error::ReadError::Io { source, .. } => format!("无法读取：{source}"),
        crate::core::error::ReadError::Invalid { why, .. } => why.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The corpus, each speech several times under other names: phrases recur across
    /// files, and the documents split among threads in different places.
    fn sources() -> Vec<Source> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
        let mut files: Vec<PathBuf> = read::collect_inputs(&[dir]);
        files.sort();
        (0..4)
            .flat_map(|copy| {
                files.iter().map(move |f| Source {
                    file: format!("{copy}-{}", f.file_name().unwrap().to_string_lossy()),
                    speech: pipeline::parse_file(f).unwrap(),
                })
            })
            .collect()
    }

    #[test]
    fn the_library_does_not_depend_on_how_many_threads_mine_it() {
        let (sources, lex) = (sources(), TopicLexicon::builtin());
        let with = |n: usize| {
            crate::core::parallel::THREADS.with(|t| t.set(Some(n)));
            let lib = mine(&sources, &lex);
            crate::core::parallel::THREADS.with(|t| t.set(None));
            lib
        };
        let one = with(1);
        assert!(
            one.phrases
                .iter()
                .any(|p| p.kind == PhraseKind::Collocation)
        );
        assert_eq!(one, with(2));
        assert_eq!(one, with(3));
        assert_eq!(one, with(7));
    }

    #[test]
    fn two_clauses_of_a_heading_are_its_shape_but_three_are_a_run() {
        let text = "同志们：\n一、加强领导，精心组织\n各级党组织要负起责任。\n二、知敬畏、存戒惧、守底线\n要把纪律和规矩挺在前面。\n";
        let speech = pipeline::parse_text("x.txt", "utf-8", text);
        let lib = mine(
            &[Source {
                file: "x.txt".into(),
                speech,
            }],
            &TopicLexicon::builtin(),
        );
        let runs: Vec<&str> = lib
            .phrases
            .iter()
            .filter(|p| p.kind == PhraseKind::Parallel)
            .map(|p| p.text.as_str())
            .collect();
        assert!(runs.contains(&"知敬畏、存戒惧、守底线"), "{runs:?}");
        assert!(!runs.contains(&"加强领导，精心组织"), "{runs:?}");
    }
}
