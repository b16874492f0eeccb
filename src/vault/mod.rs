//! A passphrase that locks: age encryption of a protected profile's files.
//!
//! No cryptography of our own: everything here is the `age` crate (the reference Rust
//! implementation of <https://age-encryption.org/v1>).
//!
//! - A protected profile has an X25519 [`Identity`] of its own. Its files at rest (the
//!   answers file, every backup and kept copy, the fallback copy, what it shares) are age
//!   files encrypted to the identity's recipient: saving is one X25519 exchange plus
//!   ChaCha20-Poly1305, so autosave stays fast.
//! - The identity is kept in `<profile>.key`, itself an age file encrypted under the
//!   passphrase (age's scrypt recipient, its work factor calibrated on this computer to
//!   0.7 to 1.4 seconds of work; age's own rounds up to 1 to 2 seconds).
//!   Unlocking it once per session is the only slow step.
//! - The identity as text (`AGE-SECRET-KEY-1…`) is the recovery key, shown once.
//!
//! Both files are plain age files: `age -d sam.key > id.txt; age -d -i id.txt sam.toml`
//! reads the answers with the reference tool, without trustbook.
//!
//! Secrets are wiped from memory when dropped: passphrases are [`SecretString`]s, the
//! identity's key is zeroized by x25519-dalek, decrypted bytes are [`Zeroizing`].

pub mod prompt;

use std::fmt;
use std::io::Read as _;
use std::sync::Arc;

pub use age::secrecy::{ExposeSecret, SecretString};
pub use age::x25519::{Identity, Recipient};
use zeroize::Zeroizing;

/// The first bytes of every (binary) age file.
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// Longest passphrase accepted, in bytes: longer is a paste gone wrong.
pub const MAX_PASSPHRASE_BYTES: usize = 1024;

/// Debug builds only: the scrypt work factor (log2 N) of key files written by `protect`,
/// so tests do not spend a second per unlock. Release builds ignore it, and the work
/// factor is stored in the key file, so a file made with it stays weak: tests only.
pub const TEST_WORK_FACTOR_ENV: &str = "TRUSTBOOK_TEST_SCRYPT_LOG_N";

/// A passphrase or recovery key handed between the app and its edges (in an effect or
/// an event): wiped when dropped, never shown by `Debug`. Two are equal when their text
/// is, so effects and events compare as the rest do.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps `secret`.
    pub fn new(secret: SecretString) -> Secret {
        Secret(secret)
    }

    /// The secret itself, to hand to age.
    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Secret) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

/// Why a file could not be encrypted or decrypted. Display says it in words, without the
/// file's name (callers add it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The passphrase does not open the key file (or the key file's header is damaged).
    WrongPassphrase,
    /// The file is an age file but damaged: truncated, changed, or its header is broken.
    Damaged(String),
    /// The file is an age file encrypted to someone else: another profile's key, or
    /// another person's.
    OtherKey,
    /// The file is not an age file at all.
    NotAge,
    /// The recovery key typed is not an `AGE-SECRET-KEY-1…` string.
    BadRecoveryKey,
    /// Encrypting failed (the system's random source, most likely).
    Encrypt(String),
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::WrongPassphrase => write!(f, "the passphrase is not the one that locks it"),
            VaultError::Damaged(why) => write!(f, "it is damaged ({why})"),
            VaultError::OtherKey => write!(
                f,
                "it was encrypted for a different key (another profile's or another person's), not this profile's"
            ),
            VaultError::NotAge => write!(f, "it is not an encrypted (age) file"),
            VaultError::BadRecoveryKey => write!(
                f,
                "that is not a recovery key: it starts with AGE-SECRET-KEY-1 and is 74 characters long"
            ),
            VaultError::Encrypt(why) => write!(f, "it could not be encrypted: {why}"),
        }
    }
}

impl std::error::Error for VaultError {}

/// True when `bytes` start like an age file (so it is read as one, never as plain text).
pub fn is_age(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// A new random identity for a profile about to be protected.
pub fn create_identity() -> Identity {
    Identity::generate()
}

/// The identity's recipient (public key, `age1…`), as a string.
pub fn recipient_string(identity: &Identity) -> String {
    identity.to_public().to_string()
}

/// The recovery key: the identity as `AGE-SECRET-KEY-1…` text, to be shown once.
pub fn recovery_key(identity: &Identity) -> SecretString {
    identity.to_string()
}

/// Reads a recovery key typed back (spaces, case and a trailing new line forgiven).
pub fn parse_recovery_key(text: &str) -> Result<Identity, VaultError> {
    let cleaned: Zeroizing<String> = Zeroizing::new(
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase(),
    );
    cleaned
        .parse::<Identity>()
        .map_err(|_| VaultError::BadRecoveryKey)
}

/// The scrypt work factor for new key files (log2 N), calibrated on this computer so that
/// unlocking takes about 0.7 to 1.4 seconds: age's own default rounds up to 1 to 2 seconds,
/// and opening a profile must stay within 1.5 s. Never below 2^16.
///
/// In debug builds only, [`TEST_WORK_FACTOR_ENV`] may set it instead (tests).
fn work_factor() -> u8 {
    if cfg!(debug_assertions)
        && let Some(n) = std::env::var(TEST_WORK_FACTOR_ENV)
            .ok()
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|n| (1..=30).contains(n))
    {
        return n;
    }
    calibrated_work_factor()
}

