//! Terminal input bytes to key, mouse, paste and focus events, the way xterm-like
//! terminals send them.
//!
//! trustbook decodes input itself instead of using crossterm's reader, which
//! can stall: it reads 1 KiB per wake-up from an edge-triggered poll, so the
//! rest of a fast burst waits for the next key press; and after a paste start
//! marker without an end marker every later key is swallowed as paste. Here,
//! all available bytes are read each time, and a paste ends at its end marker,
//! after a pause with no bytes ([`Decoder::flush`]), or at Ctrl+C / Ctrl+Q
//! (pasted text never holds those: control characters are dropped from pastes),
//! so quitting always works.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const ESC: u8 = 0x1b;
/// Start and end markers of a bracketed paste.
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// Longest escape sequence kept waiting for its end; longer is garbage, dropped.
const MAX_SEQUENCE: usize = 64;
/// Most bytes of one paste held at once; a longer paste arrives as several.
const MAX_PASTE: usize = 4 * 1024 * 1024;

/// Decodes a stream of input bytes into events.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes not decoded yet: the start of a sequence or of a character.
    held: Vec<u8>,
    /// Inside a bracketed paste: its bytes so far.
    paste: Option<Vec<u8>>,
}

/// One step of decoding.
enum Step {
    /// An event, from this many bytes.
    Event(Event, usize),
    /// Bytes that mean nothing to the app (focus reports, unknown sequences).
    Skip(usize),
    /// A paste starts after this many bytes.
    PasteStart(usize),
    /// The bytes so far could start a sequence: wait for more.
    More,
}

impl Decoder {
    /// Decodes `bytes` (with anything held from before) into events.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.held.extend_from_slice(bytes);
        let mut out = Vec::new();
        self.run(&mut out, false);
        out
    }

    /// True when bytes are held for the rest of a sequence, or a paste is open:
    /// the reader then waits a moment for more before calling [`Decoder::flush`].
    pub fn pending(&self) -> bool {
        !self.held.is_empty() || self.paste.is_some()
    }

    /// True inside a bracketed paste whose end marker has not come yet.
    pub fn in_paste(&self) -> bool {
        self.paste.is_some()
    }

    /// No more bytes came in time: a lone Esc is the Esc key, an unfinished
    /// sequence is dropped, an unterminated paste ends with what it has.
    pub fn flush(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        self.run(&mut out, true);
        if let Some(paste) = self.paste.take() {
            push_paste(&mut out, paste);
        }
        self.held.clear();
        out
    }

    fn run(&mut self, out: &mut Vec<Event>, last: bool) {
        let mut at = 0;
        while at < self.held.len() {
            if let Some(paste) = self.paste.as_mut() {
                let rest = &self.held[at..];
                if let Some(end) = find(rest, PASTE_END) {
                    paste.extend_from_slice(&rest[..end]);
                    let paste = self.paste.take().unwrap_or_default();
                    push_paste(out, paste);
                    at += end + PASTE_END.len();
                    continue;
                }
                // Ctrl+C or Ctrl+Q ends a paste that never got its end marker.
                if let Some(stop) = rest.iter().position(|b| matches!(b, 0x03 | 0x11)) {
                    paste.extend_from_slice(&rest[..stop]);
                    let paste = self.paste.take().unwrap_or_default();
                    push_paste(out, paste);
                    at += stop;
                    continue;
                }
                // Keep back what could be the start of the end marker.
                let keep = if last { 0 } else { marker_prefix(rest) };
                paste.extend_from_slice(&rest[..rest.len() - keep]);
                at = self.held.len() - keep;
                if paste.len() >= MAX_PASTE {
                    let full = std::mem::take(paste);
                    push_paste(out, full);
                }
                break;
            }
            match step(&self.held[at..], last) {
                Step::Event(ev, n) => {
                    out.push(ev);
                    at += n;
                }
                Step::Skip(n) => at += n,
                Step::PasteStart(n) => {
                    self.paste = Some(Vec::new());
                    at += n;
                }
                Step::More if last => at += 1,
                Step::More => break,
            }
        }
        self.held.drain(..at);
    }
}

fn push_paste(out: &mut Vec<Event>, bytes: Vec<u8>) {
    if !bytes.is_empty() {
        out.push(Event::Paste(String::from_utf8_lossy(&bytes).into_owned()));
    }
}

