//! The sandbox's store as a contract, beside the HTTP suite (tests/scim_api.rs):
//! create and get, updates with an expected version, case-insensitive (and NFC)
//! uniqueness, the reserved group and the product rules, each refusal as the typed
//! error the handlers map — on a real SQLite file.

use scimctl::sandbox::SsoMode;
use scimctl::sandbox::db::Db;
use scimctl::sandbox::org;
use scimctl::sandbox::rules::{ADMINISTRATORS, Rules, Violation};
use scimctl::sandbox::store::{self, Manager, StoreError};
use scimctl::scim::ResourceKind::{Group, User};
use scimctl::scim::patch;
use serde_json::{Value, json};

struct Store {
    db: Db,
    _dir: tempfile::TempDir,
}

fn store() -> Store {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.db");
    let db = Db::open(path.to_str().unwrap()).unwrap();
    db.write_now(|tx| org::seed_if_new(tx, SsoMode::Strict))
        .expect("seed the organization");
    Store { db, _dir: dir }
}

impl Store {
    fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.db.write_now(f)
    }

    fn user(&self, name: &str) -> Result<store::Row, StoreError> {
        let body =
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name});
        self.write(|tx| store::create(tx, &Rules::default(), User, &body))
    }

    fn group(&self, name: &str, members: &[&str]) -> Result<store::Row, StoreError> {
        let members: Vec<Value> = members.iter().map(|m| json!({"value": m})).collect();
        let body = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": name, "members": members});
        self.write(|tx| store::create(tx, &Rules::default(), Group, &body))
    }

    /// A PUT without an expected version.
    fn put(
        &self,
        kind: scimctl::scim::ResourceKind,
        id: &str,
        body: &Value,
    ) -> Result<store::Row, StoreError> {
        self.write(|tx| store::replace(tx, &Rules::default(), kind, id, body, None))
    }

    fn administrators(&self) -> store::Row {
        self.db.read_now(store::administrators).unwrap()
    }

    fn members(&self, group: &str) -> Vec<String> {
        self.db
            .read_now(|c| store::member_ids_of(c, group))
            .unwrap()
    }
}

fn violation<T: std::fmt::Debug>(r: Result<T, StoreError>) -> Violation {
    match r {
        Err(StoreError::Rule(v)) => v,
        other => panic!("expected a product-rule violation, got {other:?}"),
    }
}

#[test]
fn create_then_get_returns_what_was_written() {
    let s = store();
    let ann = s.user("ann@example.com").unwrap();
    assert_eq!(ann.version, 1);
    assert_eq!(ann.managed_by, Manager::Idp.as_str(), "written over SCIM");
    let got =
        s.db.read_now(|c| store::get(c, User, &ann.id))
            .unwrap()
            .expect("stored");
    assert_eq!(got.data["userName"], "ann@example.com");
    assert_eq!(got.id, ann.id);
    // Kind is part of the key.
    assert!(
        s.db.read_now(|c| store::get(c, Group, &ann.id))
            .unwrap()
            .is_none()
    );
    match s.db.read_now(|c| store::get_or_404(c, User, "nope")) {
        Err(StoreError::NotFound { kind: User, id }) => assert_eq!(id, "nope"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn updates_honour_the_expected_version() {
    let s = store();
    let ann = s.user("ann@example.com").unwrap();
    let body = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ann@example.com", "active": false});
    let v2 = s
        .write(|tx| store::replace(tx, &Rules::default(), User, &ann.id, &body, Some("W/\"1\"")))
        .unwrap();
    assert_eq!((v2.version, v2.data["active"].clone()), (2, json!(false)));
    match s.write(|tx| store::replace(tx, &Rules::default(), User, &ann.id, &body, Some("W/\"1\"")))
    {
        Err(StoreError::Scim(e)) => assert_eq!(e.status, 412, "{e:?}"),
        other => panic!("a stale version must be refused, got {other:?}"),
    }
    let ops = patch::parse_request(&json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "replace", "path": "active", "value": true}]
    }))
    .unwrap();
    let v3 = s
        .write(|tx| store::patch(tx, &Rules::default(), User, &ann.id, &ops, Some("*")))
        .unwrap();
    assert_eq!((v3.version, v3.data["active"].clone()), (3, json!(true)));
    match s.write(|tx| store::delete(tx, User, &ann.id, Some("W/\"2\""))) {
        Err(StoreError::Scim(e)) => assert_eq!(e.status, 412),
        other => panic!("delete with a stale version must be refused, got {other:?}"),
    }
    s.write(|tx| store::delete(tx, User, &ann.id, Some("W/\"3\"")))
        .unwrap();
}

