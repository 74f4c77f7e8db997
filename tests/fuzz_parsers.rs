//! Property-based fuzzing of the parsers and the PATCH engine that both the client
//! and the sandbox use: arbitrary and SCIM-shaped inputs never panic, errors are
//! client errors, and what parses behaves. Bounded (PROPTEST_CASES, default 2,000
//! per property) so that it runs in every CI; failures found are kept as
//! regression cases in tests/fuzz_parsers.proptest-regressions.

use proptest::prelude::*;
use scimctl::scim::ResourceKind;
use scimctl::scim::filter::{self, Scope};
use scimctl::scim::patch;
use serde_json::{Value, json};

/// Pieces of SCIM syntax, so that generated inputs get deep into the parsers.
fn scim_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("userName".to_owned()),
        Just("emails".to_owned()),
        Just("name.givenName".to_owned()),
        Just("members".to_owned()),
        Just("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager".to_owned()),
        Just("urn:ietf:params:scim:schemas:core:2.0:User:userName".to_owned()),
        Just(" eq ".to_owned()),
        Just(" co ".to_owned()),
        Just(" pr".to_owned()),
        Just(" and ".to_owned()),
        Just(" or ".to_owned()),
        Just("not".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(".".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\"a@b.c\"".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("12.5e3".to_owned()),
        Just("type eq \"work\"".to_owned()),
        Just("value".to_owned()),
        "[a-zA-Z0-9 .:\\[\\]()\"\\\\$-]{0,6}",
        "\\PC{0,4}",
    ]
}

fn scim_text() -> impl Strategy<Value = String> {
    prop::collection::vec(scim_token(), 0..12).prop_map(|v| v.concat())
}

fn user() -> Value {
    json!({
        "userName": "ada@example.com", "active": true, "displayName": "Ada",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": "ada@example.com", "type": "work", "primary": true}, {"value": "a@home", "type": "home"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D", "manager": {"value": "m1"}}
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        scim_text().prop_map(Value::String),
        Just(json!("False")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(scim_text(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn operation() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just("add"),
            Just("Replace"),
            Just("remove"),
            Just("REMOVE"),
            Just("copy")
        ],
        prop::option::of(scim_text()),
        prop::option::of(json_value()),
    )
        .prop_map(|(op, path, value)| {
            let mut o = json!({"op": op});
            if let Some(p) = path {
                o["path"] = json!(p);
            }
            if let Some(v) = value {
                o["value"] = v;
            }
            o
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn filters_never_panic(src in scim_text()) {
        if let Ok(f) = filter::parse(&src) {
            let _ = f.matches(&user(), Scope::Resource(ResourceKind::User));
            let _ = f.paths();
        } else if let Err(e) = filter::parse(&src) {
            prop_assert!(e.position <= src.len(), "the error points inside the input");
            let _ = e.pointer(&src);
        }
    }

    #[test]
    fn paths_never_panic(src in scim_text()) {
        let _ = filter::parse_path(&src);
    }

    #[test]
    fn patches_never_panic_and_fail_as_client_errors(ops in prop::collection::vec(operation(), 1..4)) {
        let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops});
        match patch::parse_request(&body) {
            Err(e) => prop_assert!((400..500).contains(&e.status), "{e:?}"),
            Ok(parsed) => {
                let mut doc = user().as_object().unwrap().clone();
                if let Err(e) = patch::apply(ResourceKind::User, &mut doc, &parsed, "id-1") {
                    prop_assert!((400..500).contains(&e.status), "{e:?}");
                }
            }
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// A long chain of terms joined by `and`/`or`, some grouped or negated, as a query
/// filter or inside a PATCH value filter.
fn long_chain() -> impl Strategy<Value = String> {
    let term = prop_oneof![
        Just("userName pr".to_owned()),
        Just("emails[type eq \"work\"]".to_owned()),
        Just("not (active eq true)".to_owned()),
        Just("(displayName co \"a\" or title pr)".to_owned()),
        Just("name.givenName sw \"A\"".to_owned()),
    ];
    (
        prop::collection::vec((term, prop::bool::ANY), 1..1500),
        0usize..80,
    )
        .prop_map(|(terms, depth)| {
            let mut s = String::new();
            for (i, (t, and)) in terms.iter().enumerate() {
                if i > 0 {
                    s.push_str(if *and { " and " } else { " or " });
                }
                s.push_str(t);
            }
            format!("{}{s}{}", "(".repeat(depth), ")".repeat(depth))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases().min(48), ..ProptestConfig::default() })]

    /// Chains of any length are parsed flat or refused with a clear error (too many
    /// terms, too deep): never a stack overflow, in a filter or a PATCH path.
    #[test]
    fn long_chains_never_overflow(src in long_chain()) {
        match filter::parse(&src) {
            Ok(f) => {
                let _ = f.bind(Scope::Resource(ResourceKind::User));
                let _ = f.matches(&user(), Scope::Resource(ResourceKind::User));
                let _ = f.to_string();
            }
            Err(e) => prop_assert!(
                e.message.contains("more than") || e.message.contains("nests too deeply"),
                "{e:?}"
            ),
        }
        let path = format!("emails[{src}].value");
        if let Ok(p) = filter::parse_path(&path) {
            let body = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                              "Operations": [{"op": "replace", "path": path, "value": "x"}]});
            let ops = patch::parse_request(&body).unwrap();
            let mut doc = user().as_object().unwrap().clone();
            let _ = patch::apply(ResourceKind::User, &mut doc, &ops, "id-1");
            drop(p);
        }
    }
}
