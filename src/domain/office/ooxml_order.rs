//! WordprocessingML property elements put back in the order the schema gives them.
//!
//! docx-rs 0.4 writes the children of `w:pPr`, `w:rPr`, `w:sectPr` and `w:style` in its
//! own order (`w:rPr` first in a paragraph's properties, `w:jc` before `w:ind`, `w:sz`
//! before `w:rFonts`, the header references after the page size). ECMA-376 defines these
//! as sequences, and Word is known to drop or "repair" properties out of sequence (a
//! clerk's review of the 通报: the fonts and sizes of every paragraph were out of order).
//! [`schema_order`] reorders those children, keeping each element's tags as written
//! (whitespace between reordered children is dropped); an element with a child this
//! module does not know, or with text among its children, is left as it is.

/// The children of `w:pPr` (CT_PPr), in schema order.
const PARAGRAPH: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];

/// The children of `w:rPr` (CT_ParaRPr / CT_RPr: the revision marks, then EG_RPrBase).
const RUN: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

/// The children of `w:sectPr` (CT_SectPr); header and footer references are one choice.
const SECTION: &[&str] = &[
    "headerReference|footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

/// The children of `w:style` (CT_Style).
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// The schema order of the children of `parent` (a `w:` local name), if it is one this
/// module puts in order.
fn order_of(parent: &str) -> Option<&'static [&'static str]> {
    match parent {
        "pPr" => Some(PARAGRAPH),
        "rPr" => Some(RUN),
        "sectPr" => Some(SECTION),
        "style" => Some(STYLE),
        _ => None,
    }
}

/// A piece of the document: text (or a declaration) as written, or an element with its
/// start tag as written and its content.
enum Node<'a> {
    Text(&'a str),
    Element {
        /// `w:pPr`, as in the tag.
        name: &'a str,
        /// The start tag, `<w:pPr>` or `<w:jc w:val="both"/>`, byte for byte.
        start: &'a str,
        /// `None`: the element closed itself.
        content: Option<Vec<Node<'a>>>,
    },
}

/// The tag starting at `at` (a `<`): its end (after `>`), quotes in attributes minded.
fn tag_end(xml: &str, at: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in xml[at..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(at + i + 1),
            _ => {}
        }
    }
    None
}

/// The element name in a start or end tag (`<w:jc w:val="x"/>` → `w:jc`).
fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches(['<', '/']);
    let end = t
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(t.len());
    &t[..end]
}

/// Reads nodes from `pos` up to the end tag of `until` (or the end of the text when
/// `None`); returns them and the position after that end tag.
fn parse<'a>(xml: &'a str, mut pos: usize, until: Option<&str>) -> Option<(Vec<Node<'a>>, usize)> {
    let mut nodes = Vec::new();
    while pos < xml.len() {
        let Some(lt) = xml[pos..].find('<').map(|i| pos + i) else {
            nodes.push(Node::Text(&xml[pos..]));
            pos = xml.len();
            break;
        };
        if lt > pos {
            nodes.push(Node::Text(&xml[pos..lt]));
        }
        let end = tag_end(xml, lt)?;
        let tag = &xml[lt..end];
        if tag.starts_with("</") {
            return (until == Some(tag_name(tag))).then_some((nodes, end));
        }
        if tag.starts_with("<?") || tag.starts_with("<!") {
            nodes.push(Node::Text(tag));
            pos = end;
            continue;
        }
        let name = tag_name(tag);
        if tag.ends_with("/>") {
            nodes.push(Node::Element {
                name,
                start: tag,
                content: None,
            });
            pos = end;
        } else {
            let (content, after) = parse(xml, end, Some(name))?;
            nodes.push(Node::Element {
                name,
                start: tag,
                content: Some(content),
            });
            pos = after;
        }
    }
    until.is_none().then_some((nodes, pos))
}

/// The rank of a child named `name` (a `w:` element) in `order`.
fn rank(order: &[&str], name: &str) -> Option<usize> {
    let local = name.strip_prefix("w:")?;
    order
        .iter()
        .position(|o| o.split('|').any(|alt| alt == local))
}

