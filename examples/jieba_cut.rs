//! The whole-process baseline for `jianggao mine`: read every speech file under a folder
//! (decoded as mine decodes it) and cut its text with jieba, on one thread.
//! `cargo run --release --example jieba_cut -- DIR`.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("用法：jieba_cut 文件夹");
        std::process::exit(2);
    };
    let files = jianggao::core::parse::read::collect_inputs(&[std::path::PathBuf::from(dir)]);
    let jieba = jianggao::core::nlp::jieba();
    let (mut words, mut bytes) = (0usize, 0usize);
    for f in &files {
        match jianggao::core::parse::read::read_file(f) {
            Ok(d) => {
                bytes += d.text.len();
                words += jieba.cut(&d.text, true).len();
            }
            Err(e) => eprintln!("跳过：{e}"),
        }
    }
    println!("{} 个文件，{bytes} 字节，{words} 个词", files.len());
}
