//! Markdown import (CommonMark via pulldown-cmark): one paragraph per block, kinds kept.
//!
//! - Headings become [`ParagraphKind::Heading`], list items [`ParagraphKind::ListItem`]
//!   (each item one paragraph, nested items their own paragraphs, the paragraphs of a
//!   loose item joined by a space), paragraphs in block quotes [`ParagraphKind::Quote`],
//!   code blocks [`ParagraphKind::Code`] (inner newlines kept), other paragraphs
//!   [`ParagraphKind::Text`].
//! - Inline markup is reduced to its text: emphasis markers go, a link becomes its text,
//!   an image its alt text, inline code its content; line breaks become spaces.
//! - HTML blocks become text paragraphs with the tags and comments removed; inline HTML tags
//!   are dropped (`<br>` becomes a space). Table rows become one paragraph each, cells
//!   joined by " | ".
//!   YAML front matter is skipped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::core::document::{Paragraph, ParagraphKind};
use crate::core::import::push_collapsed;

/// Splits Markdown text into paragraphs.
pub(super) fn paragraphs(text: &str) -> Vec<Paragraph> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut builder = Builder::default();
    for event in Parser::new_ext(text, options) {
        builder.event(event);
    }
    builder.flush();
    builder.paragraphs
}

/// Collects the text of the current block and the finished paragraphs.
#[derive(Default)]
struct Builder {
    paragraphs: Vec<Paragraph>,
    current: String,
    pending_space: bool,
    kind: ParagraphKind,
    n_open_items: usize,
    n_open_quotes: usize,
    in_code: bool,
    in_html: bool,
    in_metadata: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_metadata => drop(text),
            Event::Text(text) if self.in_code => self.current.push_str(&text),
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => {
                push_collapsed(&mut self.current, &mut self.pending_space, &text);
            }
            Event::Html(html) if self.in_html => self.current.push_str(&html),
            Event::Html(html) => self.push_html(&html),
            Event::SoftBreak | Event::HardBreak => self.pending_space = true,
            Event::Rule => self.flush(),
            Event::InlineHtml(html) => {
                // Tags vanish ("<b>flaco</b>" is "flaco"), but a line break is a space.
                if html
                    .get(..3)
                    .is_some_and(|tag| tag.eq_ignore_ascii_case("<br"))
                {
                    self.pending_space = true;
                }
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.n_open_items > 0 => self.pending_space = true,
            Tag::Paragraph | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_) => {
                self.flush();
            }
            Tag::Heading { .. } => {
                self.flush();
                self.kind = ParagraphKind::Heading;
            }
            Tag::Item => {
                self.flush();
                self.n_open_items += 1;
                self.kind = ParagraphKind::ListItem;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.n_open_quotes += 1;
                self.kind = self.context_kind();
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code = true;
                self.kind = ParagraphKind::Code;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.in_html = true;
            }
            Tag::MetadataBlock(_) => self.in_metadata = true,
            Tag::TableCell if !self.current.is_empty() => {
                self.current.push_str(" |");
                self.pending_space = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph if self.n_open_items > 0 => {}
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::List(_)
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::Table
            | TagEnd::FootnoteDefinition => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.n_open_items = self.n_open_items.saturating_sub(1);
                self.kind = self.context_kind();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.n_open_quotes = self.n_open_quotes.saturating_sub(1);
                self.kind = self.context_kind();
            }
            TagEnd::CodeBlock => {
                self.flush();
                self.in_code = false;
            }
            TagEnd::HtmlBlock => {
                let html = std::mem::take(&mut self.current);
                self.push_html(&html);
                self.in_html = false;
                self.flush();
            }
            TagEnd::MetadataBlock(_) => self.in_metadata = false,
            _ => {}
        }
    }

    /// Appends the text of an HTML fragment: tags and comments removed, a few entities decoded.
    fn push_html(&mut self, html: &str) {
        let text = strip_tags(html);
        let text = if text.contains('&') {
            text.replace("&nbsp;", "\u{A0}")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        } else {
            text
        };
        push_collapsed(&mut self.current, &mut self.pending_space, &text);
    }

    /// The kind of text outside any heading or code block, given the open containers.
    fn context_kind(&self) -> ParagraphKind {
        if self.n_open_items > 0 {
            ParagraphKind::ListItem
        } else if self.n_open_quotes > 0 {
            ParagraphKind::Quote
        } else {
            ParagraphKind::Text
        }
    }

    /// Ends the current paragraph (if it has any text) and goes back to the context's kind.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let text = if self.kind == ParagraphKind::Code {
            text.trim_end_matches('\n').to_owned()
        } else {
            text
        };
        if !text.trim().is_empty() {
            self.paragraphs.push(Paragraph {
                text,
                kind: self.kind,
            });
        }
        self.pending_space = false;
        self.kind = self.context_kind();
    }
}

