//! What simulate sends is what its profile says and what its transcripts show,
//! byte for byte: a tap on the loopback socket between scimctl and the sandbox
//! keeps the raw requests (idp-behaviors §1.0 for Okta's headers; §2.0 for
//! Entra's: no User-Agent and no Accept at all, the strict case of F11).

mod common;

use common::*;
use serde_json::Value;

const PROFILES: [&str; 4] = ["okta", "okta-aiw", "entra", "entra-aadopt"];

/// The header names each profile's requests carry, in the order sent.
fn expected_names(profile: &str, has_body: bool, has_auth: bool) -> Vec<&'static str> {
    let mut names = vec!["host"];
    if profile.starts_with("okta") {
        names.extend(["user-agent", "accept", "accept-charset"]);
    }
    if has_body {
        names.push("content-type");
    }
    if has_auth {
        names.push("authorization");
    }
    if has_body {
        names.push("content-length");
    }
    names
}

#[test]
fn every_request_carries_exactly_the_profiles_headers_and_the_transcripts_show_them() {
    let s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let upstream = s
        .scim_url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    for p in PROFILES {
        let tap = tap::start(upstream.clone());
        let url = format!("{}/scim/v2", tap.origin);
        let har_path = s.dir.path().join(format!("{p}.har"));
        let txt_path = s.dir.path().join(format!("{p}.txt"));
        let out = run_with_stdin(
            s.cli()
                .args(["simulate", p, "--url", &url, "--token-stdin", "-o", "json"])
                .arg("--transcript")
                .arg(&har_path)
                .arg("--transcript")
                .arg(&txt_path),
            &token,
        );
        out.code(0);
        let har: Value = serde_json::from_slice(&std::fs::read(&har_path).unwrap()).unwrap();
        let text = std::fs::read_to_string(&txt_path).unwrap();
        assert_eq!(har["log"]["version"], "1.2");
        let entries = har["log"]["entries"].as_array().unwrap();
        let raw = tap.requests();
        assert_eq!(raw.len(), entries.len(), "{p}: every request is in the HAR");
        assert!(raw.len() > 20, "{p}: a whole run went through the tap");
        let authority = tap.origin.trim_start_matches("http://");
        for (r, e) in raw.iter().zip(entries) {
            let req = &e["request"];
            let step = e["comment"].as_str().unwrap();
            assert_eq!(r.version, "HTTP/1.1", "{p} {step}");
            assert_eq!(r.method, req["method"], "{p} {step}");
            assert_eq!(
                format!("{}{}", tap.origin, r.target),
                req["url"].as_str().unwrap(),
                "{p} {step}: the URL as sent"
            );
            let shown: Vec<(String, String)> = req["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (
                        h["name"].as_str().unwrap().to_owned(),
                        h["value"].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            let names: Vec<&str> = r.headers.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(
                names,
                // scimctl's own is-it-ours probe goes without the token
                expected_names(p, !r.body.is_empty(), !step.contains("scimctl:")),
                "{p} {step}: exactly the profile's headers, nothing added"
            );
            for ((k, v), (sk, sv)) in r.headers.iter().zip(&shown) {
                assert_eq!(k, sk, "{p} {step}");
                if k == "authorization" {
                    assert!(!sv.contains(&token), "{p} {step}: the token is masked");
                    if step.ends_with("connection.bad-token") {
                        assert!(v.starts_with("Bearer ") && !v.contains(&token));
                    } else if step.ends_with("connection.header-auth") {
                        // Okta's "HTTP Header" mode: the token alone.
                        assert_eq!(v, &token, "{p} {step}");
                        assert_eq!(sv, "<redacted>");
                    } else {
                        assert_eq!(v, &format!("Bearer {token}"), "{p} {step}");
                        assert_eq!(sv, "Bearer <redacted>");
                    }
                } else {
                    assert_eq!(v, sv, "{p} {step}: {k} as shown");
                    assert!(
                        text.contains(&format!("{k}: {v}\n")),
                        "{p} {step}: the text transcript shows {k}: {v}"
                    );
                }
            }
            let host = &r.headers[0].1;
            assert_eq!(host, authority, "{p} {step}: Host");
            if p.starts_with("okta") {
                assert_eq!(r.headers[1].1, "Okta SCIM Client 1.0.0");
                assert_eq!(r.headers[2].1, "application/scim+json");
                assert_eq!(r.headers[3].1, "utf-8");
            }
            let body = String::from_utf8(r.body.clone()).unwrap();
            if body.is_empty() {
                assert!(req.get("postData").is_none(), "{p} {step}");
            } else {
                assert_eq!(req["postData"]["text"], body.as_str(), "{p} {step}: body");
                assert!(
                    text.contains(&format!("\n{body}\n")),
                    "{p} {step}: the text transcript holds the body as sent"
                );
                let ct = &r
                    .headers
                    .iter()
                    .find(|(k, _)| k == "content-type")
                    .unwrap()
                    .1;
                assert_eq!(ct, "application/scim+json; charset=utf-8");
            }
        }
        // Entra's requests carry no Accept at all, and the probes still passed:
        // the sandbox answers SCIM JSON without one.
        let v = out.json();
        assert_eq!(v["summary"]["failed"], 0, "{p}: {}", out.stdout);
        assert!(
            !text.contains(&token) && !std::fs::read_to_string(&har_path).unwrap().contains(&token)
        );
    }
}

#[test]
fn the_transcripts_curl_lines_resend_the_same_request() {
    let s = Sandbox::enabled();
    let token = s.token.clone().unwrap();
    let txt = s.dir.path().join("run.txt");
    run_with_stdin(
        s.cli()
            .args([
                "simulate",
                "entra",
                "--scenario",
                "connection",
                "--url",
                &s.scim_url,
                "--token-stdin",
            ])
            .arg("--transcript")
            .arg(&txt),
        &token,
    )
    .code(0);
    let text = std::fs::read_to_string(&txt).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("$ curl") && l.contains("/Users?"))
        .expect("a curl line for the users probe")
        .trim_start_matches("$ ");
    assert!(
        line.contains("${SCIMCTL_TOKEN}") && !line.contains(&token),
        "{line}"
    );
    assert!(
        line.contains("-H 'accept:'") && line.contains("-H 'user-agent:'"),
        "{line}"
    );
    let out = std::process::Command::new("sh")
        .args(["-c", line])
        .env("SCIMCTL_TOKEN", &token)
        .output()
        .unwrap();
    if out.status.code() == Some(127) {
        eprintln!("curl is not installed here; the line was: {line}");
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["totalResults"], 0, "the probe's answer again");
}