/// Where `needle` starts in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `bytes` could begin the paste end marker.
fn marker_prefix(bytes: &[u8]) -> usize {
    (1..PASTE_END.len())
        .rev()
        .find(|&n| bytes.len() >= n && bytes.ends_with(&PASTE_END[..n]))
        .unwrap_or(0)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// Decodes one event from the start of `b`; `last` when no more bytes will come.
fn step(b: &[u8], last: bool) -> Step {
    match b[0] {
        ESC => escape(b, last),
        b'\r' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7f => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        c @ 0x01..=0x1a => Step::Event(
            key(KeyCode::Char((c - 1 + b'a') as char), KeyModifiers::CONTROL),
            1,
        ),
        c @ 0x1c..=0x1f => Step::Event(
            key(KeyCode::Char((c - 0x1c + b'4') as char), KeyModifiers::CONTROL),
            1,
        ),
        0 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        _ => match utf8(b) {
            Utf8::Char(c, n) => {
                let mods = if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                Step::Event(key(KeyCode::Char(c), mods), n)
            }
            Utf8::Partial if !last => Step::More,
            Utf8::Partial | Utf8::Invalid => Step::Skip(1),
        },
    }
}

enum Utf8 {
    Char(char, usize),
    Partial,
    Invalid,
}

/// The UTF-8 character at the start of `b`.
fn utf8(b: &[u8]) -> Utf8 {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Utf8::Invalid,
    };
    if b.len() < len {
        // Only a valid start so far can wait for the rest.
        return match std::str::from_utf8(b) {
            Err(e) if e.error_len().is_none() => Utf8::Partial,
            Ok(_) | Err(_) => Utf8::Invalid,
        };
    }
    match std::str::from_utf8(&b[..len]).ok().and_then(|s| s.chars().next()) {
        Some(c) => Utf8::Char(c, len),
        None => Utf8::Invalid,
    }
}

/// A sequence starting with ESC.
fn escape(b: &[u8], last: bool) -> Step {
    let Some(&next) = b.get(1) else {
        return if last {
            Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1)
        } else {
            Step::More
        };
    };
    match next {
        b'[' => csi(b, last),
        b'O' => match b.get(2) {
            None if !last => Step::More,
            None => Step::Event(key(KeyCode::Char('O'), KeyModifiers::ALT), 2),
            Some(&f) => match plain_final(f) {
                Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
                None => Step::Skip(3),
            },
        },
        ESC => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match step(&b[1..], last) {
            // Alt+key: ESC before the key.
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Event(_, n) | Step::Skip(n) | Step::PasteStart(n) => Step::Skip(n + 1),
            Step::More => Step::More,
        },
    }
}

