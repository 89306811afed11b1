/* Every function of the C API on valid tokens, on each way a token is refused, and on bad
   arguments (NULL, lengths that do not fit, short buffers, misaligned and uninitialized
   storage), each with its exact status. Buffers the library writes are heap blocks of the
   exact size asked for, so AddressSanitizer sees a write one byte past them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* A `static const char[]`'s text as a pointer and length (JWT_LITERAL takes literals only). */
#define ARRAY(text) ((const uint8_t *)(text)), (sizeof(text) - 1)

/* The attack-vector file's policy (tests/vectors/jwt-attack-vectors.json). */
#define NOW 1700000000u
#define ISSUER "https://issuer.example"
#define AUDIENCE "device-42"

/* RFC 7515 A.1's HMAC key, A.3's P-256 key and RFC 8037 A.1's Ed25519 key. */
static const char HS_SECRET_B64[] =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
static const char EC_D_B64[] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
static const char EC_X_B64[] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
static const char EC_Y_B64[] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
static const char EC_JWK[] = "{\"kty\":\"EC\",\"crv\":\"P-256\","
                             "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                             "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
static const char ED_D_B64[] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
static const char ED_X_B64[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
static const char ED_JWK[] = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                             "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";

/* A01 (valid), I03 (the expired token), A02 (HS384 under an HS256 key), B01 (alg none). */
static const char A01[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidX"
    "Nlci0xIiwiYXVkIjoiZGV2aWNlLTQyIiwiaWF0IjoxNjk5OTk5MDAwLCJuYmYiOjE2OTk5OTkwMDAsImV4cCI6MTcwMD"
    "AwMzYwMCwianRpIjoiYmFzZSJ9.RIfQkDDolFK3bMIxk-hUrRbiEK3UmXsHLtIY3-FD558";
static const char I03_EXPIRED[] =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidX"
    "Nlci0xIiwiYXVkIjoiZGV2aWNlLTQyIiwiaWF0IjoxNjk5OTk5MDAwLCJuYmYiOjE2OTk5OTkwMDAsImV4cCI6MTY5OT"
    "k5NjQwMCwianRpIjoiYmFzZSJ9.PFZnaam534I4S3MvWOfRGiTqAG5eIjoqOKEv2y8kYxA";
static const char A02_HS384[] =
    "eyJhbGciOiJIUzM4NCIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidX"
    "Nlci0xIiwiYXVkIjoiZGV2aWNlLTQyIiwiaWF0IjoxNjk5OTk5MDAwLCJuYmYiOjE2OTk5OTkwMDAsImV4cCI6MTcwMD"
    "AwMzYwMCwianRpIjoiYmFzZSJ9.dox1HDDi3z_rxf4Xw8tfkccH3bHi0bhqM_0NR5cWiXyC99bgtxCCw6m6lP-p7rY6";
static const char B01_NONE[] =
    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoidXNl"
    "ci0xIiwiYXVkIjoiZGV2aWNlLTQyIiwiaWF0IjoxNjk5OTk5MDAwLCJuYmYiOjE2OTk5OTkwMDAsImV4cCI6MTcwMDAw"
    "MzYwMCwianRpIjoiYmFzZSJ9.";

static uint8_t hs_secret[64];
static uint8_t ec_scalar[32];
static uint8_t ec_sec1[65];
static uint8_t ed_seed[32];
static uint8_t ed_public[32];

static jwt_str str_of(const char *text) {
    jwt_str s;
    s.ptr = (const uint8_t *)text;
    s.len = strlen(text);
    return s;
}

/* The attack-vector file's policy: iss, aud, 60 s of leeway, exp required. */
static jwt_policy vector_policy(const jwt_str *issuer, const jwt_str *audience) {
    jwt_policy p = jwt_policy_default();
    p.exp_leeway = 60;
    p.nbf_leeway = 60;
    p.iat_leeway = 60;
    p.issuers = issuer;
    p.issuers_len = 1;
    p.audiences = audience;
    p.audiences_len = 1;
    return p;
}

/* A scratch buffer of exactly the size the library asks for, on the heap. */
static uint8_t *scratch_for(const char *token, size_t *len) {
    *len = jwt_scratch_len(strlen(token));
    return malloc(*len);
}

static jwt_status verify(const char *token, const jwt_key *key, const jwt_policy *policy,
                         jwt_time time, uint8_t **scratch, jwt_verified *out) {
    size_t len;
    *scratch = scratch_for(token, &len);
    return jwt_verify((const uint8_t *)token, strlen(token), key, policy, time, *scratch, len,
                      out);
}

/* Signs `claims` with `key` under `header` into a heap block of exactly jwt_signed_len bytes,
   NUL-terminated by this helper for convenience (one more byte, written here, not by the
   library). NULL on any failure, with the status in `status`. */
static char *sign(const jwt_key *key, const jwt_sign_header *header, const char *claims,
                  jwt_status *status) {
    size_t len = 0, written = 0;
    *status = jwt_signed_len(key, header, (const uint8_t *)claims, strlen(claims), &len);
    if (*status != JWT_OK) return NULL;
    uint8_t *out = malloc(len);
    *status = jwt_sign(key, header, (const uint8_t *)claims, strlen(claims), out, len, &written);
    if (*status != JWT_OK || written != len) {
        free(out);
        return NULL;
    }
    char *token = malloc(len + 1);
    memcpy(token, out, len);
    token[len] = '\0';
    free(out);
    return token;
}

static void decode_keys(void) {
    CHECK(b64url_decode(HS_SECRET_B64, strlen(HS_SECRET_B64), hs_secret, 64) == 64);
    CHECK(b64url_decode(EC_D_B64, strlen(EC_D_B64), ec_scalar, 32) == 32);
    ec_sec1[0] = 0x04;
    CHECK(b64url_decode(EC_X_B64, strlen(EC_X_B64), ec_sec1 + 1, 32) == 32);
    CHECK(b64url_decode(EC_Y_B64, strlen(EC_Y_B64), ec_sec1 + 33, 32) == 32);
    CHECK(b64url_decode(ED_D_B64, strlen(ED_D_B64), ed_seed, 32) == 32);
    CHECK(b64url_decode(ED_X_B64, strlen(ED_X_B64), ed_public, 32) == 32);
}

static void error_names(void) {
    CHECK_TEXT(jwt_error_code(JWT_OK), 2, "ok");
    const char *expired = jwt_error_code(JWT_ERR_EXPIRED);
    CHECK_TEXT(expired, strlen(expired), "expired");
    const char *message = jwt_error_message(JWT_ERR_EXPIRED);
    CHECK_TEXT(message, strlen(message), "token has expired");
    const char *null = jwt_error_code(JWT_ERR_NULL_POINTER);
    CHECK_TEXT(null, strlen(null), "null-pointer");
    const char *unknown = jwt_error_code(-1);
    CHECK_TEXT(unknown, strlen(unknown), "unknown-error");
    unknown = jwt_error_code(9999);
    CHECK_TEXT(unknown, strlen(unknown), "unknown-error");
    /* Every defined value has a code of its own and a message. */
    for (int32_t v = 1; v <= JWT_ERR_UNKNOWN_ERROR; v++) {
        if (v > JWT_ERR_KEY_AS_SECRET && v < JWT_ERR_NULL_POINTER) continue;
        const char *code = jwt_error_code(v);
        CHECK(code != NULL && strlen(code) > 0);
        CHECK(v == JWT_ERR_UNKNOWN_ERROR || strcmp(code, "unknown-error") != 0);
        CHECK(strlen(jwt_error_message(v)) > 0);
    }
}

static void hmac_keys(void) {
    jwt_key key;
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 32), JWT_OK);
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 31), JWT_ERR_WEAK_KEY);
    /* A failed constructor leaves the storage wiped, whatever it held. */
    jwt_policy policy = jwt_policy_default();
    uint8_t *scratch;
    jwt_verified v;
    CHECK_STATUS(verify(A01, &key, &policy, jwt_time_at(NOW), &scratch, &v),
                 JWT_ERR_UNINITIALIZED);
    free(scratch);
    CHECK_STATUS(jwt_key_hs384(&key, hs_secret, 48), JWT_OK);
    CHECK_STATUS(jwt_key_hs384(&key, hs_secret, 47), JWT_ERR_WEAK_KEY);
    CHECK_STATUS(jwt_key_hs512(&key, hs_secret, 64), JWT_OK);
    CHECK_STATUS(jwt_key_hs512(&key, hs_secret, 63), JWT_ERR_WEAK_KEY);
    static const char pem[] = "-----BEGIN PUBLIC KEY-----\n"
                              "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7\n"
                              "-----END PUBLIC KEY-----\n";
    CHECK_STATUS(jwt_key_hs256(&key, (const uint8_t *)pem, strlen(pem)), JWT_ERR_KEY_AS_SECRET);
    CHECK_STATUS(jwt_key_hs256(&key, (const uint8_t *)EC_JWK, strlen(EC_JWK)),
                 JWT_ERR_KEY_AS_SECRET);
    /* Bad arguments. */
    CHECK_STATUS(jwt_key_hs256(NULL, hs_secret, 32), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_key_hs256(&key, NULL, 32), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_key_hs256(&key, NULL, 0), JWT_ERR_WEAK_KEY);
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, SIZE_MAX), JWT_ERR_LENGTH_TOO_LARGE);
    union {
        jwt_key key;
        uint8_t bytes[sizeof(jwt_key) + 16];
    } storage;
    jwt_key *misaligned = (jwt_key *)(void *)(storage.bytes + 8);
    CHECK_STATUS(jwt_key_hs256(misaligned, hs_secret, 32), JWT_ERR_MISALIGNED);
    CHECK_STATUS(jwt_key_clear(misaligned), JWT_ERR_MISALIGNED);
    CHECK_STATUS(jwt_key_clear(NULL), JWT_ERR_NULL_POINTER);
    /* Clearing wipes every word; clearing storage that holds nothing is fine. */
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    CHECK_STATUS(jwt_key_clear(&key), JWT_OK);
    for (size_t i = 0; i < JWT_KEY_WORDS; i++) CHECK(key.words[i] == 0);
    CHECK_STATUS(jwt_key_clear(&key), JWT_OK);
    jwt_key zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(verify(A01, &zeroed, &policy, jwt_time_at(NOW), &scratch, &v),
                 JWT_ERR_UNINITIALIZED);
    free(scratch);
}

