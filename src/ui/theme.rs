//! Styles. No background colours are set, so light and dark terminals both read
//! well; with `NO_COLOR` set, only bold, dim, reverse and underline are used.

use ratatui::style::{Color, Modifier, Style};

/// The styles the screens draw with.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme honouring the `NO_COLOR` convention (any non-empty value).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }
    /// A theme with or without colour.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    /// Titles and headings.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// Less important text: hints, counts, footer keys' descriptions.
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }
    /// Keys in the footer and help.
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// The selected row: reversed, so it shows without colour too.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    /// A selected block of several lines: bold rather than reversed, which would be heavy.
    pub fn selected_soft(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    /// Done markers.
    pub fn done(&self) -> Style {
        self.fg(Color::Green)
    }
    /// Started markers.
    pub fn started(&self) -> Style {
        self.fg(Color::Yellow)
    }
    /// Warnings, such as a failed save.
    pub fn warn(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// Borders of boxes.
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    /// The chosen value or option.
    pub fn chosen(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
}
