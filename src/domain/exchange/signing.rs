//! The committee's Ed25519 key, which signs published results (`results` files), and
//! its check on the receiving side. The private key lives in the committee's state
//! (`AppState.exchange.key`, so a backup carries it); each task file pins the public key
//! in the unit's or assessor's copy (`Workspace.committee_key`), which then refuses a
//! results file that does not verify. See `docs/exchange-format.md`, "Signed results".

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::envelope::hex;
use crate::domain::model::AppState;

/// The committee's signing key pair, hex encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeKey {
    /// The 32-byte Ed25519 secret key (hex). Kept like a seal: whoever has it can
    /// publish results in the committee's name.
    pub secret: String,
    /// The 32-byte public key (hex), pinned in every task file.
    pub public: String,
    /// When the key was made.
    pub made_at: String,
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    if s.len() != N * 2 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; N];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(out)
}

/// The committee's public key, making the key pair first if there is none and
/// `entropy` is given (the UI passes 32 bytes from `crypto.getRandomValues`). `None`
/// when there is no key and no entropy to make one.
pub fn ensure_committee_key(state: &mut AppState, now: &str, entropy: &[u8]) -> Option<String> {
    if let Some(k) = &state.exchange.key {
        return Some(k.public.clone());
    }
    if entropy.is_empty() {
        return None;
    }
    let mut h = Sha256::new();
    h.update(b"exemplar committee signing key\0");
    h.update(entropy);
    h.update(now.as_bytes());
    let seed: [u8; 32] = h.finalize().into();
    let sk = SigningKey::from_bytes(&seed);
    let public = hex(sk.verifying_key().as_bytes());
    state.exchange.key = Some(CommitteeKey {
        secret: hex(&seed),
        public: public.clone(),
        made_at: now.to_string(),
    });
    Some(public)
}

/// The Ed25519 signature (hex, 128 digits) of the content text's UTF-8 bytes.
pub fn sign_results(key: &CommitteeKey, content: &str) -> Option<String> {
    let seed = unhex::<32>(&key.secret)?;
    let sk = SigningKey::from_bytes(&seed);
    Some(hex(&sk.sign(content.as_bytes()).to_bytes()))
}

/// Whether `signature` (hex) is the signature of `content` by the public key `public`
/// (hex). Strict verification: a malformed key or signature is `false`.
pub fn verify_results(public: &str, content: &str, signature: &str) -> bool {
    let (Some(pk), Some(sig)) = (
        unhex::<32>(&public.to_ascii_lowercase()),
        unhex::<64>(&signature.to_ascii_lowercase()),
    ) else {
        return false;
    };
    let Ok(vk) = VerifyingKey::from_bytes(&pk) else {
        return false;
    };
    vk.verify_strict(content.as_bytes(), &Signature::from_bytes(&sig))
        .is_ok()
        && vk
            .verify(content.as_bytes(), &Signature::from_bytes(&sig))
            .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_signs_what_it_verifies() {
        let mut s = AppState::default();
        assert_eq!(ensure_committee_key(&mut s, "t", b""), None);
        let public = ensure_committee_key(&mut s, "t", b"entropy").unwrap();
        assert_eq!(
            ensure_committee_key(&mut s, "t2", b"other"),
            Some(public.clone())
        );
        let key = s.exchange.key.clone().unwrap();
        let sig = sign_results(&key, "{\"rows\":[]}").unwrap();
        assert_eq!(sig.len(), 128);
        assert!(verify_results(&public, "{\"rows\":[]}", &sig));
        assert!(!verify_results(&public, "{\"rows\":[1]}", &sig));
        assert!(!verify_results(&public, "{\"rows\":[]}", "00"));
        assert!(!verify_results("zz", "{\"rows\":[]}", &sig));
        // Another key's signature does not verify.
        let mut other = AppState::default();
        let other_pub = ensure_committee_key(&mut other, "t", b"someone else").unwrap();
        assert!(!verify_results(&other_pub, "{\"rows\":[]}", &sig));
    }
}
