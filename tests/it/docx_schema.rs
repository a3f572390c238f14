//! The Word copy's XML against the ECMA-376 schema sequences: Word and WPS may reject
//! properties out of order that LibreOffice tolerates.

use jianggao::core::draft::Numbering;
use jianggao::core::export::{self, ExportOptions};
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::deliver::{sample_draft, zip_part};
use crate::deliver_docx::export_docx;

/// The ECMA-376 Part 1 sequences (§17.3.1.26 pPr, §17.3.2.28 rPr, §17.6.17 sectPr,
/// §17.15.1.78 settings), as far as a writer might use them.
#[rustfmt::skip]
const PPR: &[&str] = &[
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
];
#[rustfmt::skip]
const RPR: &[&str] = &[
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
];
#[rustfmt::skip]
const SECT_PR: &[&str] = &[
    "headerReference|footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
];
#[rustfmt::skip]
const SETTINGS: &[&str] = &[
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
    "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
    "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
];

/// Checks the children of every `parent` element come in `order` and are all known.
fn assert_schema_order(part: &str, xml: &str, parent: &str, order: &[&str]) -> usize {
    let rank = |child: &str| {
        order
            .iter()
            .position(|o| o.split('|').any(|n| n == child))
            .unwrap_or_else(|| panic!("{part}: <w:{child}> is not a child of <w:{parent}>"))
    };
    let mut r = Reader::from_str(xml);
    // For each open element: its name, and the rank of its last child when it is a parent.
    let mut stack: Vec<(String, Option<usize>)> = Vec::new();
    let mut checked = 0;
    let mut child = |stack: &mut Vec<(String, Option<usize>)>, name: &str| {
        if let Some((p, last)) = stack.last_mut()
            && p == parent
        {
            let local = name.trim_start_matches("w:");
            let r = rank(local);
            assert!(
                last.is_none_or(|l| l <= r),
                "{part}: <w:{local}> comes too late in <w:{parent}>"
            );
            *last = Some(r);
            checked += 1;
        }
    };
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                child(&mut stack, &name);
                stack.push((name.trim_start_matches("w:").to_string(), None));
            }
            Event::Empty(e) => child(&mut stack, e.name().as_ref()),
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    checked
}

#[test]
fn properties_follow_the_schema_sequence_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = sample_draft();
    d.numbering = Numbering::Speech;
    let mut lines = export::lines::lines(&d);
    // A third-level heading, set in bold, as parsed speeches have them.
    lines.push(export::lines::Line::Heading(3, "1.加强学习".into()));
    for large in [false, true] {
        let opts = ExportOptions {
            large,
            ..ExportOptions::default()
        };
        let out = export_docx(&lines, dir.path(), &opts);
        let file = std::fs::File::open(&out).unwrap();
        let names: Vec<String> = zip::ZipArchive::new(file)
            .unwrap()
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.to_string())
            .collect();
        let mut checked = 0;
        for name in names
            .iter()
            .filter(|n| n.starts_with("word/") && n.ends_with(".xml"))
        {
            let xml = zip_part(&out, name);
            checked += assert_schema_order(name, &xml, "pPr", PPR);
            checked += assert_schema_order(name, &xml, "rPr", RPR);
            checked += assert_schema_order(name, &xml, "sectPr", SECT_PR);
            checked += assert_schema_order(name, &xml, "settings", SETTINGS);
        }
        assert!(checked > 100, "only {checked} children checked");
    }
}