/// Lowest and highest work factors [`calibrated_work_factor`] picks.
const WORK_FACTOR_RANGE: (u8, u8) = (16, 22);
/// What unlocking should cost at least, on this computer.
const UNLOCK_TARGET: std::time::Duration = std::time::Duration::from_millis(700);

/// Times age's scrypt at a small work factor (the fastest of three tries, so a busy
/// moment does not pick a weak factor) and scales it up to [`UNLOCK_TARGET`].
fn calibrated_work_factor() -> u8 {
    const PROBE: u8 = 12;
    let probe = || {
        let mut r = age::scrypt::Recipient::new(SecretString::from("calibration".to_string()));
        r.set_work_factor(PROBE);
        let start = std::time::Instant::now();
        let _ = age::encrypt(&r, b"");
        start.elapsed()
    };
    let Some(mut took) = (0..3).map(|_| probe()).min().filter(|d| !d.is_zero()) else {
        return WORK_FACTOR_RANGE.1;
    };
    let mut log_n = PROBE;
    // N doubles with each step, and so does the time.
    while took < UNLOCK_TARGET && log_n < WORK_FACTOR_RANGE.1 {
        log_n += 1;
        took *= 2;
    }
    log_n.max(WORK_FACTOR_RANGE.0)
}

/// The bytes of a key file: `identity` encrypted under `passphrase` with age's scrypt
/// recipient, at a work factor calibrated on this computer (see [`work_factor`]).
pub fn lock_identity(identity: &Identity, passphrase: &SecretString) -> Result<Vec<u8>, VaultError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor());
    let text = Zeroizing::new(format!("{}\n", identity.to_string().expose_secret()));
    age::encrypt(&recipient, text.as_bytes()).map_err(|e| VaultError::Encrypt(e.to_string()))
}

/// Opens a key file with `passphrase`: the identity, or why not.
pub fn unlock_identity(key_file: &[u8], passphrase: &SecretString) -> Result<Identity, VaultError> {
    let identity = age::scrypt::Identity::new(passphrase.clone());
    let plain = decrypt_with(&identity, key_file, true)?;
    let text = std::str::from_utf8(&plain).map_err(|_| VaultError::Damaged("not a key inside".into()))?;
    text.trim()
        .parse::<Identity>()
        .map_err(|_| VaultError::Damaged("not a key inside".into()))
}

/// Encrypts `bytes` to every recipient (one for a profile's own files; more for a share).
pub fn encrypt(recipients: &[Recipient], bytes: &[u8]) -> Result<Vec<u8>, VaultError> {
    let boxed = recipients.iter().map(|r| r as &dyn age::Recipient);
    let encryptor = age::Encryptor::with_recipients(boxed).map_err(|e| VaultError::Encrypt(e.to_string()))?;
    let mut out = Vec::with_capacity(bytes.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| VaultError::Encrypt(e.to_string()))?;
    std::io::Write::write_all(&mut writer, bytes).map_err(|e| VaultError::Encrypt(e.to_string()))?;
    writer.finish().map_err(|e| VaultError::Encrypt(e.to_string()))?;
    Ok(out)
}

/// Decrypts an age file encrypted to `identity`.
pub fn decrypt(identity: &Identity, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    decrypt_with(identity, bytes, false)
}

fn decrypt_with(
    identity: &dyn age::Identity,
    bytes: &[u8],
    passphrase: bool,
) -> Result<Zeroizing<Vec<u8>>, VaultError> {
    use age::DecryptError as E;
    if !is_age(bytes) {
        return Err(VaultError::NotAge);
    }
    let damaged = |e: E| VaultError::Damaged(damage_words(&e));
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(damaged)?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|e| match e {
            E::DecryptionFailed | E::KeyDecryptionFailed if passphrase => VaultError::WrongPassphrase,
            // A key file locked by a passphrase asks for one, not for a key.
            E::NoMatchingKeys if passphrase => VaultError::Damaged("it is not locked by a passphrase".into()),
            E::NoMatchingKeys => VaultError::OtherKey,
            other => damaged(other),
        })?;
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len()));
    reader
        .read_to_end(&mut out)
        .map_err(|e| VaultError::Damaged(format!("its contents do not check out: {e}")))?;
    Ok(out)
}