/// A TLS server with a private CA: `openssl s_server` (when the machine has
/// openssl) with a fresh self-signed certificate for 127.0.0.1.
#[test]
fn tls_targets_are_verified_and_a_private_ca_is_trusted_with_ca_cert() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let (ca, ca_key, cert, key, csr) = (
        path("ca.pem"),
        path("ca-key.pem"),
        path("cert.pem"),
        path("key.pem"),
        path("req.csr"),
    );
    let ext = path("leaf.ext");
    std::fs::write(
        &ext,
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    // A private CA, and a server certificate it signs (webpki refuses a CA
    // certificate used as the server's own).
    let steps: [Vec<&str>; 3] = [
        vec![
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=scimctl test CA",
            "-keyout",
            &ca_key,
            "-out",
            &ca,
        ],
        vec![
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            &key,
            "-out",
            &csr,
        ],
        vec![
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca,
            "-CAkey",
            &ca_key,
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            &ext,
            "-out",
            &cert,
        ],
    ];
    for args in steps {
        let Ok(made) = std::process::Command::new("openssl").args(&args).output() else {
            eprintln!("openssl is not installed here: the TLS test needs it");
            return;
        };
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = std::process::Command::new("openssl")
        .args(["s_server", "-quiet", "-www", "-accept", &port.to_string()])
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed().as_secs() < 20, "s_server did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let url = format!("https://127.0.0.1:{port}/scim/v2");
    let simulate = |extra: &[&str]| {
        run_with_stdin(
            scimctl()
                .env("SCIMCTL_CONFIG_DIR", dir.path())
                .args([
                    "simulate",
                    "okta",
                    "--scenario",
                    "connection",
                    "--url",
                    &url,
                    "--token-stdin",
                    "--product-rules",
                    "off",
                    "-o",
                    "json",
                ])
                .args(extra),
            "scimtok_tls-test-token-000000",
        )
    };
    // Not trusted: the run stops with the TLS cause and the --ca-cert hint.
    let untrusted = simulate(&[]);
    untrusted.code(1);
    assert!(
        untrusted.stderr.contains("--ca-cert"),
        "{}",
        untrusted.stderr
    );
    assert!(untrusted.stderr.contains("TLS"), "{}", untrusted.stderr);
    // Trusted: the handshake works and the HTML status page is what the probe
    // finds (a failure about the answer, not about TLS).
    let trusted = simulate(&["--ca-cert", &ca]);
    let _ = server.kill();
    let _ = server.wait();
    let v = trusted.json();
    let probe = &v["checks"][0];
    assert_eq!(probe["id"], "connection.users-probe");
    assert_eq!(probe["verdict"], "fail", "{}", trusted.stdout);
    assert_eq!(probe["requests"][0]["status"], 200, "{}", trusted.stdout);
}
