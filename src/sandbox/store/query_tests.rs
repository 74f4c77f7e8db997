//! SQL and Rust must agree: every generated filter gives the same matches, count
//! and order when SQLite decides it (sql_filter) as when every row is evaluated,
//! on data chosen to trip the edges (missing values, empty strings, non-ASCII
//! case, the Kelvin sign, extension attributes). And the planner uses the
//! attribute indexes for the workloads they exist for.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::sandbox::db::Db;
use crate::sandbox::rules::Rules;
use crate::sandbox::store::{Manager, save};
use crate::scim::filter::parse;
use crate::scim::resource::normalize;
use crate::scim::schema::ENTERPRISE_USER_SCHEMA;

fn people() -> Vec<Value> {
    vec![
        json!({"userName": "ann@example.com", "active": true, "name": {"familyName": "Smith", "givenName": "Ann"}, "title": "Engineer", "externalId": "E-1"}),
        json!({"userName": "bob@example.com", "active": false, "name": {"familyName": "smith"}, "title": "", "nickName": "\u{212A}at"}),
        json!({"userName": "Éric@example.com", "displayName": "ÉRIC", "name": {"familyName": "Éclair", "givenName": "éric"}}),
        json!({"userName": "kelvin@example.com", "displayName": "\u{212A}elvin", "title": "k"}),
        json!({"userName": "zoë@example.com", "active": true, "nickName": "Zo", "externalId": "e-1",
               ENTERPRISE_USER_SCHEMA: {"employeeNumber": "0042", "department": "Sales"}}),
        json!({"userName": "carl@example.com", "name": {"givenName": "Carl"}, "title": "engineer II 100%_^",
               ENTERPRISE_USER_SCHEMA: {"department": "sales"}}),
        json!({"userName": "dee@example.com", "active": true, "emails": [{"value": "dee@example.com", "primary": true}]}),
        // U+0130 folds to "i" + U+0307: an ASCII "i" appears only after folding.
        json!({"userName": "ida@example.com", "title": "\u{130}nfo desk"}),
    ]
}

fn db() -> Db {
    let db = Db::open(":memory:").unwrap();
    db.write_now(|tx| crate::sandbox::org::seed_if_new(tx, crate::sandbox::SsoMode::Strict))
        .unwrap();
    for p in people() {
        add_user(&db, p);
    }
    db
}

fn add_user(db: &Db, mut body: Value) -> Row {
    body["schemas"] = json!(["urn:ietf:params:scim:schemas:core:2.0:User"]);
    let doc = normalize(ResourceKind::User, &body).unwrap();
    db.write_now(|tx| {
        save(
            tx,
            &Rules::default(),
            ResourceKind::User,
            None,
            doc,
            Manager::Idp,
        )
    })
    .unwrap()
}

fn renderer() -> Renderer {
    Renderer {
        base_url: "http://sandbox.test/scim/v2".into(),
    }
}

fn ids(page: &Page) -> Vec<String> {
    texts(page)
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(r).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn texts(page: &Page) -> Vec<&str> {
    page.resources.iter().map(|r| r.get()).collect()
}

/// The same query through the SQL path and the all-Rust scan.
fn both(db: &Db, filter: &str, sort: Option<&str>, descending: bool) -> (Page, Page) {
    let q = ListQuery {
        filter: Some(parse(filter).unwrap()),
        sort_by: sort.map(|s| crate::scim::filter::parse_path(s).unwrap()),
        descending,
        start_index: 1,
        count: 100,
        projection: Default::default(),
    };
    db.read_now(|c| {
        let fast = list(c, &renderer(), &db.counts, ResourceKind::User, &q).unwrap();
        let slow = list_by_scan(
            c,
            &renderer(),
            ResourceKind::User,
            &q,
            q.filter.clone(),
            None,
        )
        .unwrap();
        (fast, slow)
    })
}

const ATTRS: &[&str] = &[
    "userName",
    "displayName",
    "active",
    "title",
    "nickName",
    "externalId",
    "name.familyName",
    "name.givenName",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    "emails.value",
    "name",
];
const OPS: &[&str] = &["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const LITERALS: &[&str] = &[
    "\"smith\"",
    "\"SMITH\"",
    "\"\"",
    "\"e\"",
    "\"é\"",
    "\"É\"",
    "\"k\"",
    "\"K\"",
    "\"ann@example.com\"",
    "\"ENGINEER\"",
    "\"e-1\"",
    "\"E-1\"",
    "\"sales\"",
    "\"0042\"",
    "true",
    "false",
    "\"True\"",
    "42",
    "\"éric\"",
    "\"ÉCLAIR\"",
    "\"kelvin\"",
    "null",
    "\"i\"",
    "\"info\"",
    "\"kat\"",
    "\"desk\"",
    "\"%\"",
    "\"_\"",
    "\"^\"",
];

fn term() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..ATTRS.len(), 0..OPS.len(), 0..LITERALS.len())
            .prop_map(|(a, o, l)| { format!("{} {} {}", ATTRS[a], OPS[o], LITERALS[l]) }),
        (0..ATTRS.len()).prop_map(|a| format!("{} pr", ATTRS[a])),
    ]
}

