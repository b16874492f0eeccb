//! One writer's share in the exchange folder: what it holds, how it is built from a
//! profile's answers (blind answers sealed, their keys added once the partner has answered
//! the same item), signed, encrypted to both partners, and read back.
//!
//! File format (version 1): an age file, encrypted to the partner's and the writer's own
//! X25519 recipients, holding the JSON [`Envelope`]: the [`Body`] as a JSON string and an
//! ed25519 signature over `SIGN_LABEL` followed by that string.

use std::collections::{BTreeMap, BTreeSet};

use ed25519_dalek::{Signature, Signer};
use serde::{Deserialize, Serialize};

use super::ExchangeError;
use super::keys::{OwnKeys, PartnerKeys, hex, unhex};
use super::seal::{self, Sealed};
use crate::answers::{Answer, Answers};
use crate::content::{Rhythm, Workbook};
use crate::entry::Entry;

/// What the body's `format` says.
pub const FORMAT: &str = "trustbook-share";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// What a signature covers before the body, so it means nothing elsewhere.
const SIGN_LABEL: &[u8] = b"trustbook-share-signature-v1\0";

/// The signed, encrypted content of a share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version ([`VERSION`]).
    pub version: u32,
    /// The writer's profile name.
    pub from: String,
    /// The partner's profile name it is for.
    pub to: String,
    /// The workbook id.
    pub workbook: String,
    /// Grows with every share the writer writes: the newest valid share wins.
    pub seq: u64,
    /// The writer's clock when written (said, never trusted: clocks differ).
    pub written: String,
    /// The writer has stopped sharing: the reader deletes what it holds of theirs.
    #[serde(default)]
    pub withdrawn: bool,
    /// Answers that are not blind (the couple's shared lists), by item.
    #[serde(default)]
    pub open: BTreeMap<String, Answer>,
    /// Blind answers, sealed.
    #[serde(default)]
    pub sealed: Vec<Sealed>,
    /// Keys of sealed answers the partner may now open (item -> key, hex).
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    /// Weekly entries the answers belong to: chapter -> entry id -> when it was started.
    #[serde(default)]
    pub entries: BTreeMap<String, BTreeMap<String, String>>,
}

/// The signed body as it is encrypted.
#[derive(Serialize, Deserialize)]
struct Envelope {
    body: String,
    signature: String,
}

/// What the writer keeps between shares (saved with its profile; secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterState {
    /// The last sequence number written.
    pub seq: u64,
    /// Item -> (key hex, hash of what it sealed): the same answer keeps its key, so a
    /// key once revealed opens it in every later share.
    pub keys: BTreeMap<String, (String, String)>,
    /// Item -> the answer whose key first went to the partner: what they may have seen
    /// first, so a later change shows as one on this side too. Absent in older links.
    #[serde(default)]
    pub revealed: BTreeMap<String, Answer>,
}

/// What the reader keeps of a partner (saved with its profile; secret).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    /// The highest sequence number taken from this partner.
    pub seq: u64,
    /// Item -> the answer as first revealed: a later different one shows as changed.
    pub first_seen: BTreeMap<String, Answer>,
}

/// The item an answer travels as: `chapter/exercise`, or `chapter/exercise@entry` for
/// one week's answer.
pub fn item(chapter: &str, exercise: &str, entry: Option<&str>) -> String {
    match entry {
        Some(e) => format!("{chapter}/{exercise}@{e}"),
        None => format!("{chapter}/{exercise}"),
    }
}

/// Splits an item back into (chapter, exercise, entry).
pub fn parse_item(item: &str) -> Option<(&str, &str, Option<&str>)> {
    let (chapter, rest) = item.split_once('/')?;
    match rest.split_once('@') {
        Some((exercise, entry)) => Some((chapter, exercise, Some(entry))),
        None => Some((chapter, rest, None)),
    }
}

