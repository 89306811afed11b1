//! PEM armour (RFC 7468) for asymmetric keys, decoded into a stack buffer that is wiped after.

use zeroize::Zeroize;

use crate::Error;

/// Large enough for the DER of any EC (P-256, P-384) or Ed25519 key, private or public.
const MAX_DER: usize = 512;

/// Decodes `pem` and calls `f` with its label and DER bytes.
pub(crate) fn with_der<T>(
    pem: &str,
    f: impl FnOnce(&str, &[u8]) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut buf = [0u8; MAX_DER];
    let result = match pem_rfc7468::decode(pem.trim().as_bytes(), &mut buf) {
        Ok((label, der)) => f(label, der),
        Err(_) => Err(Error::InvalidKey),
    };
    buf.zeroize();
    result
}
