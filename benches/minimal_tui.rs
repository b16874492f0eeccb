//! The yardstick for `benches/keystroke.py` and `benches/startup.py`: the smallest
//! ratatui app that echoes typed keys, so a keystroke's cost and the time to the
//! first frame in trustbook can be given as a ratio to it. Its first line is fixed
//! words, so the start harness can tell its first frame has been drawn.
//! Build: `cargo build --release --example minimal_tui`.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::text::{Line, Text};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut term = ratatui::init();
    let mut typed = String::new();
    let result = loop {
        let text = Text::from(vec![
            Line::from("minimal ratatui app"),
            Line::from(typed.as_str()),
        ]);
        if let Err(e) = term.draw(|f| f.render_widget(Paragraph::new(text), f.area())) {
            break Err(e);
        }
        match event::read() {
            Ok(Event::Key(k))
                if k.code == KeyCode::Char('q') && k.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                break Ok(());
            }
            Ok(Event::Key(k)) => match k.code {
                KeyCode::Char(c) => typed.push(c),
                KeyCode::Backspace => {
                    typed.pop();
                }
                // Every other key only redraws, as a key would in any app.
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e),
        }
    };
    ratatui::restore();
    result
}