static void asymmetric_keys(void) {
    jwt_key key, public_key;
    CHECK_STATUS(jwt_key_es256_public(&key, ec_sec1, 65), JWT_OK);
    CHECK_STATUS(jwt_key_es256_public(&key, ec_sec1, 64), JWT_ERR_INVALID_KEY);
    CHECK_STATUS(jwt_key_es256_public_jwk(&key, (const uint8_t *)EC_JWK, strlen(EC_JWK)), JWT_OK);
    CHECK_STATUS(jwt_key_es256_public_jwk(&key, (const uint8_t *)ED_JWK, strlen(ED_JWK)),
                 JWT_ERR_INVALID_KEY);
    static const char duplicate[] = "{\"kty\":\"EC\",\"kty\":\"EC\",\"crv\":\"P-256\"}";
    CHECK_STATUS(jwt_key_es256_public_jwk(&key, (const uint8_t *)duplicate, strlen(duplicate)),
                 JWT_ERR_DUPLICATE_MEMBER);
    CHECK_STATUS(jwt_key_es256_private(&key, ec_scalar, 32), JWT_OK);
    uint8_t zero[32] = {0};
    CHECK_STATUS(jwt_key_es256_private(&key, zero, 32), JWT_ERR_INVALID_KEY);
    CHECK_STATUS(jwt_key_ed25519_public(&key, ed_public, 32), JWT_OK);
    CHECK_STATUS(jwt_key_ed25519_public(&key, ed_public, 31), JWT_ERR_INVALID_KEY);
    CHECK_STATUS(jwt_key_ed25519_public_jwk(&key, (const uint8_t *)ED_JWK, strlen(ED_JWK)),
                 JWT_OK);
    CHECK_STATUS(jwt_key_ed25519_public_jwk(&key, (const uint8_t *)EC_JWK, strlen(EC_JWK)),
                 JWT_ERR_INVALID_KEY);
    CHECK_STATUS(jwt_key_ed25519_private(&key, ed_seed, 33), JWT_ERR_INVALID_KEY);
    CHECK_STATUS(jwt_key_ed25519_private(&key, ed_seed, 32), JWT_OK);
    /* The public half of a signing key; a key that has none is the wrong type. */
    CHECK_STATUS(jwt_key_public(&public_key, &key), JWT_OK);
    CHECK_STATUS(jwt_key_public(&key, &key), JWT_OK);
    CHECK_STATUS(jwt_key_public(&public_key, &key), JWT_ERR_WRONG_KEY_TYPE);
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    CHECK_STATUS(jwt_key_public(&public_key, &key), JWT_ERR_WRONG_KEY_TYPE);
    CHECK_STATUS(jwt_key_public(&public_key, NULL), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_key_public(NULL, &key), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_key_clear(&key), JWT_OK);
    CHECK_STATUS(jwt_key_clear(&public_key), JWT_OK);
}

