//! Two computers, no server: each partner's trustbook writes its share into a folder the
//! couple syncs (Syncthing, a cloud-drive folder, a USB stick), encrypted to both and
//! signed, and reads the other's. Blind answers travel sealed until the partner has
//! answered the same item. The protocol and file format are in `docs/sharing.md`.

pub mod folder;
pub mod keys;
pub mod local;
pub mod seal;
pub mod share;

pub use keys::{OwnKeys, PartnerKeys};

/// Why a share, a key or a pairing code cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// The system's random source failed.
    Random(String),
    /// Own keys that cannot be read.
    BadKeys(String),
    /// A pairing code that is not one.
    BadCode(String),
    /// A file that is not a whole share, or was changed.
    Damaged(String),
    /// A share encrypted to someone else.
    NotForMe,
    /// A share whose signature is not the partner's: forged, or signed by a stranger.
    Forged,
    /// A share from a newer trustbook (its version).
    Newer(u64),
    /// A share between other profiles.
    WrongNames {
        /// Who it says it is from.
        from: String,
        /// Whom it says it is for.
        to: String,
    },
    /// A share of another workbook (its id).
    OtherWorkbook(String),
}

impl std::fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::safe::line;
        match self {
            ExchangeError::Random(e) => write!(f, "the system's random source failed: {}", line(e)),
            ExchangeError::BadKeys(why) | ExchangeError::BadCode(why) | ExchangeError::Damaged(why) => {
                write!(f, "{}", line(why))
            }
            ExchangeError::NotForMe => f.write_str("it is encrypted to someone else, not to this profile"),
            ExchangeError::Forged => {
                f.write_str("its signature is not your partner's: it was forged or changed, and is ignored")
            }
            ExchangeError::Newer(v) => write!(
                f,
                "it was written by a newer trustbook (share format {v}); update trustbook to read it"
            ),
            ExchangeError::WrongNames { from, to } => write!(
                f,
                "it is from {} for {}, not between you and your partner",
                line(from),
                line(to)
            ),
            ExchangeError::OtherWorkbook(id) => write!(f, "it is for another workbook (\"{}\")", line(id)),
        }
    }
}
