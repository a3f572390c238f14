//! The parts of a .docx package around the document body: content types, relationships,
//! styles, settings, font table and document properties, and the zip that holds them.
//!
//! Every element is written in the order its ECMA-376 schema sequence gives (Word and WPS
//! may reject a file that LibreOffice tolerates), so the XML is spelled out here rather
//! than left to a generic builder.

use std::io::Write;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The fonts the layout names, each with the generic face Word may substitute for it.
const FONTS: [(&str, &str); 6] = [
    ("Times New Roman", ""),
    ("宋体", "SimSun"),
    ("仿宋_GB2312", "仿宋"),
    ("楷体_GB2312", "楷体"),
    ("黑体", "SimHei"),
    ("方正小标宋简体", "宋体"),
];

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// What docProps/core.xml says about the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    pub title: String,
    pub creator: String,
    /// W3C date-time in UTC, e.g. "2026-12-01T03:00:00Z".
    pub created: String,
}

impl Properties {
    /// Created and modified now, by `creator` or else the user logged in.
    pub fn now(title: &str, creator: Option<&str>) -> Self {
        let creator = creator
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .unwrap_or_else(user_name);
        Properties {
            title: title.to_string(),
            creator,
            created: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        }
    }
}

/// The login name, or the program's name where the system gives none.
fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "讲稿工坊".to_string())
}

fn core_xml(p: &Properties) -> String {
    format!(
        r#"{XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{c}</dc:creator><cp:lastModifiedBy>{c}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified></cp:coreProperties>"#,
        t = esc(&p.title),
        c = esc(&p.creator),
        d = p.created,
    )
}

fn app_xml() -> String {
    format!(
        r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>讲稿工坊 {}</Application></Properties>"#,
        env!("CARGO_PKG_VERSION")
    )
}

fn content_types(footers: usize) -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        r#"{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="{main}.fontTable+xml"/>"#
    );
    for i in 1..=footers {
        s.push_str(&format!(
            r#"<Override PartName="/word/footer{i}.xml" ContentType="{main}.footer+xml"/>"#
        ));
    }
    s.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#);
    s
}

fn package_rels() -> String {
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

/// The relationship id of footer `i` (1-based) in document.xml.rels.
pub fn footer_rel_id(i: usize) -> String {
    format!("rIdFooter{i}")
}

fn document_rels(footers: usize) -> String {
    let mut s = format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>"#
    );
    for i in 1..=footers {
        s.push_str(&format!(
            r#"<Relationship Id="{}" Type="{REL}/footer" Target="footer{i}.xml"/>"#,
            footer_rel_id(i)
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// Document defaults and the Normal style: the body face and size, Chinese as the East
/// Asian language, no theme fonts (with them Word falls back to MS Mincho for Chinese).
fn styles(run_fonts: &str, body_size: usize) -> String {
    let rpr = format!(
        r#"<w:rPr>{run_fonts}<w:kern w:val="2"/><w:sz w:val="{body_size}"/><w:szCs w:val="{body_size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>"#
    );
    format!(
        r#"{XML_DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault>{rpr}</w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>{rpr}</w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style></w:styles>"#
    )
}

/// Settings: even and odd footers when the page numbers alternate sides; punctuation kept
/// full width so every line holds the grid's count of characters.
fn settings(even_and_odd: bool) -> String {
    let even = if even_and_odd {
        "<w:evenAndOddHeaders/>"
    } else {
        ""
    };
    format!(
        r#"{XML_DECL}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>{even}<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
    )
}

fn font_table() -> String {
    let mut s = format!(r#"{XML_DECL}<w:fonts xmlns:w="{W_NS}">"#);
    for (name, alt) in FONTS {
        let alt = if alt.is_empty() {
            String::new()
        } else {
            format!(r#"<w:altName w:val="{alt}"/>"#)
        };
        let (charset, family, pitch) = if name.is_ascii() {
            ("00", "roman", "variable")
        } else {
            ("86", "modern", "fixed")
        };
        s.push_str(&format!(
            r#"<w:font w:name="{name}">{alt}<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    s.push_str("</w:fonts>");
    s
}

/// What goes into a package besides the fixed parts.
pub struct Contents<'a> {
    pub document: &'a str,
    pub footers: &'a [String],
    pub even_and_odd: bool,
    /// The document defaults' w:rFonts element.
    pub run_fonts: &'a str,
    pub body_size: usize,
    pub properties: &'a Properties,
}

/// The package as (part name, XML) pairs, [Content_Types].xml first.
pub fn parts(c: &Contents<'_>) -> Vec<(String, String)> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            content_types(c.footers.len()),
        ),
        ("_rels/.rels".into(), package_rels()),
        ("docProps/core.xml".into(), core_xml(c.properties)),
        ("docProps/app.xml".into(), app_xml()),
        ("word/document.xml".into(), c.document.to_string()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(c.footers.len()),
        ),
        ("word/styles.xml".into(), styles(c.run_fonts, c.body_size)),
        ("word/settings.xml".into(), settings(c.even_and_odd)),
        ("word/fontTable.xml".into(), font_table()),
    ];
    for (i, f) in c.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f.clone()));
    }
    parts
}

/// Zips the parts, each stamped with the current local time.
pub fn zip(parts: &[(String, String)]) -> zip::result::ZipResult<Vec<u8>> {
    use chrono::{Datelike, Timelike};
    let now = chrono::Local::now();
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second().min(59) as u8,
    )
    .unwrap_or_default();
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        z.start_file(name.as_str(), opts)?;
        z.write_all(xml.as_bytes())?;
    }
    Ok(z.finish()?.into_inner())
}
