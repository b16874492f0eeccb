//! How a checklist answer reads: every option, ticked or not.

use super::{Piece, clean_line, words};

/// A checklist's pieces: every option of the exercise (`options`, none when the exercise
/// is no longer a checklist), ticked or not, then any ticked text it no longer has, then
/// the person's own words.
pub fn pieces(options: Option<&[String]>, ticked: &[String], other: Option<&str>) -> Vec<Piece> {
    let options = options.unwrap_or_default();
    let mut out: Vec<Piece> = options
        .iter()
        .map(|o| Piece::Check {
            ticked: ticked.contains(o),
            text: clean_line(o),
        })
        .collect();
    out.extend(
        ticked
            .iter()
            .filter(|t| !options.contains(t))
            .map(|t| Piece::Check {
                ticked: true,
                text: clean_line(t),
            }),
    );
    if let Some(o) = other {
        out.push(Piece::Check {
            ticked: true,
            text: words::other(&clean_line(o)),
        });
    }
    out
}
