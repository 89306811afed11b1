//! PEM armour (RFC 7468) for asymmetric keys: the `from_*_pem` constructors of the `alg` key
//! types, one file per key type family, over one decoder that wipes its buffer after use.

#[cfg(any(feature = "es256", feature = "es384", feature = "es512"))]
mod ec;
#[cfg(feature = "eddsa")]
mod okp;
#[cfg(feature = "rsa")]
mod rsa;

use zeroize::Zeroize;

use crate::error::Error;

/// Large enough for the DER of any EC (P-256, P-384) or Ed25519 key, private or public: the
/// stack buffer those keys decode into. RSA keys are larger and bring a heap buffer.
#[cfg_attr(
    not(any(
        feature = "es256",
        feature = "es384",
        feature = "es512",
        feature = "eddsa"
    )),
    expect(dead_code, reason = "only the EC and OKP keys decode on the stack")
)]
const MAX_DER: usize = 512;

/// Decodes `pem` into `buf` and calls `f` with its DER bytes when its label is one of
/// `labels`; `buf` is wiped after.
///
/// # Errors
/// [`Error::InvalidKey`] when it is not PEM, has another label or does not fit `buf`, or what
/// `f` returns.
fn with_der<T>(
    pem: &str,
    labels: &[&str],
    buf: &mut [u8],
    f: impl FnOnce(&[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    let result = match pem_rfc7468::decode(pem.trim().as_bytes(), buf) {
        Ok((label, der)) if labels.contains(&label) => f(der),
        _ => Err(Error::InvalidKey),
    };
    buf.zeroize();
    result
}