#[test]
fn names_are_unique_case_insensitively_and_as_read() {
    let s = store();
    s.user("Ann@Example.com").unwrap();
    assert!(matches!(
        violation(s.user("ann@example.COM")),
        Violation::NameTaken {
            attr: "userName",
            ..
        }
    ));
    // Composed and decomposed é are one name.
    s.user("ren\u{e9}@example.com").unwrap();
    assert!(matches!(
        violation(s.user("rene\u{301}@example.com")),
        Violation::NameTaken { .. }
    ));
    assert!(matches!(
        violation(s.user("eve\u{200b}@example.com")),
        Violation::HiddenCharacter {
            attr: "userName",
            code_point: 0x200b
        }
    ));
    s.group("Sales", &[]).unwrap();
    assert!(matches!(
        violation(s.group("SALES", &[])),
        Violation::NameTaken {
            attr: "displayName",
            ..
        }
    ));
    // Users and groups are separate namespaces.
    s.user("sales").unwrap();
}

#[test]
fn administrators_is_reserved() {
    let s = store();
    let admins = s.administrators();
    assert_eq!(admins.display, ADMINISTRATORS);
    assert!(admins.reserved);
    let owner = s.members(&admins.id);
    assert_eq!(owner.len(), 1, "seeded with the owner");

    assert_eq!(
        violation(s.write(|tx| store::delete(tx, Group, &admins.id, None))),
        Violation::ReservedDeleted
    );
    assert_eq!(
        violation(s.group("administrators", &[])),
        Violation::AdministratorsExists
    );
    let rename = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Admins", "members": [{"value": owner[0]}]});
    assert_eq!(
        violation(s.put(Group, &admins.id, &rename)),
        Violation::ReservedRenamed
    );
    let empty = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": ADMINISTRATORS, "members": []});
    assert_eq!(
        violation(s.put(Group, &admins.id, &empty)),
        Violation::ReservedEmptied
    );
    assert!(matches!(
        violation(s.write(|tx| store::delete(tx, User, &owner[0], None))),
        Violation::LastAdministrator { .. }
    ));
    // Another group may not take the name either.
    let sales = s.group("Sales", &[]).unwrap();
    let taken = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Split_Administrators"});
    assert!(matches!(
        violation(s.put(Group, &sales.id, &taken)),
        Violation::ReservedName { .. }
    ));
    // Nothing above changed the group.
    let after = s.administrators();
    assert_eq!(
        (after.version, after.display.as_str()),
        (admins.version, ADMINISTRATORS)
    );
    assert_eq!(s.members(&admins.id), owner);
}

#[test]
fn split_administrators_links_the_reserved_group() {
    let s = store();
    let admins = s.administrators();
    let bob = s.user("bob@example.com").unwrap();
    let linked = s.group("Split_Administrators", &[&bob.id]).unwrap();
    assert_eq!(
        linked.id, admins.id,
        "the alias maps onto the existing group"
    );
    assert_eq!(
        linked.display, ADMINISTRATORS,
        "the name stays Administrators"
    );
    assert_eq!(linked.managed_by, Manager::Idp.as_str());
    let members = s.members(&admins.id);
    assert_eq!(
        members.len(),
        2,
        "the owner is kept and bob added: {members:?}"
    );
    assert!(members.contains(&bob.id));
}

#[test]
fn group_names_and_member_lists_follow_the_rules() {
    let s = store();
    assert!(matches!(
        violation(s.group(&"x".repeat(25), &[])),
        Violation::GroupNameTooLong {
            len: 25,
            limit: 25,
            ..
        }
    ));
    s.group(&"x".repeat(24), &[]).unwrap();
    let lifted = Rules {
        group_name_limit: None,
    };
    let body = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "x".repeat(36)});
    s.write(|tx| store::create(tx, &lifted, Group, &body))
        .unwrap();

    assert!(matches!(
        violation(s.group("Ops", &["no-such-id"])),
        Violation::UnknownMember { .. }
    ));
    // The refused write left nothing behind: the name is free.
    let ops = s.group("Ops", &[]).unwrap();
    let onto_itself = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Ops", "members": [{"value": ops.id}]});
    assert_eq!(
        violation(s.put(Group, &ops.id, &onto_itself)),
        Violation::SelfMember
    );
    // Duplicates in one list are kept once.
    let ann = s.user("ann@example.com").unwrap();
    let twice = s.group("Twice", &[&ann.id, &ann.id]).unwrap();
    assert_eq!(s.members(&twice.id), vec![ann.id.clone()]);
}

#[test]
fn local_writes_go_through_the_same_rules() {
    let s = store();
    let mut doc = serde_json::Map::new();
    doc.insert("displayName".into(), json!("administrators"));
    let r = s.write(|tx| store::save(tx, &Rules::default(), Group, None, doc, Manager::Local));
    assert!(matches!(violation(r), Violation::ReservedName { .. }));
}