/// The items of `answers` (already shareable: no private answer, no skip), each with
/// whether it is blind. Shared lists travel open; answers of personal repeated parts
/// (records, not compared) do not travel at all.
pub fn items(wb: &Workbook, answers: &Answers) -> Vec<(String, bool, Answer)> {
    let mut out = Vec::new();
    for ch in &wb.chapters {
        let weekly = ch.repeat.as_ref().is_some_and(|r| r.rhythm == Rhythm::Weekly);
        for ex in ch.exercises.iter().filter(|ex| ex.takes_answer()) {
            let open = ex.kind.as_list().is_some_and(|l| l.shared);
            if ch.is_repeated(&ex.id) {
                if !weekly {
                    continue;
                }
                for e in answers
                    .entries
                    .get(&ch.id)
                    .into_iter()
                    .flatten()
                    .filter(|e| e.is_live())
                {
                    if let Some(a) = e.answers.get(&ex.id) {
                        out.push((item(&ch.id, &ex.id, Some(&e.id)), !open, a.clone()));
                    }
                }
            } else if let Some(a) = answers.single.get(&ch.id).and_then(|c| c.get(&ex.id)) {
                out.push((item(&ch.id, &ex.id, None), !open, a.clone()));
            }
        }
    }
    out
}

/// Builds the next share from `me` to `to` of the shareable `answers`: blind answers
/// sealed, with their keys for the items `partner_has` (the partner's latest valid share
/// holds their own answer to them). `state` keeps each answer's key and the sequence.
pub fn build(
    wb: &Workbook,
    (me, to): (&str, &str),
    answers: &Answers,
    partner_has: &BTreeSet<String>,
    state: &mut WriterState,
    written: &str,
) -> Result<Body, ExchangeError> {
    state.seq += 1;
    let mut body = Body::empty(wb, (me, to), state.seq, written);
    let mut live = BTreeSet::new();
    for (item, blind, answer) in items(wb, answers) {
        if let Some((chapter, _, Some(entry))) = parse_item(&item)
            && let Some(e) = answers.entry(chapter, entry)
        {
            body.entries
                .entry(chapter.to_string())
                .or_default()
                .insert(e.id.clone(), e.started.clone());
        }
        if !blind {
            body.open.insert(item, answer);
            continue;
        }
        let plain = serde_json::to_vec(&answer).map_err(|e| ExchangeError::Damaged(e.to_string()))?;
        let hash = hex(&<sha2::Sha256 as sha2::Digest>::digest(&plain));
        let key = match state.keys.get(&item) {
            Some((key, h)) if *h == hash => key.clone(),
            // New or changed: a fresh key, so nothing opened before opens this one.
            _ => {
                let key = hex(seal::new_key()?.as_ref());
                state.keys.insert(item.clone(), (key.clone(), hash));
                key
            }
        };
        let raw = zeroize::Zeroizing::new(
            super::keys::unhex32(&key)
                .ok_or_else(|| ExchangeError::BadKeys("a kept key is damaged".to_string()))?,
        );
        body.sealed.push(seal::seal(&item, &plain, &raw)?);
        if partner_has.contains(&item) {
            body.keys.insert(item.clone(), key);
            state.revealed.entry(item.clone()).or_insert(answer);
        }
        live.insert(item);
    }
    // Keys of answers taken back are forgotten.
    state.keys.retain(|item, _| live.contains(item));
    Ok(body)
}

/// A withdrawal: the next share says only that sharing has stopped.
pub fn withdrawal(wb: &Workbook, (me, to): (&str, &str), state: &mut WriterState, written: &str) -> Body {
    state.seq += 1;
    state.keys.clear();
    state.revealed.clear();
    Body {
        withdrawn: true,
        ..Body::empty(wb, (me, to), state.seq, written)
    }
}

impl Body {
    /// A share from `me` to `to` numbered `seq`, holding nothing yet.
    fn empty(wb: &Workbook, (me, to): (&str, &str), seq: u64, written: &str) -> Body {
        Body {
            format: FORMAT.to_string(),
            version: VERSION,
            from: me.to_string(),
            to: to.to_string(),
            workbook: wb.id.clone(),
            seq,
            written: written.to_string(),
            withdrawn: false,
            open: BTreeMap::new(),
            sealed: Vec::new(),
            keys: BTreeMap::new(),
            entries: BTreeMap::new(),
        }
    }
}