fn damage_words(e: &age::DecryptError) -> String {
    use age::DecryptError as E;
    match e {
        E::InvalidHeader => "its header is broken".into(),
        E::InvalidMac => "its header was changed".into(),
        E::UnknownFormat => "an age format this version does not know".into(),
        E::ExcessiveWork { required, .. } => {
            format!("it asks for far more work to open than trustbook makes (2^{required})")
        }
        E::Io(e) => format!("it ends too early: {e}"),
        other => other.to_string(),
    }
}

/// Unlocked key of a protected profile, shared by the store, the writer thread and the
/// fallback writer. The secret is wiped when the last holder drops it.
pub struct Unlocked {
    identity: Identity,
    recipient: Recipient,
}

impl fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Unlocked({})", self.recipient)
    }
}

/// How a profile's files are kept at rest: plain, or encrypted to its unlocked identity.
#[derive(Debug, Clone, Default)]
pub enum Protection {
    /// Plain text (a profile without a passphrase).
    #[default]
    Plain,
    /// Encrypted to this identity's recipient.
    Locked(Arc<Unlocked>),
}

impl Protection {
    /// Protection by `identity`.
    pub fn locked(identity: Identity) -> Protection {
        let recipient = identity.to_public();
        Protection::Locked(Arc::new(Unlocked { identity, recipient }))
    }

    /// True when files are encrypted.
    pub fn is_locked(&self) -> bool {
        matches!(self, Protection::Locked(_))
    }

    /// The bytes to write for `plain`: itself, or encrypted.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, VaultError> {
        match self {
            Protection::Plain => Ok(plain.to_vec()),
            Protection::Locked(k) => encrypt(std::slice::from_ref(&k.recipient), plain),
        }
    }

    /// The plain bytes of a file as read from disk: plain bytes pass as they are (a file
    /// not yet encrypted by an interrupted `protect`); an age file is decrypted, or, when
    /// the profile is plain, refused with [`VaultError::NotAge`]'s opposite: callers
    /// check [`is_age`] first to say "protected".
    pub fn open(&self, bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        match self {
            _ if !is_age(bytes) => Ok(Zeroizing::new(bytes.to_vec())),
            Protection::Plain => Err(VaultError::OtherKey),
            Protection::Locked(k) => decrypt(&k.identity, bytes),
        }
    }

    /// The identity, when locked (e.g. to show the recovery key).
    pub fn identity(&self) -> Option<&Identity> {
        match self {
            Protection::Plain => None,
            Protection::Locked(k) => Some(&k.identity),
        }
    }

    /// The recipient files are encrypted to, when locked: what a share adds beside the
    /// partner's.
    pub fn recipient(&self) -> Option<&Recipient> {
        match self {
            Protection::Plain => None,
            Protection::Locked(k) => Some(&k.recipient),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn a_key_file_opens_with_its_passphrase_only() {
        let id = create_identity();
        let mut r = age::scrypt::Recipient::new(pass("correct horse"));
        r.set_work_factor(4);
        let text = format!("{}\n", id.to_string().expose_secret());
        let file = age::encrypt(&r, text.as_bytes()).expect("encrypts");
        let back = unlock_identity(&file, &pass("correct horse")).expect("opens");
        assert_eq!(recipient_string(&back), recipient_string(&id));
        assert_eq!(
            unlock_identity(&file, &pass("wrong")).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert_eq!(
            unlock_identity(b"x = 1\n", &pass("p")).err(),
            Some(VaultError::NotAge)
        );
    }

    #[test]
    fn files_open_with_their_identity_only() {
        let id = create_identity();
        let other = create_identity();
        let sealed = encrypt(&[id.to_public()], b"my words").expect("encrypts");
        assert!(is_age(&sealed));
        assert!(!sealed.windows(8).any(|w| w == b"my words"));
        assert_eq!(decrypt(&id, &sealed).expect("opens").as_slice(), b"my words");
        assert_eq!(decrypt(&other, &sealed).err(), Some(VaultError::OtherKey));
        for cut in [0, 10, 30, sealed.len() / 2, sealed.len() - 1] {
            assert!(decrypt(&id, &sealed[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_recovery_key_round_trips() {
        let id = create_identity();
        let key = recovery_key(&id);
        assert!(key.expose_secret().starts_with("AGE-SECRET-KEY-1"));
        let typed = format!("  {}\n", key.expose_secret().to_lowercase());
        let back = parse_recovery_key(&typed).expect("parses");
        assert_eq!(recipient_string(&back), recipient_string(&id));
        assert_eq!(
            parse_recovery_key("hello").err(),
            Some(VaultError::BadRecoveryKey)
        );
    }
}