/* A01 verified, and everything read from it. */
static void verify_and_read(void) {
    jwt_key key;
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    jwt_str issuer = str_of(ISSUER), audience = str_of(AUDIENCE);
    jwt_policy policy = vector_policy(&issuer, &audience);
    uint8_t *scratch;
    jwt_verified v;
    CHECK_STATUS(verify(A01, &key, &policy, jwt_time_at(NOW), &scratch, &v), JWT_OK);

    jwt_str s = {NULL, 0};
    CHECK_STATUS(jwt_verified_algorithm(&v, &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "HS256");
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("sub"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "user-1");
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("iss"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, ISSUER);
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("jti"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "base");
    CHECK_STATUS(jwt_verified_claim_json(&v, JWT_LITERAL("aud"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "\"device-42\"");
    CHECK_STATUS(jwt_verified_claim_json(&v, JWT_LITERAL("exp"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "1700003600");

    uint64_t date = 0;
    CHECK_STATUS(jwt_verified_exp(&v, &date), JWT_OK);
    CHECK(date == 1700003600u);
    CHECK_STATUS(jwt_verified_nbf(&v, &date), JWT_OK);
    CHECK(date == 1699999000u);
    CHECK_STATUS(jwt_verified_iat(&v, &date), JWT_OK);
    CHECK(date == 1699999000u);
    int64_t number = 0;
    CHECK_STATUS(jwt_verified_claim_int(&v, JWT_LITERAL("exp"), &number), JWT_OK);
    CHECK(number == 1700003600);
    CHECK_STATUS(jwt_verified_claim_int(&v, JWT_LITERAL("sub"), &number), JWT_ERR_CLAIM_TYPE);
    bool flag = true;
    CHECK_STATUS(jwt_verified_claim_bool(&v, JWT_LITERAL("sub"), &flag), JWT_ERR_CLAIM_TYPE);
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("exp"), &s), JWT_ERR_CLAIM_TYPE);
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("nope"), &s), JWT_ERR_CLAIM_ABSENT);
    CHECK_STATUS(jwt_verified_has_audience(&v, JWT_LITERAL(AUDIENCE), &flag), JWT_OK);
    CHECK(flag);
    CHECK_STATUS(jwt_verified_has_audience(&v, JWT_LITERAL("device-4"), &flag), JWT_OK);
    CHECK(!flag);

    /* Header members, copied NUL-terminated into buffers of exactly the size needed. */
    size_t len = 0;
    char *typ = malloc(4);
    CHECK_STATUS(jwt_verified_typ(&v, typ, 4, &len), JWT_OK);
    CHECK_TEXT(typ, len, "JWT");
    CHECK(typ[3] == '\0');
    CHECK_STATUS(jwt_verified_typ(&v, typ, 3, &len), JWT_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jwt_verified_kid(&v, typ, 4, &len), JWT_ERR_CLAIM_ABSENT);
    free(typ);
    char *sub = malloc(7);
    CHECK_STATUS(jwt_verified_claim_str_copy(&v, JWT_LITERAL("sub"), sub, 7, &len), JWT_OK);
    CHECK_TEXT(sub, len, "user-1");
    CHECK(sub[6] == '\0');
    CHECK_STATUS(jwt_verified_claim_str_copy(&v, JWT_LITERAL("sub"), sub, 6, &len),
                 JWT_ERR_BUFFER_TOO_SMALL);
    free(sub);
    CHECK_STATUS(jwt_verified_claim_str_copy(&v, JWT_LITERAL("sub"), NULL, 0, &len),
                 JWT_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jwt_verified_claim_str_copy(&v, JWT_LITERAL("sub"), NULL, 7, &len),
                 JWT_ERR_NULL_POINTER);

    /* Bad arguments to the readers. */
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("sub"), NULL), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verified_claim_str(NULL, JWT_LITERAL("sub"), &s), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verified_claim_str(&v, NULL, 3, &s), JWT_ERR_NULL_POINTER);
    static const uint8_t not_utf8[] = {0xff, 0xfe};
    CHECK_STATUS(jwt_verified_claim_str(&v, not_utf8, 2, &s), JWT_ERR_NOT_UTF8);
    CHECK_STATUS(jwt_verified_exp(&v, NULL), JWT_ERR_NULL_POINTER);
    jwt_verified zeroed;
    memset(&zeroed, 0, sizeof zeroed);
    CHECK_STATUS(jwt_verified_exp(&zeroed, &date), JWT_ERR_UNINITIALIZED);
    union {
        jwt_verified v;
        uint8_t bytes[sizeof(jwt_verified) + 16];
    } storage;
    memcpy(storage.bytes + 8, &v, sizeof v);
    CHECK_STATUS(jwt_verified_exp((const jwt_verified *)(const void *)(storage.bytes + 8), &date),
                 JWT_ERR_MISALIGNED);

    /* A failed verification into the same storage leaves nothing readable behind. */
    free(scratch);
    CHECK_STATUS(verify(I03_EXPIRED, &key, &policy, jwt_time_at(NOW), &scratch, &v),
                 JWT_ERR_EXPIRED);
    CHECK_STATUS(jwt_verified_exp(&v, &date), JWT_ERR_UNINITIALIZED);
    free(scratch);
    CHECK_STATUS(jwt_key_clear(&key), JWT_OK);
}