/// Signs `body` with `own` and encrypts it to the partner and to `own` itself.
pub fn encode(body: &Body, own: &OwnKeys, partner: &PartnerKeys) -> Result<Vec<u8>, ExchangeError> {
    let text = serde_json::to_string(body).map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    let mut signed = SIGN_LABEL.to_vec();
    signed.extend_from_slice(text.as_bytes());
    let envelope = Envelope {
        signature: hex(&own.signing.sign(&signed).to_bytes()),
        body: text,
    };
    let plain = serde_json::to_vec(&envelope).map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    let own_public = own.age.to_public();
    let recipients: [&dyn age::Recipient; 2] = [&partner.age, &own_public];
    let encryptor = age::Encryptor::with_recipients(recipients.into_iter())
        .map_err(|e| ExchangeError::Damaged(format!("cannot encrypt the share: {e}")))?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    std::io::Write::write_all(&mut w, &plain).map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    w.finish().map_err(|e| ExchangeError::Damaged(e.to_string()))?;
    Ok(out)
}

/// Decrypts a share with `own`, checks its signature with the partner's key and its
/// names, format and workbook. Every refusal says why, for the `where` listing.
pub fn decode(
    bytes: &[u8],
    own: &OwnKeys,
    partner: &PartnerKeys,
    (from, to, workbook): (&str, &str, &str),
) -> Result<Body, ExchangeError> {
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|_| ExchangeError::Damaged("not a whole share file".to_string()))?;
    let identity: &dyn age::Identity = &own.age;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|_| ExchangeError::NotForMe)?;
    let mut plain = zeroize::Zeroizing::new(Vec::new());
    std::io::Read::read_to_end(&mut reader, &mut plain)
        .map_err(|_| ExchangeError::Damaged("the share is cut short or changed".to_string()))?;
    let envelope: Envelope = serde_json::from_slice(&plain)
        .map_err(|_| ExchangeError::Damaged("the share's content is damaged".to_string()))?;
    let sig = unhex(&envelope.signature)
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or(ExchangeError::Forged)?;
    let mut signed = SIGN_LABEL.to_vec();
    signed.extend_from_slice(envelope.body.as_bytes());
    partner
        .verify
        .verify_strict(&signed, &sig)
        .map_err(|_| ExchangeError::Forged)?;
    // Only the version is read first (every other field skipped, no tree built): a share
    // of a newer format is named as such rather than as damaged.
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<u64>,
    }
    let version = serde_json::from_str::<VersionOnly>(&envelope.body)
        .ok()
        .and_then(|v| v.version);
    match version {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => return Err(ExchangeError::Newer(v)),
        _ => {
            return Err(ExchangeError::Damaged(
                "the share has no format version this trustbook reads".to_string(),
            ));
        }
    }
    let body: Body = serde_json::from_str(&envelope.body)
        .map_err(|_| ExchangeError::Damaged("the share's body is damaged".to_string()))?;
    if body.format != FORMAT {
        return Err(ExchangeError::Damaged("not a trustbook share".to_string()));
    }
    if body.from != from || body.to != to {
        return Err(ExchangeError::WrongNames {
            from: body.from,
            to: body.to,
        });
    }
    if body.workbook != workbook {
        return Err(ExchangeError::OtherWorkbook(body.workbook));
    }
    Ok(body)
}

/// The items a partner's share holds an answer to, sealed or open: what the next share
/// may reveal its own keys for.
pub fn answered_items(body: &Body) -> BTreeSet<String> {
    body.open
        .keys()
        .cloned()
        .chain(body.sealed.iter().map(|s| s.item.clone()))
        .collect()
}

/// What a partner's share shows now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revealed {
    /// Their answers that are open or opened: what compare may show.
    pub answers: Answers,
    /// Items still sealed: answered, not opened yet.
    pub sealed: Vec<String>,
    /// Items whose answer changed after it was first revealed, with the first one.
    pub changed: Vec<(String, Answer)>,
    /// Items that could not be opened, with why (a forged key, a damaged answer).
    pub damaged: Vec<String>,
}

