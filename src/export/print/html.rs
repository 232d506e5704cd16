//! The askama templates (in `templates/print/`) and the structs they read.
//! Askama escapes every `{{ value }}` in an `.html` template; the one
//! `|safe` is used twice: to join page bodies these same templates rendered,
//! and for the QR codes' SVG, which the `qrcode` crate draws from numbers.

use std::io::Write;

use askama::Template;

use super::agenda::{Bi, Page};
use super::labels;
use super::sheets::{CheckinRow, DoorSheet, InterpreterDay};
use crate::export::ExportError;
use crate::model::Summit;

/// The sheet size: US Letter where the event is in the Americas (the time
/// zone says so), A4 everywhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn for_event(summit: &Summit) -> Paper {
        if summit.event.timezone.starts_with("America/") {
            Paper::Letter
        } else {
            Paper::A4
        }
    }

    /// The CSS `@page` size.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Template)]
#[template(path = "print/document.html")]
struct Document<'a> {
    title: &'a str,
    paper: Paper,
    /// Bodies rendered by the templates below, so already escaped.
    bodies: &'a [String],
}

/// A complete HTML document around rendered bodies, one printed page or
/// more each.
pub fn document(title: &str, paper: Paper, bodies: &[String]) -> Result<String, ExportError> {
    render(
        "document",
        &Document {
            title,
            paper,
            bodies,
        },
    )
}

#[derive(Template)]
#[template(path = "print/agenda.html")]
struct AgendaBody<'a, 'm> {
    page: &'a Page<'m>,
}

/// One participant's page, as a `<section>`.
pub fn agenda_body(page: &Page<'_>) -> Result<String, ExportError> {
    render("agenda", &AgendaBody { page })
}

/// `tables.html`'s body.
#[derive(Template)]
#[template(path = "print/tables.html")]
pub struct TablesBody<'a> {
    pub event: &'a str,
    pub sheets: &'a [DoorSheet],
}

/// `interpreters.html`'s body.
#[derive(Template)]
#[template(path = "print/interpreters.html")]
pub struct InterpretersBody<'a> {
    pub event: &'a str,
    pub days: &'a [InterpreterDay],
}

#[derive(Template)]
#[template(path = "print/checkin.html")]
struct CheckinBody<'a> {
    event: &'a str,
    sections: [CheckinSection<'a>; 2],
}

struct CheckinSection<'a> {
    heading: labels::Label,
    /// Participants in the section's order (see [`CheckinRows`]).
    order: &'a [u32],
    make: &'a CheckinRows<'a>,
}

impl CheckinSection<'_> {
    /// The rows, each made as it is written: a million of them at once
    /// would take hundreds of megabytes.
    fn rows(&self) -> impl Iterator<Item = CheckinRow> + '_ {
        self.order.iter().map(|&at| (self.make)(at))
    }
}

/// Makes the check-in row of a participant, counted sellers first, then
/// buyers.
pub type CheckinRows<'a> = dyn Fn(u32) -> CheckinRow + 'a;

pub fn write_checkin(
    out: &mut dyn Write,
    event: &str,
    by_latin: &[u32],
    by_chinese: &[u32],
    make: &CheckinRows<'_>,
) -> Result<(), ExportError> {
    let section = |heading, order| CheckinSection {
        heading,
        order,
        make,
    };
    let body = CheckinBody {
        event,
        sections: [
            section(labels::BY_LATIN, by_latin),
            section(labels::BY_CHINESE, by_chinese),
        ],
    };
    write("checkin", &body, out)
}

fn render(file: &'static str, template: &impl Template) -> Result<String, ExportError> {
    template.render().map_err(|err| ExportError::Render {
        file,
        detail: err.to_string(),
    })
}

/// Renders `template` into `out` as it goes. A failed write is reported
/// by the sink `out` belongs to, with its path.
pub fn write(
    file: &'static str,
    template: &impl Template,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    Template::write_into(template, out).map_err(|err| ExportError::Render {
        file,
        detail: err.to_string(),
    })
}

/// A document's text around its bodies, so a document of many bodies can
/// be written a body at a time: `head`, then each body followed by
/// `after`, then `tail`, the same bytes as [`document`].
#[derive(Debug, Clone)]
pub struct Frame {
    head: String,
    after: String,
    tail: String,
}

impl Frame {
    /// The frame of [`document`], found by rendering it with no body and
    /// with one marker body.
    pub fn new(title: &str, paper: Paper) -> Result<Frame, ExportError> {
        const MARK: &str = "\u{1}body\u{1}";
        let empty = document(title, paper, &[])?;
        let marked = document(title, paper, &[MARK.to_owned()])?;
        // The title comes before the bodies: the last mark is the body.
        let split = (marked.rfind(MARK)).map(|at| marked.split_at(at));
        let frame = split.and_then(|(head, rest)| {
            let tail = empty.strip_prefix(head)?;
            let after = rest.strip_prefix(MARK)?.strip_suffix(tail)?;
            Some(Frame {
                head: head.to_owned(),
                after: after.to_owned(),
                tail: tail.to_owned(),
            })
        });
        frame.ok_or_else(|| ExportError::Render {
            file: "document",
            detail: "the document template does not frame its bodies".to_owned(),
        })
    }

    pub fn head(&self) -> &[u8] {
        self.head.as_bytes()
    }

    pub fn after(&self) -> &[u8] {
        self.after.as_bytes()
    }

    pub fn tail(&self) -> &[u8] {
        self.tail.as_bytes()
    }

    /// A whole document of one body.
    pub fn document(&self, body: &str) -> String {
        [self.head.as_str(), body, &self.after, &self.tail].concat()
    }

    /// Writes a whole document whose one body `body` writes.
    pub fn write(
        &self,
        out: &mut dyn Write,
        body: impl FnOnce(&mut dyn Write) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let failed = |io| ExportError::Write {
            path: "document".into(),
            io,
        };
        out.write_all(self.head()).map_err(failed)?;
        body(&mut *out)?;
        out.write_all(self.after()).map_err(failed)?;
        out.write_all(self.tail()).map_err(failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_framed_document_is_the_document() {
        let title = "A <summit> \u{1}body\u{1}";
        let frame = Frame::new(title, Paper::A4).unwrap();
        let bodies = ["<section>one</section>".to_owned(), "two".to_owned()];
        let mut framed = frame.head.clone();
        for body in &bodies {
            framed.push_str(body);
            framed.push_str(&frame.after);
        }
        framed.push_str(&frame.tail);
        assert_eq!(framed, document(title, Paper::A4, &bodies).unwrap());
        assert_eq!(
            frame.document("x"),
            document(title, Paper::A4, &["x".to_owned()]).unwrap()
        );
    }
}
