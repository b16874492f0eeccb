//! The yardstick for `benches/keystroke.py`: the smallest ratatui app that echoes
//! typed keys, so a keystroke's cost in trustbook can be given as a ratio to it.
//! Build: `cargo build --release --example minimal_tui`.

use ratatui::crossterm::event::{self, Event, KeyCode, KeyModifiers};
use ratatui::widgets::Paragraph;

fn main() -> std::io::Result<()> {
    let mut term = ratatui::init();
    let mut typed = String::new();
    let result = loop {
        if let Err(e) = term.draw(|f| f.render_widget(Paragraph::new(typed.as_str()), f.area())) {
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
