//! Minting and checking bearer secrets. Only SHA-256 hashes are stored; comparisons
//! are constant-time. The secrets are 256 random bits, so a fast hash is enough.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub use crate::secret::{ADMIN_KEY_PREFIX, SCIM_TOKEN_PREFIX};

/// A new secret: a recognizable prefix (so secret scanners can find leaks) and 64 hex digits.
pub fn mint(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source failed");
    let mut s = String::with_capacity(prefix.len() + 64);
    s.push_str(prefix);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

pub fn hash(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether `presented` hashes to `stored`, in constant time.
pub fn verify(presented: &str, stored: &[u8]) -> bool {
    let h = hash(presented);
    stored.len() == h.len() && bool::from(h.ct_eq(stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_secrets_verify_and_differ() {
        let a = mint(SCIM_TOKEN_PREFIX);
        let b = mint(SCIM_TOKEN_PREFIX);
        assert_ne!(a, b);
        assert_eq!(a.len(), SCIM_TOKEN_PREFIX.len() + 64);
        assert!(verify(&a, &hash(&a)));
        assert!(!verify(&b, &hash(&a)));
        assert!(!verify(&a, &hash(&a)[..31]));
    }
}
