//! Replay and revocation across many servers: a [`JtiStore`] over Redis.
//!
//! Every verifier of a service connects to the same Redis. A token's `jti` is recorded with
//! `SET <prefix>:seen:<digest> 1 NX EXAT <exp>`, which is atomic: of two servers seeing the same
//! token at once, exactly one succeeds and the other reports [`Error::Replayed`]. A revocation is
//! `SET <prefix>:revoked:<digest> 1 EXAT <until>`, consulted before. Keys are SHA-256 digests of
//! the unescaped `jti`, so their size does not depend on the token. Every Redis failure
//! (unreachable, timeout, refused command) is [`Error::StoreUnavailable`]: the token is refused,
//! never waved through.

use std::time::Duration;

use jwt_core::{Error, JsonStr, JtiStore, Time};
use sha2::{Digest, Sha256};

/// How long a store waits for Redis before refusing.
pub const TIMEOUT: Duration = Duration::from_millis(500);

/// A replay and revocation store in Redis.
pub struct RedisJtiStore {
    connection: redis::Connection,
    prefix: String,
}

impl std::fmt::Debug for RedisJtiStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisJtiStore")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisJtiStore {
    /// Connects to `url` (e.g. `redis://127.0.0.1:6379/`); keys are named under `prefix`.
    ///
    /// # Errors
    /// [`Error::StoreUnavailable`] when Redis cannot be reached.
    pub fn connect(url: &str, prefix: &str) -> Result<Self, Error> {
        let client = redis::Client::open(url).map_err(|_| Error::StoreUnavailable)?;
        let connection = client
            .get_connection_with_timeout(TIMEOUT)
            .map_err(|_| Error::StoreUnavailable)?;
        connection
            .set_read_timeout(Some(TIMEOUT))
            .map_err(|_| Error::StoreUnavailable)?;
        connection
            .set_write_timeout(Some(TIMEOUT))
            .map_err(|_| Error::StoreUnavailable)?;
        Ok(Self {
            connection,
            prefix: prefix.to_owned(),
        })
    }

    /// Revokes `jti` until `until` (seconds since the epoch): every verifier sharing this Redis
    /// refuses it with [`Error::Revoked`].
    ///
    /// # Errors
    /// [`Error::StoreUnavailable`] when Redis cannot be reached.
    pub fn revoke(&mut self, jti: &str, until: u64) -> Result<(), Error> {
        let key = self.key("revoked", jti);
        redis::cmd("SET")
            .arg(key)
            .arg(1)
            .arg("EXAT")
            .arg(until)
            .query::<()>(&mut self.connection)
            .map_err(|_| Error::StoreUnavailable)
    }

    fn key(&self, kind: &str, jti: &str) -> String {
        format!(
            "{}:{kind}:{}",
            self.prefix,
            hex::encode(Sha256::digest(jti.as_bytes()))
        )
    }
}

impl JtiStore for RedisJtiStore {
    fn check_and_remember(
        &mut self,
        jti: JsonStr<'_>,
        until: u64,
        _time: Time,
    ) -> Result<(), Error> {
        let jti: String = jti.chars().collect();
        let revoked: bool = redis::cmd("EXISTS")
            .arg(self.key("revoked", &jti))
            .query(&mut self.connection)
            .map_err(|_| Error::StoreUnavailable)?;
        if revoked {
            return Err(Error::Revoked);
        }
        let mut set = redis::cmd("SET");
        set.arg(self.key("seen", &jti)).arg(1).arg("NX");
        // A token without exp (until = u64::MAX) is remembered for ever.
        if until != u64::MAX {
            set.arg("EXAT").arg(until);
        }
        let stored: Option<String> = set
            .query(&mut self.connection)
            .map_err(|_| Error::StoreUnavailable)?;
        if stored.is_some() {
            Ok(())
        } else {
            Err(Error::Replayed)
        }
    }
}
