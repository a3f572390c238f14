//! Telling the legacy encodings of East Asian text apart, and UTF-16 without a BOM.
//!
//! GB18030 decodes nearly any byte sequence without error, so a Big5 (traditional
//! Chinese, Taiwan and Hong Kong) or Shift_JIS (Japanese) file read as GB18030 gives
//! mojibake with no error at all. chardetng scores the bytes for each candidate; asked
//! without a country hint it tells these apart. A hint of ".cn" is used only to choose
//! among the Chinese candidates when the bytes alone leave it open.

use encoding_rs::Encoding;

/// What to do with a file's bytes, as far as the encoding goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Decode with this encoding.
    Use(&'static Encoding),
    /// Not a Chinese text file: the reason, for the user.
    Refuse(String),
}

/// The encoding of bytes that are neither UTF-8 nor marked by a BOM.
pub fn legacy(bytes: &[u8]) -> Verdict {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let plain = detector.guess(None, chardetng::Utf8Detection::Deny);
    if plain == encoding_rs::BIG5 {
        return Verdict::Use(encoding_rs::BIG5);
    }
    if [
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::ISO_2022_JP,
    ]
    .contains(&plain)
    {
        return Verdict::Refuse(format!(
            "文件是日文编码（{}），不是中文讲话稿；如确为中文，请另存为 UTF-8 或 GB18030 后再导入",
            plain.name()
        ));
    }
    if plain == encoding_rs::EUC_KR {
        return Verdict::Refuse(
            "文件是韩文编码（EUC-KR），不是中文讲话稿；如确为中文，请另存为 UTF-8 或 GB18030 后再导入"
                .into(),
        );
    }
    // Chinese offices overwhelmingly use GBK/GB18030: with the hint, the bytes say so.
    let hinted = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GBK is a subset of GB18030: decoding with the superset loses nothing.
    if hinted == encoding_rs::GBK {
        Verdict::Use(encoding_rs::GB18030)
    } else {
        Verdict::Use(hinted)
    }
}

/// Share of UTF-16 code units that are what Chinese text is made of: Han characters,
/// CJK and full-width punctuation, and printable ASCII or white space.
fn plausibility(units: &[u16]) -> f64 {
    if units.is_empty() {
        return 0.0;
    }
    let good = units
        .iter()
        .filter(|&&u| {
            matches!(u,
                0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3000..=0x303F | 0xFF00..=0xFFEF
                | 0x2000..=0x206F | 0x20..=0x7E | 0x09 | 0x0A | 0x0D | 0x2460..=0x24FF)
        })
        .count();
    good as f64 / units.len() as f64
}

/// Share of code units that are the commonest punctuation and line ends of Chinese text.
/// Legacy double-byte text read as UTF-16 can land in the Han block (Shift_JIS leads
/// 0x81–0x9F do, read big-endian) but hardly ever on exactly these code points.
fn punctuation(units: &[u16]) -> f64 {
    const MARKS: [u16; 12] = [
        0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x201C, 0x201D, 0x000A, 0x000D,
        0x0020,
    ];
    let n = units.iter().filter(|u| MARKS.contains(u)).count();
    n as f64 / units.len().max(1) as f64
}

/// UTF-16 text without a BOM (some exports write it): the encoding when the bytes read
/// as Chinese text in one byte order and not as UTF-8.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let sample = &bytes[..bytes.len().min(16384) & !1];
    let le: Vec<u16> = sample
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let be: Vec<u16> = sample
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    // Real text has a comma or a line end every few dozen characters.
    let score = |u: &[u16]| {
        if punctuation(u) >= 0.02 {
            plausibility(u)
        } else {
            0.0
        }
    };
    let (pl, pb) = (score(&le), score(&be));
    // Legacy double-byte text read as UTF-16 lands in Hangul, private use and rare
    // blocks; real UTF-16 Chinese is nearly all Han, punctuation and ASCII.
    if pl >= 0.9 && pl > pb {
        Some(encoding_rs::UTF_16LE)
    } else if pb >= 0.9 && pb > pl {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "同志们：今天召开全市机关党建工作会议，主要任务是深入学习贯彻党的二十大精神，\
        总结过去一年的工作，部署今年的任务。我们要坚持以习近平新时代中国特色社会主义思想为指导，\
        全面加强机关党的建设，推动各项工作再上新台阶。";

    #[test]
    fn big5_and_shift_jis_are_not_read_as_gb18030() {
        let trad = "同志們：今天召開機關黨建工作會議，主要任務是深入學習貫徹黨的二十大精神，總結過去一年的工作，部署今年的任務。";
        let (big5, _, bad) = encoding_rs::BIG5.encode(trad);
        assert!(!bad);
        assert_eq!(legacy(&big5), Verdict::Use(encoding_rs::BIG5));
        let jp = "本日は機関の党建設工作会議を開催します。皆さんと一緒に新しい目標を確認し、今年の仕事を進めていきたいと思います。";
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(jp);
        assert!(!bad);
        assert!(matches!(legacy(&sjis), Verdict::Refuse(m) if m.contains("Shift_JIS")));
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        assert_eq!(legacy(&gbk), Verdict::Use(encoding_rs::GB18030));
    }

    #[test]
    fn utf16_without_a_bom_is_recognised_in_both_byte_orders() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_without_bom(&le), Some(encoding_rs::UTF_16LE));
        assert_eq!(utf16_without_bom(&be), Some(encoding_rs::UTF_16BE));
        let (gbk, _, _) = encoding_rs::GBK.encode(TEXT);
        assert_eq!(utf16_without_bom(&gbk), None, "GBK is not UTF-16");
        let jp =
            "本日は機関の党建設工作会議を開催します皆さんと一緒に新しい目標を確認したいと思います";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(jp);
        assert_eq!(utf16_without_bom(&sjis), None, "Shift_JIS is not UTF-16");
        assert_eq!(utf16_without_bom(TEXT.as_bytes()), None);
    }
}
