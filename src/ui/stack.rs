//! Rows of a screen stacked top to bottom, worked out directly in the common case.
//!
//! Solving a `Layout`'s constraints was a fifth of the first frame's work (ratatui
//! caches a solved layout, but every first frame and every new size solves afresh).
//! When every constraint is a `Length` but one `Min` and the lengths fit, the answer
//! is plain: each `Length` gets its rows, the `Min` the rest. Anything else is
//! handed to `Layout`, so the result is always what `Layout` would give.

use ratatui::layout::{Constraint, Layout, Rect};

/// `area` split top to bottom by `constraints`, exactly as
/// `Layout::vertical(constraints).areas(area)`.
pub fn stack<const N: usize>(area: Rect, constraints: [Constraint; N]) -> [Rect; N] {
    direct(area, &constraints).unwrap_or_else(|| Layout::vertical(constraints).areas(area))
}

/// The split when it needs no solving: one `Min`, all else `Length`, all fitting.
fn direct<const N: usize>(area: Rect, constraints: &[Constraint; N]) -> Option<[Rect; N]> {
    let mut fixed: u16 = 0;
    let mut flexible = None;
    for (i, c) in constraints.iter().enumerate() {
        match *c {
            Constraint::Length(n) => fixed = fixed.checked_add(n)?,
            Constraint::Min(n) if flexible.is_none() => {
                fixed = fixed.checked_add(n)?;
                flexible = Some((i, n));
            }
            _ => return None,
        }
    }
    let (flex_at, flex_min) = flexible?;
    let spare = area.height.checked_sub(fixed)?;
    let mut y = area.y;
    let mut out = [Rect::default(); N];
    for (i, (c, rect)) in constraints.iter().zip(&mut out).enumerate() {
        let height = match *c {
            Constraint::Length(n) => n,
            _ if i == flex_at => flex_min + spare,
            _ => return None,
        };
        *rect = Rect { y, height, ..area };
        y += height;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_as_layout_does_at_every_height() {
        use Constraint::{Length, Max, Min};
        let cases: Vec<Vec<Constraint>> = vec![
            vec![Length(1), Min(1), Length(1)],
            vec![Length(1), Min(2), Length(3), Length(7)],
            vec![Length(1), Length(4), Length(2), Length(0), Length(1), Min(3)],
            vec![Min(0), Length(1)],
            vec![Length(2), Length(5), Min(0)],
            vec![Length(1), Max(4), Min(0), Length(1)],
            vec![Min(1), Min(1)],
            vec![Length(3), Length(3)],
        ];
        for case in &cases {
            for height in 0..40 {
                for (x, y) in [(0, 0), (2, 5)] {
                    let area = Rect::new(x, y, 30, height);
                    let ours = match case.as_slice() {
                        [a, b] => stack(area, [*a, *b]).to_vec(),
                        [a, b, c] => stack(area, [*a, *b, *c]).to_vec(),
                        [a, b, c, d] => stack(area, [*a, *b, *c, *d]).to_vec(),
                        [a, b, c, d, e, f] => stack(area, [*a, *b, *c, *d, *e, *f]).to_vec(),
                        _ => unreachable!("a case of another length"),
                    };
                    let solved = Layout::vertical(case.clone()).split(area).to_vec();
                    assert_eq!(ours, solved, "{case:?} in {area:?}");
                }
            }
        }
    }

    #[test]
    fn the_common_case_is_worked_out_directly() {
        let area = Rect::new(0, 0, 80, 24);
        let split = direct(
            area,
            &[Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)],
        );
        assert_eq!(split.map(|r| r.map(|r| r.height)), Some([1, 22, 1]));
        assert_eq!(direct(area, &[Constraint::Length(30), Constraint::Min(1)]), None);
    }
}
