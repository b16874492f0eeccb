//! A score: a number worked out from other answers, shown as lines of text; it takes
//! no answer of its own.

use super::{Answering, Intent, Opening, Outcome};
use crate::answers::Value;
use crate::app::Context;
use crate::content::Score;
use crate::present::score;

/// A score on screen: its lines as worked out when the page opened (what it reads
/// cannot change while it is on screen).
#[derive(Debug)]
pub struct ScoreView {
    lines: Vec<String>,
}

impl ScoreView {
    /// Works the score out from the answers of its chapter as they stand: its value
    /// and band (or what it still waits on), then what it reads.
    pub fn open(at: &Opening, def: &Score) -> ScoreView {
        let ch = at.chapter();
        let outcome = score::compute(def, ch, |id| at.answers.get(&ch.id, id));
        let mut lines = score::lines(def, &outcome);
        lines.push(score::from_line(def, ch));
        ScoreView { lines }
    }

    /// The lines to draw: the value first, what it is computed from last.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

impl Answering for ScoreView {
    /// Keys only scroll and read on, as on a page.
    fn update(&mut self, _intent: Intent, _stored: Option<&Value>) -> Outcome {
        Outcome::default()
    }

    /// Key context: a page.
    fn context(&self) -> Context {
        Context::Page
    }
}
