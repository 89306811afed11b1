//! Two verifiers sharing one real `redis-server` on a loopback port.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jwt_core::{Error, Hs256Key, SignHeader, Time, Validation};
use jwt_redis::RedisJtiStore;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `redis-server` on a free loopback port, or returns `None` when it is not installed.
fn start() -> Option<Server> {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let server = Server {
        child,
        url: format!("redis://127.0.0.1:{port}/"),
    };
    let started = Instant::now();
    while RedisJtiStore::connect(&server.url, "probe").is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "redis-server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(server)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn token(jti: &str, exp: u64) -> String {
    let key = Hs256Key::new(b"redis test secret of 32 bytes!!!").unwrap();
    let mut out = [0u8; 256];
    let claims = format!(r#"{{"jti":"{jti}","exp":{exp}}}"#);
    jwt_core::sign_json(&key, &SignHeader::new(), claims.as_bytes(), &mut out)
        .unwrap()
        .to_owned()
}

fn verify(store: &mut RedisJtiStore, token: &str) -> Result<(), Error> {
    let key = Hs256Key::new(b"redis test secret of 32 bytes!!!").unwrap();
    let mut scratch = [0u8; 256];
    jwt_core::verify_once(
        token.as_bytes(),
        &key,
        &Validation::new(),
        Time::At(now()),
        store,
        &mut scratch,
    )
    .map(|_| ())
}

#[test]
fn verifiers_sharing_redis_refuse_replays_and_revoked_tokens() {
    let Some(server) = start() else {
        println!("SKIP: redis-server is not installed (apt-get install redis-server)");
        return;
    };
    let prefix = format!("jwt-test-{}", std::process::id());
    let mut a = RedisJtiStore::connect(&server.url, &prefix).unwrap();
    let mut b = RedisJtiStore::connect(&server.url, &prefix).unwrap();
    let exp = now() + 60;

    // A token accepted by one server is a replay at the other.
    let t = token("order-1", exp);
    assert_eq!(verify(&mut a, &t), Ok(()));
    assert_eq!(verify(&mut b, &t), Err(Error::Replayed));
    assert_eq!(verify(&mut a, &t), Err(Error::Replayed));

    // The same jti spelled with an escape is the same jti.
    assert_eq!(
        verify(&mut b, &token("order\\u002d1", exp)),
        Err(Error::Replayed)
    );

    // A revoked jti is refused by both, even before its first use.
    a.revoke("stolen", exp).unwrap();
    assert_eq!(verify(&mut b, &token("stolen", exp)), Err(Error::Revoked));
    assert_eq!(verify(&mut a, &token("stolen", exp)), Err(Error::Revoked));

    // Entries expire with the token: Redis forgets them at exp.
    let short = token("short", now() + 2);
    assert_eq!(verify(&mut a, &short), Ok(()));
    std::thread::sleep(Duration::from_millis(3100));
    assert_eq!(
        verify(&mut b, &short),
        Err(Error::Expired),
        "refused by exp, and no longer stored"
    );
    let key = format!(
        "{prefix}:seen:{}",
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"short"))
    );
    let mut direct = redis::Client::open(server.url.as_str())
        .unwrap()
        .get_connection()
        .unwrap();
    let present: bool = redis::cmd("EXISTS").arg(key).query(&mut direct).unwrap();
    assert!(!present, "the entry expired with the token");
    let long = format!(
        "{prefix}:seen:{}",
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"order-1"))
    );
    let ttl: i64 = redis::cmd("TTL").arg(long).query(&mut direct).unwrap();
    assert!(
        (1..=60).contains(&ttl),
        "a live entry lives until exp: ttl {ttl}"
    );

    // With Redis gone, verification fails closed.
    drop(server);
    let fresh = token("after-crash", now() + 60);
    assert_eq!(verify(&mut a, &fresh), Err(Error::StoreUnavailable));
    assert_eq!(
        RedisJtiStore::connect("redis://127.0.0.1:1/", "x").unwrap_err(),
        Error::StoreUnavailable
    );
}