/* Copies `token` with the character at `at` replaced by `with`. */
static char *edited(const char *token, size_t at, char with) {
    char *copy = malloc(strlen(token) + 1);
    strcpy(copy, token);
    copy[at] = with;
    return copy;
}

static void refusals(void) {
    jwt_key key;
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    jwt_str issuer = str_of(ISSUER), audience = str_of(AUDIENCE);
    jwt_policy policy = vector_policy(&issuer, &audience);
    jwt_time now = jwt_time_at(NOW);
    uint8_t *scratch;
    jwt_verified v;
#define REFUSED(token, pol, time, want)                                                        \
    do {                                                                                       \
        CHECK_STATUS(verify((token), &key, (pol), (time), &scratch, &v), (want));              \
        free(scratch);                                                                         \
    } while (0)

    REFUSED(I03_EXPIRED, &policy, now, JWT_ERR_EXPIRED);
    REFUSED(B01_NONE, &policy, now, JWT_ERR_ALGORITHM_NONE);
    REFUSED(A02_HS384, &policy, now, JWT_ERR_ALGORITHM_MISMATCH);
    REFUSED("abc", &policy, now, JWT_ERR_MALFORMED_TOKEN);
    /* A payload character changed, a signature character changed. */
    size_t payload = strchr(A01, '.') - A01 + 10;
    char *tampered = edited(A01, payload, A01[payload] == 'x' ? 'y' : 'x');
    REFUSED(tampered, &policy, now, JWT_ERR_INVALID_SIGNATURE);
    free(tampered);
    size_t signature = strrchr(A01, '.') - A01 + 1;
    char *flipped = edited(A01, signature, A01[signature] == 'A' ? 'B' : 'A');
    REFUSED(flipped, &policy, now, JWT_ERR_INVALID_SIGNATURE);
    free(flipped);

    /* The policy, field by field. */
    jwt_str other = str_of("other");
    jwt_policy p = vector_policy(&issuer, &other);
    REFUSED(A01, &p, now, JWT_ERR_INVALID_AUDIENCE);
    p = vector_policy(&other, &audience);
    REFUSED(A01, &p, now, JWT_ERR_INVALID_ISSUER);
    p = vector_policy(&issuer, &audience);
    p.audiences_len = 0;
    REFUSED(A01, &p, now, JWT_ERR_UNEXPECTED_AUDIENCE);
    p = vector_policy(&issuer, &audience);
    p.subject = str_of("user-2");
    REFUSED(A01, &p, now, JWT_ERR_INVALID_SUBJECT);
    p.subject = str_of("user-1");
    REFUSED(A01, &p, now, JWT_OK);
    p.typ = str_of("at+jwt");
    REFUSED(A01, &p, now, JWT_ERR_UNEXPECTED_TYPE);
    p = vector_policy(&issuer, &audience);
    p.required = JWT_CLAIM_EXP | JWT_CLAIM_NBF | JWT_CLAIM_IAT | JWT_CLAIM_ISS | JWT_CLAIM_SUB |
                 JWT_CLAIM_AUD | JWT_CLAIM_JTI;
    REFUSED(A01, &p, now, JWT_OK);
    p.required |= 1u << 10;
    REFUSED(A01, &p, now, JWT_ERR_INVALID_ARGUMENT);
    p = vector_policy(&issuer, &audience);
    p.max_age = 100;
    REFUSED(A01, &p, now, JWT_ERR_TOO_OLD);
    p.max_age = 1060;
    REFUSED(A01, &p, now, JWT_OK);
    p = vector_policy(&issuer, &audience);
    p.max_token_len = strlen(A01) - 1;
    REFUSED(A01, &p, now, JWT_ERR_TOKEN_TOO_LARGE);
    p = vector_policy(&issuer, &audience);
    p.max_header_len = 10;
    REFUSED(A01, &p, now, JWT_ERR_HEADER_TOO_LARGE);
    jwt_str names[JWT_MAX_POLICY_NAMES + 1];
    for (size_t i = 0; i <= JWT_MAX_POLICY_NAMES; i++) names[i] = issuer;
    p = vector_policy(&issuer, &audience);
    p.issuers = names;
    p.issuers_len = JWT_MAX_POLICY_NAMES;
    REFUSED(A01, &p, now, JWT_OK);
    p.issuers_len = JWT_MAX_POLICY_NAMES + 1;
    REFUSED(A01, &p, now, JWT_ERR_TOO_MANY_NAMES);
    p.issuers = NULL;
    p.issuers_len = 1;
    REFUSED(A01, &p, now, JWT_ERR_NULL_POINTER);
    p = vector_policy(&issuer, &audience);
    jwt_str bad = {(const uint8_t *)"\xff", 1};
    p.audiences = &bad;
    REFUSED(A01, &p, now, JWT_ERR_NOT_UTF8);

    /* Time: an instant, an interval, the named skip, and values that are none of these. */
    REFUSED(A01, &policy, jwt_time_within(NOW, NOW + 60), JWT_OK);
    REFUSED(I03_EXPIRED, &policy, jwt_time_within(NOW - 7200, NOW), JWT_ERR_CANNOT_ESTABLISH_FRESHNESS);
    REFUSED(I03_EXPIRED, &policy, jwt_time_dangerously_skip_checks(), JWT_OK);
    jwt_time zero_time;
    memset(&zero_time, 0, sizeof zero_time);
    REFUSED(A01, &policy, zero_time, JWT_ERR_INVALID_TIME);
    jwt_time uneven = jwt_time_at(NOW);
    uneven.latest = NOW + 1;
    REFUSED(A01, &policy, uneven, JWT_ERR_INVALID_TIME);

    /* Bad arguments to jwt_verify. */
    size_t need = jwt_scratch_len(strlen(A01));
    CHECK(need >= strlen(A01) / 2);
    uint8_t *small = malloc(16);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, &policy, now, small, 16, &v),
                 JWT_ERR_BUFFER_TOO_SMALL);
    free(small);
    uint8_t *exact = malloc(need);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, &policy, now, exact, need, &v),
                 JWT_OK);
    CHECK_STATUS(jwt_verify(NULL, 10, &key, &policy, now, exact, need, &v), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verify(NULL, 0, &key, &policy, now, exact, need, &v),
                 JWT_ERR_MALFORMED_TOKEN);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, SIZE_MAX, &key, &policy, now, exact, need, &v),
                 JWT_ERR_LENGTH_TOO_LARGE);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), NULL, &policy, now, exact, need, &v),
                 JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, NULL, now, exact, need, &v),
                 JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, &policy, now, NULL, need, &v),
                 JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, &policy, now, NULL, 0, &v),
                 JWT_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jwt_verify((const uint8_t *)A01, strlen(A01), &key, &policy, now, exact, need, NULL),
                 JWT_ERR_NULL_POINTER);
    free(exact);
