//! Writes a synthetic speech archive for the import measurements:
//! `cargo run --release --example gen_archive -- DIR N [SEED]`.

#[path = "../benches/common/archive.rs"]
mod archive;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(n)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("用法：gen_archive 文件夹 篇数 [种子]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    match archive::write_archive(std::path::Path::new(dir), n, seed) {
        Ok(s) => println!(
            "{} 个文件，{:.1} MB（字节副本 {}，GBK 副本 {}，修改稿 {}）",
            s.files,
            s.bytes as f64 / 1e6,
            s.exact_copies,
            s.gbk_copies,
            s.near_copies
        ),
        Err(e) => {
            eprintln!("错误：{dir}：{e}");
            std::process::exit(1);
        }
    }
}
