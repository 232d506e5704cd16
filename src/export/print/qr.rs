//! A meeting code as a QR code, drawn as inline SVG so the page needs no
//! image file.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// The SVG markup (`<svg …>…</svg>`) of a QR code holding `text`; `None`
/// if the text is too long for a QR code (a meeting code never is).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .module_dimensions(1, 1)
        .quiet_zone(true)
        .build();
    // The renderer writes a standalone file; inside HTML the XML
    // declaration is noise (browsers read it as a bogus comment).
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn is_bare_inline_svg() {
        let svg = super::qr_svg("K7MQ2X").unwrap_or_default();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("<path"));
    }
}