/// The answers among `now` (the partner's as shown) that differ from the answer first
/// revealed for the same item: (item, the answer as first seen, the answer now).
pub fn changed_since_reveal<'a>(
    state: &'a ReaderState,
    now: &'a Answers,
) -> Vec<(&'a str, &'a Answer, &'a Answer)> {
    changed(&state.first_seen, now)
}

/// This writer's own answers among `now` that differ from the one whose key first went
/// to the partner: (item, the answer first opened to them, the answer now). A private or
/// skipped answer no longer travels, so it is not listed.
pub fn changed_since_opened<'a>(
    state: &'a WriterState,
    now: &'a Answers,
) -> Vec<(&'a str, &'a Answer, &'a Answer)> {
    changed(&state.revealed, now)
        .into_iter()
        .filter(|(_, _, current)| !current.private && !current.skipped)
        .collect()
}

/// The items of `first` whose answer in `now` differs: (item, first, now).
fn changed<'a>(
    first: &'a BTreeMap<String, Answer>,
    now: &'a Answers,
) -> Vec<(&'a str, &'a Answer, &'a Answer)> {
    first
        .iter()
        .filter_map(|(item, first)| {
            let (chapter, exercise, entry) = parse_item(item)?;
            let current = match entry {
                None => now.single.get(chapter)?.get(exercise)?,
                Some(id) => now
                    .entries
                    .get(chapter)?
                    .iter()
                    .find(|e| e.id == id)?
                    .answers
                    .get(exercise)?,
            };
            (!current.value.same_words(&first.value)).then_some((item.as_str(), first, current))
        })
        .collect()
}

/// Opens what `body` lets this reader open, remembering each answer as first revealed.
pub fn reveal(body: &Body, state: &mut ReaderState) -> Revealed {
    let mut out = Revealed::default();
    let put = |out: &mut Revealed, item: &str, answer: Answer| {
        let Some((chapter, exercise, entry)) = parse_item(item) else {
            out.damaged.push(format!("{item}: not an item"));
            return;
        };
        match entry {
            None => {
                out.answers
                    .single
                    .entry(chapter.to_string())
                    .or_default()
                    .insert(exercise.to_string(), answer);
            }
            Some(id) => {
                let started = body
                    .entries
                    .get(chapter)
                    .and_then(|m| m.get(id))
                    .cloned()
                    .unwrap_or_default();
                // Kept sorted by id, as `Answers` keeps entries: found by binary search.
                let list = out.answers.entries.entry(chapter.to_string()).or_default();
                let i = match list.binary_search_by(|e| e.id.as_str().cmp(id)) {
                    Ok(i) => i,
                    Err(i) => {
                        list.insert(i, Entry::new(id.to_string(), started));
                        i
                    }
                };
                list[i].answers.insert(exercise.to_string(), answer);
            }
        }
    };
    for (item, answer) in &body.open {
        put(&mut out, item, answer.clone());
    }
    for sealed in &body.sealed {
        let Some(key) = body.keys.get(&sealed.item) else {
            out.sealed.push(sealed.item.clone());
            continue;
        };
        let answer = seal::open(sealed, key).and_then(|plain| {
            serde_json::from_slice::<Answer>(&plain)
                .map_err(|_| ExchangeError::Damaged(format!("the answer to {} is damaged", sealed.item)))
        });
        match answer {
            Ok(answer) => {
                let first = state
                    .first_seen
                    .entry(sealed.item.clone())
                    .or_insert_with(|| answer.clone());
                if !first.value.same_words(&answer.value) {
                    out.changed.push((sealed.item.clone(), first.clone()));
                }
                put(&mut out, &sealed.item, answer);
            }
            Err(e) => out.damaged.push(e.to_string()),
        }
    }
    state.seq = state.seq.max(body.seq);
    // A share of an earlier release has no item ids: they come from the texts.
    out.answers.give_ids();
    out
}
