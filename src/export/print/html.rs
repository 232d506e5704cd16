//! The askama templates (in `templates/print/`) and the structs they read.
//! Askama escapes every `{{ value }}` in an `.html` template; the one
//! `|safe` is used twice: to join page bodies these same templates rendered,
//! and for the QR codes' SVG, which the `qrcode` crate draws from numbers.

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

#[derive(Template)]
#[template(path = "print/tables.html")]
struct TablesBody<'a> {
    event: &'a str,
    sheets: &'a [DoorSheet],
}

pub fn tables_body(event: &str, sheets: &[DoorSheet]) -> Result<String, ExportError> {
    render("tables", &TablesBody { event, sheets })
}

#[derive(Template)]
#[template(path = "print/interpreters.html")]
struct InterpretersBody<'a> {
    event: &'a str,
    days: &'a [InterpreterDay],
}

pub fn interpreters_body(event: &str, days: &[InterpreterDay]) -> Result<String, ExportError> {
    render("interpreters", &InterpretersBody { event, days })
}

#[derive(Template)]
#[template(path = "print/checkin.html")]
struct CheckinBody<'a> {
    event: &'a str,
    sections: [CheckinSection<'a>; 2],
}

struct CheckinSection<'a> {
    heading: labels::Label,
    rows: &'a [CheckinRow],
}

pub fn checkin_body(
    event: &str,
    by_latin: &[CheckinRow],
    by_chinese: &[CheckinRow],
) -> Result<String, ExportError> {
    render(
        "checkin",
        &CheckinBody {
            event,
            sections: [
                CheckinSection {
                    heading: labels::BY_LATIN,
                    rows: by_latin,
                },
                CheckinSection {
                    heading: labels::BY_CHINESE,
                    rows: by_chinese,
                },
            ],
        },
    )
}

fn render(file: &'static str, template: &impl Template) -> Result<String, ExportError> {
    template.render().map_err(|err| ExportError::Render {
        file,
        detail: err.to_string(),
    })
}