#undef REFUSED
    CHECK_STATUS(jwt_key_clear(&key), JWT_OK);
}

static void signing(void) {
    jwt_key key, es_private, es_public, ed_private, ed_public_key;
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    jwt_sign_header header = jwt_sign_header_default();
    jwt_status status;
    jwt_policy policy = jwt_policy_default();
    jwt_time now = jwt_time_at(NOW);
    uint8_t *scratch;
    jwt_verified v;
    jwt_str s;

    /* Escapes, nesting and every JSON type, read back exactly. */
    static const char claims[] =
        "{\"\\u0073ub\":\"caf\\u00e9 \\\"x\\\"\",\"n\":-42,\"ok\":true,"
        "\"big\":18446744073709551615,\"f\":1.5,\"obj\":{\"a\":[1,2]},\"exp\":1700003600}";
    header.kid = str_of("key-1");
    char *token = sign(&key, &header, claims, &status);
    CHECK_STATUS(status, JWT_OK);
    CHECK_STATUS(verify(token, &key, &policy, now, &scratch, &v), JWT_OK);
    CHECK_STATUS(jwt_verified_claim_str(&v, JWT_LITERAL("sub"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "caf\xc3\xa9 \"x\"");
    CHECK_STATUS(jwt_verified_claim_json(&v, JWT_LITERAL("sub"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "\"caf\\u00e9 \\\"x\\\"\"");
    CHECK_STATUS(jwt_verified_claim_json(&v, JWT_LITERAL("obj"), &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "{\"a\":[1,2]}");
    int64_t number = 0;
    CHECK_STATUS(jwt_verified_claim_int(&v, JWT_LITERAL("n"), &number), JWT_OK);
    CHECK(number == -42);
    CHECK_STATUS(jwt_verified_claim_int(&v, JWT_LITERAL("big"), &number), JWT_ERR_CLAIM_TYPE);
    CHECK_STATUS(jwt_verified_claim_int(&v, JWT_LITERAL("f"), &number), JWT_ERR_CLAIM_TYPE);
    bool flag = false;
    CHECK_STATUS(jwt_verified_claim_bool(&v, JWT_LITERAL("ok"), &flag), JWT_OK);
    CHECK(flag);
    size_t len = 0;
    char kid[6];
    CHECK_STATUS(jwt_verified_kid(&v, kid, sizeof kid, &len), JWT_OK);
    CHECK_TEXT(kid, len, "key-1");
    free(scratch);
    free(token);
    header.kid.ptr = NULL;
    header.kid.len = 0;

    /* The exact length, and one byte less. */
    static const char simple[] = "{\"sub\":\"dev-1\",\"exp\":1700003600}";
    size_t need = 0, written = 0;
    CHECK_STATUS(jwt_signed_len(&key, &header, ARRAY(simple), &need), JWT_OK);
    uint8_t *out = malloc(need);
    CHECK_STATUS(jwt_sign(&key, &header, ARRAY(simple), out, need - 1, &written),
                 JWT_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jwt_sign(&key, &header, ARRAY(simple), out, need, &written), JWT_OK);
    CHECK(written == need);
    free(out);

    /* Claims refused as verification would refuse them. */
    token = sign(&key, &header, "{\"a\":1,\"a\":2}", &status);
    CHECK_STATUS(status, JWT_ERR_DUPLICATE_MEMBER);
    token = sign(&key, &header, "{\"exp\":\"soon\"}", &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_NUMERIC_DATE);
    token = sign(&key, &header, "{\"sub\":7}", &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_CLAIM);
    token = sign(&key, &header, "[1]", &status);
    CHECK_STATUS(status, JWT_ERR_NOT_AN_OBJECT);
    token = sign(&key, &header, "{\"a\":", &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_JSON);
    token = sign(&key, &header, "{\"a\":\"\xff\"}", &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_JSON);

    /* Header options. */
    header.typ = str_of("at+jwt");
    token = sign(&key, &header, simple, &status);
    CHECK_STATUS(status, JWT_OK);
    jwt_policy typed = jwt_policy_default();
    typed.typ = str_of("at+jwt");
    CHECK_STATUS(verify(token, &key, &typed, now, &scratch, &v), JWT_OK);
    free(scratch);
    free(token);
    header.options = JWT_HEADER_OMIT_TYP;
    token = sign(&key, &header, simple, &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_ARGUMENT);
    header.typ.ptr = NULL;
    header.typ.len = 0;
    token = sign(&key, &header, simple, &status);
    CHECK_STATUS(status, JWT_OK);
    CHECK_STATUS(verify(token, &key, &policy, now, &scratch, &v), JWT_OK);
    char typ[8];
    CHECK_STATUS(jwt_verified_typ(&v, typ, sizeof typ, &len), JWT_ERR_CLAIM_ABSENT);
    free(scratch);
    free(token);
    header.options = 1u << 5;
    token = sign(&key, &header, simple, &status);
    CHECK_STATUS(status, JWT_ERR_INVALID_ARGUMENT);
    header = jwt_sign_header_default();

    /* Bad arguments. */
    CHECK_STATUS(jwt_signed_len(&key, NULL, ARRAY(simple), &need), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_signed_len(&key, &header, ARRAY(simple), NULL), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_signed_len(NULL, &header, ARRAY(simple), &need), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_sign(&key, &header, NULL, 5, (uint8_t *)typ, sizeof typ, &written),
                 JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_sign(&key, &header, ARRAY(simple), NULL, 100, &written),
                 JWT_ERR_NULL_POINTER);

    /* ES256 and EdDSA: sign with the private key, verify with its public half. */
    CHECK_STATUS(jwt_key_es256_private(&es_private, ec_scalar, 32), JWT_OK);
    CHECK_STATUS(jwt_key_es256_public(&es_public, ec_sec1, 65), JWT_OK);
    token = sign(&es_private, &header, simple, &status);
    CHECK_STATUS(status, JWT_OK);
    CHECK_STATUS(verify(token, &es_public, &policy, now, &scratch, &v), JWT_OK);
    CHECK_STATUS(jwt_verified_algorithm(&v, &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "ES256");
    free(scratch);
    CHECK_STATUS(verify(token, &es_private, &policy, now, &scratch, &v), JWT_ERR_WRONG_KEY_TYPE);
    free(scratch);
    CHECK_STATUS(verify(token, &key, &policy, now, &scratch, &v), JWT_ERR_ALGORITHM_MISMATCH);
    free(scratch);
    free(token);
    token = sign(&es_public, &header, simple, &status);
    CHECK_STATUS(status, JWT_ERR_WRONG_KEY_TYPE);
    CHECK_STATUS(jwt_key_ed25519_private(&ed_private, ed_seed, 32), JWT_OK);
    CHECK_STATUS(jwt_key_public(&ed_public_key, &ed_private), JWT_OK);
    token = sign(&ed_private, &header, simple, &status);
    CHECK_STATUS(status, JWT_OK);
    CHECK_STATUS(verify(token, &ed_public_key, &policy, now, &scratch, &v), JWT_OK);
    CHECK_STATUS(jwt_verified_algorithm(&v, &s), JWT_OK);
    CHECK_TEXT(s.ptr, s.len, "EdDSA");
    free(scratch);
    free(token);
    jwt_key_clear(&key);
    jwt_key_clear(&es_private);
    jwt_key_clear(&es_public);
    jwt_key_clear(&ed_private);
    jwt_key_clear(&ed_public_key);
}

/* A stand-in for a secure element: it "signs" by handing back a signature made earlier for
   the one message it expects, or a faulty one. */
enum backend_mode { GOOD, ZERO, DER, SHORT, FAILS, WRONG_MESSAGE };

struct backend {
    const char *message;
    size_t message_len;
    uint8_t signature[64];
    enum backend_mode mode;
    unsigned calls;
};

static int backend_sign(void *ctx, const uint8_t *msg, size_t msg_len, uint8_t *sig,
                        size_t sig_cap, size_t *sig_len) {
    struct backend *b = ctx;
    b->calls++;
    if (msg_len != b->message_len || memcmp(msg, b->message, msg_len) != 0 || sig_cap < 64) {
        return -1;
    }
    switch (b->mode) {
    case GOOD:
        memcpy(sig, b->signature, 64);
        *sig_len = 64;
        return 0;
    case ZERO:
        memset(sig, 0, 64);
        *sig_len = 64;
        return 0;
    case DER: /* What a backend returning ASN.1 DER would report: 70-odd bytes. */
        memset(sig, 0x30, 64);
        *sig_len = 70;
        return 0;
    case SHORT:
        memcpy(sig, b->signature, 63);
        *sig_len = 63;
        return 0;
    case FAILS:
        return -7;
    case WRONG_MESSAGE:
        memcpy(sig, b->signature, 64);
        sig[10] ^= 1;
        *sig_len = 64;
        return 0;
    }
    return -1;
}

static void opaque_signer_for(jwt_key *private_key) {
    jwt_key public_key;
    CHECK_STATUS(jwt_key_public(&public_key, private_key), JWT_OK);
    jwt_sign_header header = jwt_sign_header_default();
    static const char claims[] = "{\"sub\":\"device-7\",\"exp\":1700003600}";
    jwt_status status;
    /* The reference token, signed in software; the backend returns its signature. */
    char *reference = sign(private_key, &header, claims, &status);
    CHECK_STATUS(status, JWT_OK);
    const char *dot = strrchr(reference, '.');
    struct backend b;
    memset(&b, 0, sizeof b);
    b.message = reference;
    b.message_len = (size_t)(dot - reference);
    CHECK(b64url_decode(dot + 1, strlen(dot + 1), b.signature, 64) == 64);
    jwt_signer signer = {&b, backend_sign, 0};

    size_t need = 0, written = 0;
    CHECK_STATUS(jwt_sign_opaque_len(&public_key, &header, ARRAY(claims), &need), JWT_OK);
    CHECK(need == strlen(reference));
    CHECK_STATUS(jwt_signed_len(&public_key, &header, ARRAY(claims), &need),
                 JWT_ERR_WRONG_KEY_TYPE);
    CHECK_STATUS(jwt_sign_opaque_len(private_key, &header, ARRAY(claims), &need),
                 JWT_ERR_WRONG_KEY_TYPE);
    uint8_t *out = malloc(need);
    b.mode = GOOD;
    CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_OK);
    CHECK(written == need && memcmp(out, reference, need) == 0);
    CHECK(b.calls == 1);
    enum backend_mode faulty[] = {ZERO, DER, SHORT, WRONG_MESSAGE};
    for (size_t i = 0; i < sizeof faulty / sizeof faulty[0]; i++) {
        b.mode = faulty[i];
        CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out,
                                     need, &written),
                     JWT_ERR_SIGNER_FAULT);
    }
    b.mode = FAILS;
    CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_ERR_SIGNER_FAILED);
    /* Without the self-check a zero signature leaves the device, and is refused on arrival. */
    b.mode = ZERO;
    signer.options = JWT_SIGNER_WITHOUT_SELF_CHECK;
    CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_OK);
    uint8_t *scratch = malloc(jwt_scratch_len(written));
    jwt_policy policy = jwt_policy_default();
    jwt_verified v;
    CHECK_STATUS(jwt_verify(out, written, &public_key, &policy, jwt_time_at(NOW), scratch,
                            jwt_scratch_len(written), &v),
                 JWT_ERR_INVALID_SIGNATURE);
    free(scratch);
    /* Bad arguments. */
    signer.options = 1u << 4;
    CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_ERR_INVALID_ARGUMENT);
    signer.options = 0;
    b.mode = GOOD;
    CHECK_STATUS(jwt_sign_opaque(&signer, &public_key, &header, ARRAY(claims), out,
                                 need - 1, &written),
                 JWT_ERR_BUFFER_TOO_SMALL);
    CHECK_STATUS(jwt_sign_opaque(&signer, private_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_ERR_WRONG_KEY_TYPE);
    jwt_signer no_callback = {&b, NULL, 0};
    CHECK_STATUS(jwt_sign_opaque(&no_callback, &public_key, &header, ARRAY(claims), out,
                                 need, &written),
                 JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_sign_opaque(NULL, &public_key, &header, ARRAY(claims), out, need,
                                 &written),
                 JWT_ERR_NULL_POINTER);
    free(out);
    free(reference);
    jwt_key_clear(&public_key);
}

static void opaque_signers(void) {
    jwt_key key;
    CHECK_STATUS(jwt_key_es256_private(&key, ec_scalar, 32), JWT_OK);
    opaque_signer_for(&key);
    CHECK_STATUS(jwt_key_ed25519_private(&key, ed_seed, 32), JWT_OK);
    opaque_signer_for(&key);
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    jwt_signer signer = {NULL, backend_sign, 0};
    jwt_sign_header header = jwt_sign_header_default();
    uint8_t out[8];
    size_t written;
    CHECK_STATUS(jwt_sign_opaque(&signer, &key, &header, JWT_LITERAL("{}"), out, sizeof out,
                                 &written),
                 JWT_ERR_WRONG_KEY_TYPE);
    jwt_key_clear(&key);
}

static jwt_status verify_once(const char *token, const jwt_key *key, jwt_replay_guard *guard) {
    jwt_str issuer = str_of(ISSUER), audience = str_of(AUDIENCE);
    jwt_policy policy = vector_policy(&issuer, &audience);
    policy.issuers_len = 0;
    size_t len;
    uint8_t *scratch = scratch_for(token, &len);
    jwt_verified v;
    jwt_status status = jwt_verify_once((const uint8_t *)token, strlen(token), key, &policy,
                                        jwt_time_at(NOW), guard, scratch, len, &v);
    free(scratch);
    return status;
}

static void replay_guard(void) {
    jwt_key key;
    CHECK_STATUS(jwt_key_hs256(&key, hs_secret, 64), JWT_OK);
    static const uint8_t device_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    jwt_replay_guard *guard = malloc(sizeof *guard);
    CHECK_STATUS(jwt_replay_guard_init(guard, NULL), JWT_ERR_NULL_POINTER);
    CHECK_STATUS(jwt_replay_guard_init(NULL, device_key), JWT_ERR_NULL_POINTER);
    memset(guard, 0, sizeof *guard);
    CHECK_STATUS(verify_once(A01, &key, guard), JWT_ERR_UNINITIALIZED);
    CHECK_STATUS(jwt_replay_guard_init(guard, device_key), JWT_OK);

    CHECK_STATUS(verify_once(A01, &key, guard), JWT_OK);
    CHECK_STATUS(verify_once(A01, &key, guard), JWT_ERR_REPLAYED);
    CHECK_STATUS(verify_once(I03_EXPIRED, &key, guard), JWT_ERR_EXPIRED);
    jwt_sign_header header = jwt_sign_header_default();
    jwt_status status;
    char *without_jti = sign(&key, &header, "{\"aud\":\"device-42\",\"exp\":1700003600}", &status);
    CHECK_STATUS(verify_once(without_jti, &key, guard), JWT_ERR_MISSING_CLAIM);
    free(without_jti);
    CHECK_STATUS(jwt_replay_guard_revoke(guard, JWT_LITERAL("r1"), NOW + 3600, jwt_time_at(NOW)),
                 JWT_OK);
    char *revoked = sign(&key, &header, "{\"jti\":\"r1\",\"aud\":\"device-42\",\"exp\":1700003600}", &status);
    CHECK_STATUS(verify_once(revoked, &key, guard), JWT_ERR_REVOKED);
    free(revoked);
    CHECK_STATUS(jwt_replay_guard_revoke(guard, NULL, 2, NOW, jwt_time_at(NOW)),
                 JWT_ERR_NULL_POINTER);

    /* Filled to capacity with unexpired tokens, the guard refuses rather than forgets. */
    unsigned accepted = 0;
    jwt_status last = JWT_OK;
    for (int i = 0; i < JWT_REPLAY_CAPACITY + 2 && last == JWT_OK; i++) {
        char claims[64];
        snprintf(claims, sizeof claims, "{\"jti\":\"j%d\",\"aud\":\"device-42\",\"exp\":1700003600}", i);
        char *token = sign(&key, &header, claims, &status);
        last = verify_once(token, &key, guard);
        if (last == JWT_OK) accepted++;
        free(token);
    }
    CHECK_STATUS(last, JWT_ERR_REPLAY_GUARD_FULL);
    /* The capacity holds A01's jti, r1's revocation and the jN accepted here. */
    CHECK(accepted + 2 == JWT_REPLAY_CAPACITY);

    CHECK_STATUS(jwt_replay_guard_clear(guard), JWT_OK);
    for (size_t i = 0; i < JWT_REPLAY_GUARD_WORDS; i++) CHECK(guard->words[i] == 0);
    CHECK_STATUS(verify_once(A01, &key, guard), JWT_ERR_UNINITIALIZED);
    CHECK_STATUS(jwt_replay_guard_clear(NULL), JWT_ERR_NULL_POINTER);
    free(guard);
    jwt_key_clear(&key);
}

void api_tests(void) {
    decode_keys();
    error_names();
    hmac_keys();
    asymmetric_keys();
    verify_and_read();
    refusals();
    signing();
    opaque_signers();
    replay_guard();
}