/// Puts the children of the elements this module knows in schema order, deepest first.
fn reorder(nodes: &mut Vec<Node<'_>>) {
    for n in nodes.iter_mut() {
        let Node::Element {
            name,
            content: Some(children),
            ..
        } = n
        else {
            continue;
        };
        reorder(children);
        let Some(order) = name.strip_prefix("w:").and_then(order_of) else {
            continue;
        };
        // Only elements between the children (whitespace aside) can be moved safely.
        let movable = children.iter().all(|c| match c {
            Node::Text(t) => t.trim().is_empty(),
            Node::Element { name, .. } => rank(order, name).is_some(),
        });
        if !movable {
            continue;
        }
        children.retain(|c| matches!(c, Node::Element { .. }));
        crate::domain::sorting::sort_by_key(children, |c| match c {
            Node::Element { name, .. } => rank(order, name).unwrap_or(usize::MAX),
            Node::Text(_) => usize::MAX,
        });
    }
}

fn write(nodes: &[Node<'_>], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element {
                name,
                start,
                content,
            } => {
                out.push_str(start);
                if let Some(children) = content {
                    write(children, out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
        }
    }
}

/// `xml` (a part of a .docx) with the children of every `w:pPr`, `w:rPr`, `w:sectPr`
/// and `w:style` in schema order. Text that cannot be read as XML comes back unchanged.
pub fn schema_order(xml: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    let Some((mut nodes, _)) = parse(text, 0, None) else {
        return xml.to_vec();
    };
    reorder(&mut nodes);
    let mut out = String::with_capacity(text.len());
    write(&nodes, &mut out);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(xml: &str) -> String {
        String::from_utf8(schema_order(xml.as_bytes())).expect("utf-8")
    }

    #[test]
    fn paragraph_and_run_properties_come_in_schema_order() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><w:document><w:body><w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:ind w:firstLine="640" /><w:spacing w:line="579" w:lineRule="exact" /></w:pPr><w:r><w:rPr><w:sz w:val="32" /><w:szCs w:val="32" /><w:rFonts w:eastAsia="仿宋" w:ascii="a>b" /></w:rPr><w:t xml:space="preserve">正文 &lt;1&gt;</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" /><w:pgMar w:top="2098" /><w:cols w:space="425" /><w:headerReference w:type="default" r:id="rId4" /><w:footerReference w:type="even" r:id="rId6" /></w:sectPr></w:body></w:document>"#;
        assert_eq!(
            ordered(xml),
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document><w:body><w:p><w:pPr><w:spacing w:line="579" w:lineRule="exact" /><w:ind w:firstLine="640" /><w:jc w:val="both" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋" w:ascii="a>b" /><w:sz w:val="32" /><w:szCs w:val="32" /></w:rPr><w:t xml:space="preserve">正文 &lt;1&gt;</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default" r:id="rId4" /><w:footerReference w:type="even" r:id="rId6" /><w:pgSz w:w="11906" /><w:pgMar w:top="2098" /><w:cols w:space="425" /></w:sectPr></w:body></w:document>"#
        );
    }

    #[test]
    fn a_style_and_the_run_properties_inside_a_paragraphs_come_in_order() {
        let xml = r#"<w:styles><w:style w:type="paragraph"><w:name w:val="Normal" /><w:rPr><w:sz w:val="21" /><w:rFonts w:ascii="x" /></w:rPr><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style></w:styles>"#;
        assert_eq!(
            ordered(xml),
            r#"<w:styles><w:style w:type="paragraph"><w:name w:val="Normal" /><w:qFormat /><w:pPr><w:rPr /></w:pPr><w:rPr><w:rFonts w:ascii="x" /><w:sz w:val="21" /></w:rPr></w:style></w:styles>"#
        );
    }

    #[test]
    fn an_unknown_child_leaves_its_parent_as_written_and_bad_xml_comes_back_unchanged() {
        let xml = r#"<w:p><w:pPr><w:jc w:val="left" /><w:madeUp /><w:spacing /></w:pPr></w:p>"#;
        assert_eq!(ordered(xml), xml);
        for bad in ["<w:p><w:pPr><w:jc /></w:p>", "<w:p", "<w:p></w:r>"] {
            assert_eq!(ordered(bad), bad);
        }
        assert_eq!(schema_order(&[0xff, 0xfe]), vec![0xff, 0xfe]);
    }
}
