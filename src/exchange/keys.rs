//! A profile's exchange keys and a partner's public ones: an age X25519 identity to
//! decrypt what is sent to it, and an ed25519 signing key so that a share cannot be
//! forged by whoever can write into the exchange folder. The pairing code carries both
//! public keys; its fingerprint is short enough to read aloud.

use std::str::FromStr;

use age::secrecy::ExposeSecret;
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ExchangeError;

/// What a pairing code starts with, and its version.
const CODE_PREFIX: &str = "trustbook-pair-1:";
/// How long a pairing code is: the prefix, an age recipient (62 characters), a colon and
/// 64 hex digits.
pub const CODE_LEN: usize = CODE_PREFIX.len() + 62 + 1 + 64;
/// The longest text read as a pairing code (whitespace aside): anything longer is not one,
/// and is refused before it is parsed.
pub const MAX_CODE_LEN: usize = 2 * CODE_LEN;

/// One profile's own exchange keys (secret).
pub struct OwnKeys {
    /// Decrypts shares sent to this profile.
    pub age: age::x25519::Identity,
    /// Signs this profile's shares.
    pub signing: SigningKey,
}

/// A partner's public keys, taken from their pairing code.
#[derive(Clone)]
pub struct PartnerKeys {
    /// Shares are encrypted to it.
    pub age: age::x25519::Recipient,
    /// Their shares' signatures are checked with it.
    pub verify: VerifyingKey,
}

impl OwnKeys {
    /// New random keys.
    pub fn generate() -> Result<OwnKeys, ExchangeError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::getrandom(seed.as_mut()).map_err(|e| ExchangeError::Random(e.to_string()))?;
        Ok(OwnKeys {
            age: age::x25519::Identity::generate(),
            signing: SigningKey::from_bytes(&seed),
        })
    }

    /// The public half, as a partner records it.
    pub fn public(&self) -> PartnerKeys {
        PartnerKeys {
            age: self.age.to_public(),
            verify: self.signing.verifying_key(),
        }
    }

    /// The keys as text to keep at rest (two lines; secret: the caller encrypts it under
    /// the profile's passphrase when the profile is protected).
    pub fn to_secret_text(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "{}\n{}\n",
            self.age.to_string().expose_secret(),
            hex(self.signing.as_bytes())
        ))
    }

    /// Reads keys written by [`OwnKeys::to_secret_text`].
    pub fn from_secret_text(text: &str) -> Result<OwnKeys, ExchangeError> {
        let mut lines = text.lines();
        let bad = || ExchangeError::BadKeys("the exchange key file is damaged".to_string());
        let age = age::x25519::Identity::from_str(lines.next().ok_or_else(bad)?.trim()).map_err(|_| bad())?;
        let seed = Zeroizing::new(unhex32(lines.next().ok_or_else(bad)?.trim()).ok_or_else(bad)?);
        Ok(OwnKeys {
            age,
            signing: SigningKey::from_bytes(&seed),
        })
    }
}

impl PartnerKeys {
    /// The pairing code: both public keys, to hand to the partner.
    pub fn code(&self) -> String {
        format!("{CODE_PREFIX}{}:{}", self.age, hex(self.verify.as_bytes()))
    }

    /// Reads a pairing code; says what is wrong with one that is not. Spaces and line
    /// breaks inside it are ignored: a code copied from a narrow terminal comes with the
    /// line breaks where it wrapped, and a code holds no whitespace of its own.
    pub fn from_code(code: &str) -> Result<PartnerKeys, ExchangeError> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() > MAX_CODE_LEN {
            return Err(ExchangeError::BadCode(format!(
                "it is {} characters long, and a pairing code has {CODE_LEN}; copy only the code",
                code.chars().count()
            )));
        }
        let rest = code.strip_prefix(CODE_PREFIX).ok_or_else(|| {
            ExchangeError::BadCode(
                "a pairing code starts with \"trustbook-pair-1:\"; copy it whole".to_string(),
            )
        })?;
        let (age, verify) = rest.split_once(':').ok_or_else(|| {
            ExchangeError::BadCode("the pairing code is cut short; copy it whole".to_string())
        })?;
        let age = age::x25519::Recipient::from_str(age)
            .map_err(|_| ExchangeError::BadCode("the pairing code's first key is damaged".to_string()))?;
        let bytes = unhex32(verify)
            .ok_or_else(|| ExchangeError::BadCode("the pairing code's second key is damaged".to_string()))?;
        let verify = VerifyingKey::from_bytes(&bytes)
            .map_err(|_| ExchangeError::BadCode("the pairing code's second key is not a key".to_string()))?;
        Ok(PartnerKeys { age, verify })
    }

    /// A short fingerprint of both keys to compare aloud, e.g. "4F2A-9C01-77BE-0D3A".
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(self.code().as_bytes());
        digest[..8]
            .chunks(2)
            .map(|c| format!("{:02X}{:02X}", c[0], c[1]))
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl PartialEq for PartnerKeys {
    fn eq(&self, other: &PartnerKeys) -> bool {
        self.code() == other.code()
    }
}

// Equal exactly when their codes are: a total equivalence.
impl Eq for PartnerKeys {}

impl std::fmt::Debug for PartnerKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PartnerKeys({})", self.fingerprint())
    }
}

/// Lowercase hex of `bytes`.
pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Reads hex into bytes; `None` for anything that is not an even run of hex digits.
pub(super) fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks(2)
        .map(|p| Some(digit(p[0])? << 4 | digit(p[1])?))
        .collect()
}

/// Reads exactly 32 bytes of hex.
pub(super) fn unhex32(text: &str) -> Option<[u8; 32]> {
    unhex(text)?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_copied_with_line_breaks_and_spaces_reads_the_same() {
        let keys = OwnKeys::generate().expect("keys").public();
        let code = keys.code();
        assert_eq!(code.len(), CODE_LEN);
        // As a 60-column terminal wraps it, with the indentation a mail client adds.
        let wrapped: Vec<String> = code
            .as_bytes()
            .chunks(60)
            .map(|c| format!("  {}", String::from_utf8_lossy(c)))
            .collect();
        let pasted = format!("\n{}\r\n", wrapped.join("\r\n"));
        assert_eq!(PartnerKeys::from_code(&pasted).expect("reads"), keys);
        let e = PartnerKeys::from_code(&code.repeat(3)).expect_err("too long");
        assert!(e.to_string().contains("copy only the code"), "{e}");
    }
}
