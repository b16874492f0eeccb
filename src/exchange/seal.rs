//! Sealing one blind answer: encrypted under a fresh random key that is not in the share,
//! with a commitment to that key (its SHA-256), so the answer cannot be swapped once the
//! key is revealed. ChaCha20-Poly1305 from the RustCrypto crates; nothing home-made.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ExchangeError;
use super::keys::{hex, unhex, unhex32};

/// Domain separation of the commitment, so it means nothing elsewhere.
const COMMIT_LABEL: &[u8] = b"trustbook-seal-commitment-v1";

/// A sealed answer as it travels in a share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// The item it answers (see `super::share::Item`), bound into the ciphertext.
    pub item: String,
    /// SHA-256 of the label and the key, in hex.
    pub commitment: String,
    /// The 12-byte nonce, in hex.
    pub nonce: String,
    /// The encrypted answer with its tag, in hex.
    pub ciphertext: String,
}

/// A fresh 32-byte key.
pub fn new_key() -> Result<Zeroizing<[u8; 32]>, ExchangeError> {
    let mut key = Zeroizing::new([0u8; 32]);
    getrandom::getrandom(key.as_mut()).map_err(|e| ExchangeError::Random(e.to_string()))?;
    Ok(key)
}

/// The commitment to `key`, in hex.
pub fn commitment(key: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    h.update(COMMIT_LABEL);
    h.update(key);
    hex(&h.finalize())
}

/// Seals `plain` (an answer) for `item` under `key`.
pub fn seal(item: &str, plain: &[u8], key: &[u8; 32]) -> Result<Sealed, ExchangeError> {
    let mut nonce = [0u8; 12];
    getrandom::getrandom(&mut nonce).map_err(|e| ExchangeError::Random(e.to_string()))?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: item.as_bytes(),
            },
        )
        .map_err(|_| ExchangeError::Damaged("an answer could not be sealed".to_string()))?;
    Ok(Sealed {
        item: item.to_string(),
        commitment: commitment(key),
        nonce: hex(&nonce),
        ciphertext: hex(&ciphertext),
    })
}

/// Opens `sealed` with the revealed `key` (hex): the key must match the commitment made
/// when it was sealed, and the ciphertext must be whole and for this item.
pub fn open(sealed: &Sealed, key_hex: &str) -> Result<Zeroizing<Vec<u8>>, ExchangeError> {
    let bad = |why: &str| ExchangeError::Damaged(format!("the answer to {} {why}", sealed.item));
    let key = Zeroizing::new(unhex32(key_hex).ok_or_else(|| bad("came with a key that is not a key"))?);
    if commitment(&key) != sealed.commitment {
        return Err(bad("came with a key it was not sealed with"));
    }
    let nonce: [u8; 12] = unhex(&sealed.nonce)
        .and_then(|n| n.try_into().ok())
        .ok_or_else(|| bad("has a damaged nonce"))?;
    let ciphertext = unhex(&sealed.ciphertext).ok_or_else(|| bad("is damaged"))?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key.as_ref()));
    cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: sealed.item.as_bytes(),
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| bad("does not open: it was changed or damaged"))
}