/// Removes HTML tags (`<p>`, `</div>`, `<br/>`) and comments, leaving a space where each was.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let (before, from_lt) = rest.split_at(start);
        text.push_str(before);
        let after_lt = from_lt.get(1..).unwrap_or_default();
        let is_markup = after_lt
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !is_markup {
            text.push('<');
            rest = after_lt;
            continue;
        }
        let close = if after_lt.starts_with("!--") {
            "-->"
        } else {
            ">"
        };
        match after_lt.find(close) {
            Some(end) => {
                text.push(' ');
                rest = after_lt.get(end + close.len()..).unwrap_or_default();
            }
            None => rest = "",
        }
    }
    text.push_str(rest);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paragraphs as "kind: text", joined by " | "; the kind is left out for text.
    fn check(input: &str, expected: &str) {
        let actual: Vec<String> = paragraphs(input)
            .into_iter()
            .map(|p| match p.kind {
                ParagraphKind::Text => p.text,
                ParagraphKind::Heading => format!("heading: {}", p.text),
                ParagraphKind::ListItem => format!("item: {}", p.text),
                ParagraphKind::Quote => format!("quote: {}", p.text),
                ParagraphKind::Code => format!("code: {}", p.text),
            })
            .collect();
        assert_eq!(actual.join(" | "), expected, "input: {input:?}");
    }

    #[test]
    fn headings() {
        check(
            "# Capítulo I\n\nTexto.\n\nTítulo\n======\n\n### Más",
            "heading: Capítulo I | Texto. | heading: Título | heading: Más",
        );
    }

    #[test]
    fn paragraphs_join_soft_and_hard_breaks() {
        check(
            "Una línea\npartida  en\ttres.  \nY con salto duro.\n\nOtro.",
            "Una línea partida en tres. Y con salto duro. | Otro.",
        );
    }

    #[test]
    fn inline_markup_is_reduced_to_text() {
        check(
            "Un *hidalgo* de **los** de ~~lanza~~ [en astillero](http://x.es \"t\"), `adarga` ![rocín](r.png) <b>flaco</b>.",
            "Un hidalgo de los de lanza en astillero, adarga rocín flaco.",
        );
    }

    #[test]
    fn inline_line_break_tags_are_spaces() {
        check("uno<br>dos<BR/>tres <b>cu</b>atro", "uno dos tres cuatro");
    }

    #[test]
    fn list_items_are_paragraphs() {
        check(
            "- uno\n- dos\n  sigue\n\n1. tres\n2. cuatro",
            "item: uno | item: dos sigue | item: tres | item: cuatro",
        );
    }

    #[test]
    fn loose_list_item_is_one_paragraph() {
        check(
            "- uno\n\n  más de uno\n\n- dos",
            "item: uno más de uno | item: dos",
        );
    }

    #[test]
    fn nested_list_items_are_their_own_paragraphs() {
        check(
            "- fuera\n  - dentro\n  - dentro 2\n- fuera 2\n\nFin.",
            "item: fuera | item: dentro | item: dentro 2 | item: fuera 2 | Fin.",
        );
    }

    #[test]
    fn block_quotes() {
        check(
            "> Cita\n> larga.\n>\n> Segunda.\n\nFuera.",
            "quote: Cita larga. | quote: Segunda. | Fuera.",
        );
    }

    #[test]
    fn code_blocks_keep_newlines() {
        check(
            "```\nlet a = 1;\n  let b  = 2;\n```\n\n    indented\n    code\n",
            "code: let a = 1;\n  let b  = 2; | code: indented\ncode",
        );
    }

    #[test]
    fn html_blocks_become_text() {
        check(
            "<div class=\"x\">\n<p>Hola &amp; adiós</p>\n</div>\n\n<!-- nota -->\n\nTexto.",
            "Hola & adiós | Texto.",
        );
    }

    #[test]
    fn tables_rules_and_front_matter() {
        check(
            "---\ntitle: x\n---\n\n| es | en |\n|----|----|\n| sí | yes |\n\n***\n\n- [x] hecho",
            "es | en | sí | yes | item: hecho",
        );
    }

    #[test]
    fn strip_tags_keeps_lone_angle_brackets() {
        assert_eq!(
            strip_tags("a < b <i>c</i> <!-- x --> d <unclosed"),
            "a < b  c    d "
        );
    }

    #[test]
    fn empty_input() {
        check("", "");
        check("\n\n<!-- -->\n\n```\n```\n", "");
    }
}