fn filter() -> impl Strategy<Value = String> {
    term().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) and ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) or ({b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn sql_and_evaluation_agree(f in filter(), sort in proptest::option::of(0..ATTRS.len() - 2), desc: bool) {
        let db = db();
        // Filters the schema refuses (ordering on booleans, gt null) are refused
        // before either path runs.
        let Ok(parsed) = parse(&f) else { return Ok(()) };
        if parsed.bind(Scope::Resource(ResourceKind::User)).is_err() {
            return Ok(());
        }
        let sort = sort.map(|i| ATTRS[i]);
        let (fast, slow) = both(&db, &f, sort, desc);
        prop_assert_eq!(fast.total, slow.total, "count for {} (sort {:?})", f, sort);
        prop_assert_eq!(ids(&fast), ids(&slow), "matches for {} (sort {:?}, desc {})", f, sort, desc);
    }
}

#[test]
fn hand_picked_edges_agree() {
    let db = db();
    for f in [
        "displayName eq \"kelvin\"",
        "displayName sw \"k\"",
        "title ew \"\"",
        "title pr",
        "not (title pr)",
        "title ne \"engineer\"",
        "active eq \"True\"",
        "active ne true",
        "userName eq \"éric@EXAMPLE.com\"",
        "name.familyName eq \"smith\" and active eq true",
        "emails.value co \"dee\" and active eq true",
        "externalId eq \"e-1\"",
        "title co \"i\"",
        "title co \"desk\"",
        "title co \"%_^\"",
        "title co \"0%\"",
        "nickName eq \"kat\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"SALES\"",
    ] {
        let (fast, slow) = both(&db, f, None, false);
        assert_eq!((fast.total, ids(&fast)), (slow.total, ids(&slow)), "{f}");
        assert_eq!(
            texts(&fast),
            texts(&slow),
            "{f}: the same resources, to the byte"
        );
        assert!(
            fast.total > 0 || f.contains("ew"),
            "{f} should match someone"
        );
    }
    let (fast, _) = both(&db, "name.familyName eq \"SMITH\"", None, false);
    assert_eq!(fast.total, 2, "case-insensitive: Smith and smith");
    let (fast, _) = both(&db, "externalId eq \"e-1\"", None, false);
    assert_eq!(fast.total, 1, "externalId is caseExact");
}

/// A page written from stored text (SQL path) is the page the JSON tree gives
/// (the scan), byte for byte: users with extensions, externalIds and groups,
/// groups with members, the reserved Administrators.
#[test]
fn stored_text_pages_are_the_rendered_resources() {
    let db = db();
    let ann = add_user(
        &db,
        json!({"userName": "g1@example.com", "externalId": "X\"1\u{7}"}),
    );
    let bob = add_user(&db, json!({"userName": "g2@example.com", "active": true}));
    let group = normalize(
        ResourceKind::Group,
        &json!({"displayName": "Engineers", "externalId": "eng", "members": [{"value": ann.id}, {"value": bob.id}]}),
    )
    .unwrap();
    db.write_now(|tx| {
        save(
            tx,
            &Rules::default(),
            ResourceKind::Group,
            None,
            group,
            Manager::Idp,
        )
    })
    .unwrap();
    for kind in [ResourceKind::User, ResourceKind::Group] {
        let q = ListQuery {
            start_index: 1,
            count: 100,
            ..ListQuery::default()
        };
        let (stored, tree) = db.read_now(|c| {
            (
                list(c, &renderer(), &db.counts, kind, &q).unwrap(),
                list_by_scan(c, &renderer(), kind, &q, None, None).unwrap(),
            )
        });
        assert_eq!(texts(&stored), texts(&tree), "{kind:?}");
        let joined = texts(&stored).join("\n");
        let wanted: &[&str] = match kind {
            ResourceKind::User => &[
                "\"groups\":[{\"value\"",
                ENTERPRISE_USER_SCHEMA,
                "\"externalId\":\"X\\\"1\\u0007\"",
            ],
            ResourceKind::Group => &[
                "\"members\":[{\"value\"",
                "\"displayName\":\"Administrators\"",
            ],
        };
        for w in wanted {
            assert!(joined.contains(w), "{kind:?} pages hold {w}: {joined}");
        }
    }
}

#[test]
fn the_common_workloads_translate_whole_and_use_an_index() {
    let db = db();
    let plan = |sql: &str, params: Vec<SqlValue>| -> String {
        db.read_now(|c| {
            let mut st = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            st.query_map(params_from_iter(params.iter()), |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let user = SqlValue::Text("User".into());
    for (filter, index) in [
        ("active eq true", "attr_active"),
        ("name.familyName eq \"smith\"", "attr_name_familyName"),
        (
            "userName eq \"ann@example.com\"",
            "sqlite_autoindex_resources_2",
        ),
        ("externalId eq \"E-1\"", "resources_kind_external_id"),
    ] {
        let Translation::Whole(sql) =
            sql_filter::translate(&parse(filter).unwrap(), ResourceKind::User, 2)
        else {
            panic!("{filter} should translate whole");
        };
        let mut params = vec![user.clone()];
        params.extend(sql.params.clone());
        let p = plan(
            &format!(
                "SELECT count(*) FROM resources WHERE kind = ?1 AND ({})",
                sql.condition
            ),
            params,
        );
        assert!(
            p.contains(index),
            "{filter}: expected {index} in the plan: {p}"
        );
    }
    let sort = sql_filter::stored_expr(
        ResourceKind::User,
        &crate::scim::filter::parse_path("name.familyName").unwrap(),
    )
    .unwrap();
    let p = plan(
        &format!(
            "SELECT seq FROM resources WHERE kind = ?1 AND ({sort}) IS NOT NULL ORDER BY {sort} ASC, seq ASC LIMIT 10"
        ),
        vec![user],
    );
    assert!(
        p.contains("attr_name_familyName") && !p.contains("TEMP B-TREE"),
        "sort by the index: {p}"
    );
    let p = plan(
        &format!(
            "SELECT seq FROM resources WHERE kind = ?1 AND ({sort}) IS NOT NULL ORDER BY {sort} DESC, seq DESC LIMIT 10"
        ),
        vec![SqlValue::Text("User".into())],
    );
    assert!(
        p.contains("attr_name_familyName") && !p.contains("TEMP B-TREE"),
        "descending reads the index backwards: {p}"
    );
    // What needs the rendered resource stays in Rust.
    for f in [
        "emails.value eq \"x\"",
        "meta.created gt \"2020-01-01T00:00:00Z\"",
        "name pr",
    ] {
        assert!(
            matches!(
                sql_filter::translate(&parse(f).unwrap(), ResourceKind::User, 2),
                Translation::None
            ),
            "{f}"
        );
    }
}

#[test]
fn the_declared_attribute_indexes_exist_and_queries_use_them() {
    let indexes = sql_filter::attribute_indexes();
    let names: Vec<&str> = indexes.iter().map(|(n, _)| n.as_str()).collect();
    eprintln!("{} attribute indexes: {names:?}", names.len());
    for expected in [
        "attr_active",
        "attr_name_familyName",
        "attr_employeeNumber",
        "attr_manager_value",
        "attr_displayName",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains("password")),
        "never indexed: password"
    );
    let db = db();
    db.write_now(|tx| sql_filter::ensure_indexes(tx)).unwrap();
    let present: i64 = db
        .read_now(|c| {
            c.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'attr_%'",
                [],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(present as usize, indexes.len());
    // An equality on each indexed expression searches its index.
    for (name, expr) in &indexes {
        let plan: String = db.read_now(|c| {
            c.prepare(&format!(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM resources WHERE kind = 'User' AND {expr} = 'x'"
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join("; ")
        });
        assert!(
            plan.contains(&format!("SEARCH resources USING COVERING INDEX {name}"))
                || plan.contains(&format!("USING INDEX {name}")),
            "{name}: {plan}"
        );
    }
}

#[test]
fn remembered_counts_follow_every_write() {
    let db = db();
    // Pages of one, so that the count is a query (and remembered), not the page.
    let total = |f: &str| {
        let q = ListQuery {
            filter: Some(parse(f).unwrap()),
            start_index: 1,
            count: 1,
            ..ListQuery::default()
        };
        db.read_now(|c| list(c, &renderer(), &db.counts, ResourceKind::User, &q))
            .unwrap()
            .total
    };
    let before = total("active eq true");
    assert!(before > 1);
    assert_eq!(before, total("active eq true"), "same query, same count");
    let new = add_user(&db, json!({"userName": "new@example.com", "active": true}));
    assert_eq!(
        total("active eq true"),
        before + 1,
        "a create is counted at once"
    );
    let mut data = new.data.clone();
    data.insert("active".into(), json!(false));
    db.write_now(|tx| {
        save(
            tx,
            &Rules::default(),
            ResourceKind::User,
            Some(&new),
            data,
            Manager::Idp,
        )
    })
    .unwrap();
    assert_eq!(total("active eq true"), before, "so is an update");
    assert_eq!(
        total("active eq false"),
        2,
        "bob and the new user: another key"
    );
}
