//! The 通报 as a .docx (`docx-rs`) that a clerk edits in Word or WPS, laid out in the
//! proportions of GB/T 9704: A4, margins 37/35/28/26 mm (top, bottom, left, right),
//! body 仿宋 3号 (16 pt) on a fixed 28.95 pt line with a two-character first-line
//! indent, title 小标宋 2号 (22 pt) centred, the five part headings 黑体 3号, 落款 and
//! date on the right; page numbers 4号 宋体 as "— 1 —", odd pages on the right and even
//! pages on the left, each one character in from the edge.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, InstrPAGE, InstrText, LineSpacing,
    LineSpacingType, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
};
use serde::{Deserialize, Serialize};

use super::ooxml_order::schema_order;
use super::OfficeError;
use crate::domain::reports::notice::Notice;

/// Millimetres to twentieths of a point.
fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4).round() as i32
}

const BODY_FONT: &str = "仿宋";
const HEADING_FONT: &str = "黑体";
const TITLE_FONT: &str = "方正小标宋简体";
/// 3号 = 16 pt, in half-points.
const BODY_SIZE: usize = 32;
/// 2号 = 22 pt.
const TITLE_SIZE: usize = 44;
/// 28.95 pt in twentieths.
const LINE: i32 = 579;
const PAGE_NUMBER_FONT: &str = "宋体";
/// 4号 = 14 pt.
const PAGE_NUMBER_SIZE: usize = 28;
/// One character of the page number's size, in twentieths of a point.
const PAGE_NUMBER_INSET: i32 = 280;

/// What the office module is given to write the 通报: the notice and the time it is
/// written (the file's 创建时间).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoticeFile {
    pub notice: Notice,
    /// An ISO time in UTC, as the app stamps records.
    pub made_at: String,
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

fn line() -> LineSpacing {
    LineSpacing::new()
        .line(LINE)
        .line_rule(LineSpacingType::Exact)
}

fn para(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text).fonts(fonts(font)).size(size))
        .line_spacing(line())
}

fn body(text: &str) -> Paragraph {
    para(text, BODY_FONT, BODY_SIZE)
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .align(AlignmentType::Both)
}

