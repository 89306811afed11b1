//! The tokens and keys every image checks. Signed on the host with jwt-core itself
//! (`sign_json` with the keys below); the sign images re-create the valid ones byte for byte,
//! and the verify images check each with its exact outcome.
//!
//! The tokens live in their own linker section, `.testdata` (see `memory-lm3s6965.x`), so that the flash
//! figures count the code under test and not the test vectors: a device receives its tokens,
//! it does not store them. `run.sh` reports the section's size next to each image.

/// The instant every check runs at: within every valid token's lifetime.
pub const NOW: u64 = 1_800_000_000;
/// The issuer every policy requires.
pub const ISSUER: &str = "https://issuer.example";
/// The audience every policy requires.
pub const AUDIENCE: &str = "device-42";

/// The HS256 secret.
pub const HS256_SECRET: &[u8; 32] = b"firmware test secret, 32 bytes!!";
/// The ES256 private scalar.
pub const ES256_SCALAR: [u8; 32] = [4; 32];
/// The ES256 public key, SEC1 uncompressed.
pub const ES256_PUBLIC: [u8; 65] = [
    0x04, 0x73, 0x10, 0x3e, 0xc3, 0x0b, 0x3c, 0xcf, 0x57, 0xda, 0xae, 0x08, 0xe9, 0x35, 0x34, 0xae,
    0xf1, 0x44, 0xa3, 0x59, 0x40, 0xcf, 0x6b, 0xbb, 0xa1, 0x2a, 0x0c, 0xf7, 0xcb, 0xd5, 0xd6, 0x5a,
    0x64, 0xd8, 0x2c, 0x8c, 0x99, 0xe9, 0xd3, 0xc4, 0x5f, 0x92, 0x45, 0xba, 0x9b, 0x27, 0x98, 0x2c,
    0x9a, 0xea, 0x8e, 0xc1, 0xdb, 0x94, 0xb1, 0x9c, 0x44, 0x79, 0x59, 0x42, 0xc0, 0xeb, 0x22, 0xaa,
    0x32,
];
/// The Ed25519 seed.
pub const ED25519_SEED: [u8; 32] = [6; 32];
/// The Ed25519 public key.
pub const ED25519_PUBLIC: [u8; 32] = [
    0x8a, 0x87, 0x5f, 0xff, 0x1e, 0xb3, 0x84, 0x51, 0x57, 0x7a, 0xcd, 0x5a, 0xfe, 0xe4, 0x05, 0x45,
    0x65, 0x68, 0xdd, 0x7c, 0x89, 0xe0, 0x90, 0x86, 0x3a, 0x05, 0x57, 0xbc, 0x7a, 0xf4, 0x9f, 0x17,
];

/// `{"alg":"HS256","typ":"JWT"}` over
/// `{"iss":"https://issuer.example","sub":"sensor-7","aud":"device-42","exp":1900000000,"nbf":1700000000,"iat":1700000000}`.
#[unsafe(link_section = ".testdata")]
pub static HS256_VALID: [u8; 239] = *b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.H2fd7MRe0hourpIPJDjCuplRG-mixJAWOJ_POHyDTXY";
/// The same claims with `exp` 1750000000, correctly signed.
#[unsafe(link_section = ".testdata")]
pub static HS256_EXPIRED: [u8; 239] = *b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE3NTAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.fj9qQ4_wOzbmBbfLIZRpP3yGCvQchaklT_g5iQe1ksY";
/// The same claims for audience `device-43`, correctly signed.
#[unsafe(link_section = ".testdata")]
pub static HS256_WRONG_AUDIENCE: [u8; 239] = *b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDMiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.0cgZ-LFFgQqHa6H-dpzBTUUUKzlfICTaq3WrJQs-Fak";
/// The valid token with `sensor-7` changed to `sensor-9` in the payload.
#[unsafe(link_section = ".testdata")]
pub static HS256_TAMPERED_PAYLOAD: [u8; 239] = *b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTkiLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.H2fd7MRe0hourpIPJDjCuplRG-mixJAWOJ_POHyDTXY";
/// The valid token with one signature character changed.
#[unsafe(link_section = ".testdata")]
pub static HS256_FLIPPED_SIGNATURE: [u8; 239] = *b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.H2fd7IRe0hourpIPJDjCuplRG-mixJAWOJ_POHyDTXY";
/// `{"alg":"none","typ":"JWT"}` with the valid payload and signature.
#[unsafe(link_section = ".testdata")]
pub static ALG_NONE: [u8; 238] = *b"eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.H2fd7MRe0hourpIPJDjCuplRG-mixJAWOJ_POHyDTXY";
/// `{"alg":"HS256","alg":"HS256"}` with the valid payload and signature.
#[unsafe(link_section = ".testdata")]
pub static DUPLICATE_HEADER: [u8; 242] = *b"eyJhbGciOiJIUzI1NiIsImFsZyI6IkhTMjU2In0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.H2fd7MRe0hourpIPJDjCuplRG-mixJAWOJ_POHyDTXY";
/// The claims above, signed with ES256 (deterministic, RFC 6979).
#[unsafe(link_section = ".testdata")]
pub static ES256_VALID: [u8; 282] = *b"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.hOYpeDx9GuBmJQW3w07RQ_pj8kI460APSbXzNoI2op2Ld2cUmQPs0t79TR0URvxUXpHolAN0_9xbhQWNF3nFag";
/// ES256 token with the tampered payload.
#[unsafe(link_section = ".testdata")]
pub static ES256_TAMPERED: [u8; 282] = *b"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTkiLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.hOYpeDx9GuBmJQW3w07RQ_pj8kI460APSbXzNoI2op2Ld2cUmQPs0t79TR0URvxUXpHolAN0_9xbhQWNF3nFag";
/// The claims above, signed with Ed25519.
#[unsafe(link_section = ".testdata")]
pub static EDDSA_VALID: [u8; 282] = *b"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTciLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.GC4HXhNym2ncPSy1FZPhHddpRxqGe73my_bF6OFz_U_PiQZxaQaR1lWAcQ7XWl_4WnoZa_hoiSTJtP67MuksDg";
/// EdDSA token with the tampered payload.
#[unsafe(link_section = ".testdata")]
pub static EDDSA_TAMPERED: [u8; 282] = *b"eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoic2Vuc29yLTkiLCJhdWQiOiJkZXZpY2UtNDIiLCJleHAiOjE5MDAwMDAwMDAsIm5iZiI6MTcwMDAwMDAwMCwiaWF0IjoxNzAwMDAwMDAwfQ.GC4HXhNym2ncPSy1FZPhHddpRxqGe73my_bF6OFz_U_PiQZxaQaR1lWAcQ7XWl_4WnoZa_hoiSTJtP67MuksDg";
