//! A page to read: nothing to answer, so Enter reads on, as on an introduction.

use super::{Answering, Intent, Outcome};
use crate::answers::Value;
use crate::app::Context;

/// A page on screen: it holds nothing, the exercise's prompt is all there is.
#[derive(Debug)]
pub struct PageView;

impl Answering for PageView {
    /// Keys only scroll and read on, as on any page.
    fn update(&mut self, _intent: Intent, _stored: Option<&Value>) -> Outcome {
        Outcome::default()
    }

    /// Key context: a page.
    fn context(&self) -> Context {
        Context::Page
    }
}
