//! The one way scimctl writes a point in time: RFC 3339 in UTC with exactly
//! three fractional digits (`2026-12-02T13:00:41.370Z`), in every JSON answer
//! of the CLI and of the sandbox's admin API, so that the texts sort and
//! compare as the times do. Reading accepts any RFC 3339 time.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serializer};

/// `ts` as scimctl writes it.
pub fn rfc3339_ms(ts: Timestamp) -> String {
    format!("{ts:.3}")
}

/// For `#[serde(with = "crate::timestamp::ms")]` on a `Timestamp` field.
pub mod ms {
    use super::*;

    pub fn serialize<S: Serializer>(ts: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{ts:.3}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        Timestamp::deserialize(d)
    }
}

/// For `#[serde(with = "crate::timestamp::ms_option")]` on an `Option<Timestamp>`
/// field (`null` when absent).
pub mod ms_option {
    use super::*;

    pub fn serialize<S: Serializer>(ts: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match ts {
            Some(ts) => s.collect_str(&format_args!("{ts:.3}")),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        Option::<Timestamp>::deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_three_fractional_digits_in_utc() {
        for (given, written) in [
            ("2026-12-02T13:00:41Z", "2026-12-02T13:00:41.000Z"),
            ("2026-12-02T13:00:41.16Z", "2026-12-02T13:00:41.160Z"),
            ("2026-12-02T13:00:41.769425235Z", "2026-12-02T13:00:41.769Z"),
            ("2026-12-02T14:00:41.5+01:00", "2026-12-02T13:00:41.500Z"),
        ] {
            let ts: Timestamp = given.parse().unwrap();
            assert_eq!(rfc3339_ms(ts), written, "{given}");
        }
    }
}