/// "— n —" in a footer, on the right (odd pages) or on the left (even pages).
fn page_number(right: bool) -> Footer {
    let run = |r: Run| r.fonts(fonts(PAGE_NUMBER_FONT)).size(PAGE_NUMBER_SIZE);
    let number = run(Run::new())
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let p = Paragraph::new()
        .add_run(run(Run::new().add_text("— ")))
        .add_run(number)
        .add_run(run(Run::new().add_text(" —")));
    let p = if right {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(PAGE_NUMBER_INSET), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(PAGE_NUMBER_INSET), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// An ISO time as the W3CDTF of the file's properties (to the second).
fn w3c_time(iso: &str) -> Option<String> {
    let t = iso.get(..19)?;
    crate::domain::dates::parse_date(t.get(..10)?)?;
    Some(format!("{t}Z"))
}

/// The notice as .docx bytes.
pub fn notice_docx(file: &NoticeFile) -> Result<Vec<u8>, OfficeError> {
    let n = &file.notice;
    let margin = PageMargin::new()
        .top(mm(37.0))
        .bottom(mm(35.0))
        .left(mm(28.0))
        .right(mm(26.0));
    let mut doc = Docx::new()
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(margin)
        .default_fonts(fonts(BODY_FONT))
        .default_size(BODY_SIZE)
        .footer(page_number(true))
        .even_footer(page_number(false));
    if let Some(t) = w3c_time(&file.made_at) {
        doc = doc.created_at(&t).updated_at(&t);
    }
    if !n.draft.is_empty() {
        // Not the published results: said at the top of every page, the first too (a
        // clerk's review: said above the title alone, pages 2 and on, once separated,
        // read as the issued 通报).
        let mark = || {
            Paragraph::new()
                .add_run(Run::new().add_text(&n.draft).bold().size(BODY_SIZE))
                .align(AlignmentType::Right)
        };
        doc = doc
            .header(Header::new().add_paragraph(mark()))
            .even_header(Header::new().add_paragraph(mark()));
    }
    if !n.doc_no.is_empty() {
        // GB/T 9704: the 发文字号 centred, a blank line above the title.
        doc = doc
            .add_paragraph(para(&n.doc_no, BODY_FONT, BODY_SIZE).align(AlignmentType::Center))
            .add_paragraph(para("", BODY_FONT, BODY_SIZE));
    }
    doc = doc
        .add_paragraph(para(&n.title, TITLE_FONT, TITLE_SIZE).align(AlignmentType::Center))
        .add_paragraph(para("", BODY_FONT, BODY_SIZE))
        .add_paragraph(para(&n.recipients, BODY_FONT, BODY_SIZE))
        .add_paragraph(body(&n.opening));
    for s in &n.sections {
        doc = doc.add_paragraph(para(&s.heading, HEADING_FONT, BODY_SIZE).indent(
            None,
            Some(SpecialIndentType::FirstLine(640)),
            None,
            None,
        ));
        for p in &s.paragraphs {
            doc = doc.add_paragraph(body(p));
        }
    }
    // One character of the body size is 320 twips (16 pt).
    let (signer_right, date_right) =
        crate::domain::reports::notice::closing_indents(&n.signer, &n.date);
    let twips = |chars: f64| (chars * 320.0).round() as i32;
    doc = doc
        .add_paragraph(para("", BODY_FONT, BODY_SIZE))
        .add_paragraph(
            para(&n.signer, BODY_FONT, BODY_SIZE)
                .align(AlignmentType::Right)
                .indent(None, None, Some(twips(signer_right)), None),
        )
        .add_paragraph(
            para(&n.date, BODY_FONT, BODY_SIZE)
                .align(AlignmentType::Right)
                .indent(None, None, Some(twips(date_right)), None),
        );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut parts = doc.build();
    // docx-rs writes properties out of the schema's sequence, which Word may drop.
    for part in [
        &mut parts.document,
        &mut parts.styles,
        &mut parts.numberings,
    ]
    .into_iter()
    .chain(parts.headers.iter_mut())
    .chain(parts.footers.iter_mut())
    {
        *part = schema_order(part);
    }
    parts
        .pack(&mut out)
        .map_err(|e| OfficeError::Docx(e.to_string()))?;
    with_author(&out.into_inner(), n.signer.trim())
}

/// `docx` with its 作者 and 最后修改者 (docProps/core.xml) set to `author`: docx-rs
/// 0.4 writes `unknown` there and has no way to set them, and Word and WPS show it under
/// 属性 (a clerk's review). The other parts are copied as they are.
fn with_author(docx: &[u8], author: &str) -> Result<Vec<u8>, OfficeError> {
    use std::io::{Read, Write};
    let err = |e: zip::result::ZipError| OfficeError::Docx(e.to_string());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).map_err(err)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let author = xml_escape(author);
    for i in 0..zip.len() {
        let name_of = zip
            .by_index_raw(i)
            .map_err(err)?
            .name()
            .map_err(err)?
            .to_string();
        if name_of != "docProps/core.xml" {
            out.raw_copy_file(zip.by_index_raw(i).map_err(err)?)
                .map_err(err)?;
            continue;
        }
        let mut file = zip.by_index(i).map_err(err)?;
        let mut xml = String::new();
        file.read_to_string(&mut xml)
            .map_err(|e| OfficeError::Docx(e.to_string()))?;
        let xml = xml
            .replace(
                "<dc:creator>unknown</dc:creator>",
                &format!("<dc:creator>{author}</dc:creator>"),
            )
            .replace(
                "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
            );
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name_of, options).map_err(err)?;
        out.write_all(xml.as_bytes())
            .map_err(|e| OfficeError::Docx(e.to_string()))?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

/// `text` as XML character data.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