/// The key of a sequence's final byte without parameters (`ESC [ A`, `ESC O P`).
fn plain_final(f: u8) -> Option<KeyCode> {
    Some(match f {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// Modifiers from a CSI modifier parameter (1 + bits: shift 1, alt 2, ctrl 4).
fn modifiers(param: Option<u16>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

/// A control sequence: `ESC [`, parameters, a final byte.
fn csi(b: &[u8], last: bool) -> Step {
    // X10 mouse: ESC [ M and three bytes.
    if b.get(2) == Some(&b'M') {
        return match b.get(3..6) {
            Some(&[cb, _, _]) => Step::Event(mouse(u16::from(cb.saturating_sub(32)), false), 6),
            Some(_) | None if last => Step::Skip(b.len()),
            Some(_) | None => Step::More,
        };
    }
    let Some(end) = b
        .iter()
        .skip(2)
        .position(|&c| (0x40..=0x7e).contains(&c))
        .map(|i| i + 2)
    else {
        return if last || b.len() > MAX_SEQUENCE {
            Step::Skip(b.len().min(2))
        } else {
            Step::More
        };
    };
    let n = end + 1;
    let body = &b[2..end];
    let fin = b[end];
    if &b[..n] == PASTE_START {
        return Step::PasteStart(n);
    }
    // SGR mouse: ESC [ < button ; x ; y (M press, m release).
    if let Some(rest) = body.strip_prefix(b"<") {
        let button = params(rest).first().copied().flatten().unwrap_or(0);
        return Step::Event(mouse(button, fin == b'm'), n);
    }
    let p = params(body);
    let first = p.first().copied().flatten();
    let mods = modifiers(p.get(1).copied().flatten());
    let code = match fin {
        b'~' => match first {
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(f @ 11..=15) => KeyCode::F((f - 10) as u8),
            Some(f @ 17..=21) => KeyCode::F((f - 11) as u8),
            Some(f @ 23..=26) => KeyCode::F((f - 12) as u8),
            Some(f @ 28..=29) => KeyCode::F((f - 13) as u8),
            Some(f @ 31..=34) => KeyCode::F((f - 14) as u8),
            Some(_) | None => return Step::Skip(n),
        },
        b'Z' => return Step::Event(key(KeyCode::BackTab, KeyModifiers::SHIFT), n),
        f => match plain_final(f) {
            Some(code) => code,
            None => return Step::Skip(n),
        },
    };
    Step::Event(key(code, mods), n)
}

/// `;`-separated numbers (empty or unreadable ones as `None`).
fn params(body: &[u8]) -> Vec<Option<u16>> {
    body.split(|&c| c == b';')
        .map(|p| std::str::from_utf8(p).ok().and_then(|s| s.parse().ok()))
        .collect()
}

/// A mouse report: only the wheel matters to the app, but every report is decoded
/// so none leaks in as typed text.
fn mouse(button: u16, release: bool) -> Event {
    let kind = match button & 0b1100_0011 {
        64 => MouseEventKind::ScrollUp,
        65 => MouseEventKind::ScrollDown,
        _ if release => MouseEventKind::Up(MouseButton::Left),
        _ if button & 32 != 0 => MouseEventKind::Moved,
        _ => MouseEventKind::Down(MouseButton::Left),
    };
    Event::Mouse(MouseEvent {
        kind,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }
    fn all(bytes: &[u8]) -> Vec<Event> {
        let mut d = Decoder::default();
        let mut out = d.feed(bytes);
        out.extend(d.flush());
        out
    }

    #[test]
    fn keys_as_crossterm_reports_them() {
        assert_eq!(all(b"a"), [k(KeyCode::Char('a'))]);
        assert_eq!(all(b"A"), [key(KeyCode::Char('A'), KeyModifiers::SHIFT)]);
        assert_eq!(
            all(b"\r\t\x7f"),
            [k(KeyCode::Enter), k(KeyCode::Tab), k(KeyCode::Backspace)]
        );
        assert_eq!(all(b"\x11"), [key(KeyCode::Char('q'), KeyModifiers::CONTROL)]);
        assert_eq!(all(b"\x1b"), [k(KeyCode::Esc)]);
        assert_eq!(all(b"\x1bd"), [key(KeyCode::Char('d'), KeyModifiers::ALT)]);
        assert_eq!(
            all(b"\x1b[A\x1bOB\x1b[1;5C\x1b[1;2D"),
            [
                k(KeyCode::Up),
                k(KeyCode::Down),
                key(KeyCode::Right, KeyModifiers::CONTROL),
                key(KeyCode::Left, KeyModifiers::SHIFT),
            ]
        );
        assert_eq!(
            all(b"\x1b[3~\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z"),
            [
                k(KeyCode::Delete),
                k(KeyCode::PageUp),
                k(KeyCode::PageDown),
                k(KeyCode::Home),
                k(KeyCode::End),
                key(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
        assert_eq!(
            all(b"\x1bOP\x1bOQ\x1b[15~\x1b[24~"),
            [
                k(KeyCode::F(1)),
                k(KeyCode::F(2)),
                k(KeyCode::F(5)),
                k(KeyCode::F(12)),
            ]
        );
        assert_eq!(
            all("é👨‍👩‍👧".as_bytes()).len(),
            1 + 5,
            "é and the five code points of the family"
        );
    }

    #[test]
    fn the_mouse_wheel_and_other_reports() {
        let wheel = |ev: &Event| match ev {
            Event::Mouse(m) => Some(m.kind),
            _ => None,
        };
        let evs = all(b"\x1b[<64;10;5M\x1b[<65;10;5M\x1b[<0;1;1M\x1b[M`!!");
        let kinds: Vec<_> = evs.iter().map(wheel).collect();
        assert_eq!(
            kinds,
            [
                Some(MouseEventKind::ScrollUp),
                Some(MouseEventKind::ScrollDown),
                Some(MouseEventKind::Down(MouseButton::Left)),
                Some(MouseEventKind::ScrollUp),
            ]
        );
        assert_eq!(
            all(b"\x1b[I\x1b[O\x1b[?1;2cx"),
            [k(KeyCode::Char('x'))],
            "focus and replies are skipped"
        );
    }

    #[test]
    fn a_sequence_split_across_reads_waits_for_its_end() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b").is_empty());
        assert!(d.pending());
        assert!(d.feed(b"[").is_empty());
        assert_eq!(d.feed(b"B"), [k(KeyCode::Down)]);
        assert!(!d.pending());
        assert!(d.feed(&"é".as_bytes()[..1]).is_empty());
        assert_eq!(d.feed(&"é".as_bytes()[1..]), [k(KeyCode::Char('é'))]);
    }

    #[test]
    fn a_bracketed_paste_is_one_event_even_in_pieces() {
        let mut d = Decoder::default();
        assert!(d.feed(b"x\x1b[200~one\r").first() == Some(&k(KeyCode::Char('x'))));
        assert!(d.feed(b"two\x1b[20").is_empty());
        assert_eq!(
            d.feed(b"1~y"),
            [Event::Paste("one\rtwo".into()), k(KeyCode::Char('y'))]
        );
    }

    #[test]
    fn an_unterminated_paste_ends_at_a_pause_or_at_ctrl_q() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b[200~half a paste").is_empty());
        assert!(d.pending());
        assert_eq!(d.flush(), [Event::Paste("half a paste".into())]);
        assert_eq!(d.feed(b"z"), [k(KeyCode::Char('z'))], "keys are keys again");

        let mut d = Decoder::default();
        let evs = d.feed(b"\x1b[200~stuck\x11");
        assert_eq!(
            evs,
            [
                Event::Paste("stuck".into()),
                key(KeyCode::Char('q'), KeyModifiers::CONTROL)
            ]
        );
        assert!(!d.pending());
    }

    #[test]
    fn a_long_burst_decodes_whole() {
        let burst = "word ".repeat(3300);
        let evs = all(burst.as_bytes());
        assert_eq!(evs.len(), burst.len());
    }
}
