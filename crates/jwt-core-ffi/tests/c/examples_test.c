/* The README's C examples (examples/c/), run: the verify example on a token minted here and on
   the attack vectors' expired token, the PSA example against a stub slot whose one signature
   was made with the same key in software, so its token must equal the software token. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "psa/crypto.h"

jwt_status check_token(const uint8_t secret[32], const char *token, uint64_t now);
jwt_status mint(psa_key_id_t key_id, const jwt_key *public_key, uint64_t now, uint8_t *out,
                size_t out_cap, size_t *out_len);

#define NOW 1700000000u

static void verify_example(void) {
    static const uint8_t secret[32] = "an example secret of 32 bytes!!";
    static const char claims[] = "{\"iss\":\"https://issuer.example\",\"sub\":\"sensor-7\","
                                 "\"aud\":\"device-42\",\"nbf\":1699999000,\"exp\":1700003600}";
    jwt_key key;
    CHECK_STATUS(jwt_key_hs256(&key, secret, 32), JWT_OK);
    jwt_sign_header header = jwt_sign_header_default();
    uint8_t token[400];
    size_t len = 0;
    CHECK_STATUS(jwt_sign(&key, &header, (const uint8_t *)claims, sizeof claims - 1, token,
                          sizeof token - 1, &len),
                 JWT_OK);
    token[len] = '\0';
    CHECK_STATUS(check_token(secret, (const char *)token, NOW), JWT_OK);
    CHECK_STATUS(check_token(secret, (const char *)token, NOW + 7200), JWT_ERR_EXPIRED);
    token[len / 2] = token[len / 2] == 'A' ? 'B' : 'A';
    CHECK_STATUS(check_token(secret, (const char *)token, NOW), JWT_ERR_INVALID_SIGNATURE);
    jwt_key_clear(&key);
}

static void psa_example(void) {
    static const uint8_t scalar[32] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                                       7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    static const char claims[] = "{\"sub\":\"device-42\",\"iat\":1700000000,\"exp\":1700000600}";
    jwt_key software, public_key;
    CHECK_STATUS(jwt_key_es256_private(&software, scalar, 32), JWT_OK);
    CHECK_STATUS(jwt_key_public(&public_key, &software), JWT_OK);
    jwt_sign_header header = jwt_sign_header_default();
    header.kid.ptr = (const uint8_t *)"device-42";
    header.kid.len = 9;
    uint8_t reference[400], token[400];
    size_t reference_len = 0, len = 0;
    CHECK_STATUS(jwt_sign(&software, &header, (const uint8_t *)claims, sizeof claims - 1,
                          reference, sizeof reference, &reference_len),
                 JWT_OK);
    const uint8_t *dot = (const uint8_t *)memchr(reference, '.', reference_len);
    dot = (const uint8_t *)memchr(dot + 1, '.', reference_len - (size_t)(dot + 1 - reference));
    uint8_t signature[64];
    size_t signed_len = (size_t)(dot - reference);
    CHECK(b64url_decode((const char *)dot + 1, reference_len - signed_len - 1, signature, 64) ==
          64);
    psa_stub_answer(3, reference, signed_len, signature);
    CHECK_STATUS(mint(3, &public_key, NOW, token, sizeof token, &len), JWT_OK);
    CHECK(len == reference_len && memcmp(token, reference, len) == 0);
    /* Another slot: PSA refuses, the callback says so. */
    CHECK_STATUS(mint(4, &public_key, NOW, token, sizeof token, &len), JWT_ERR_SIGNER_FAILED);
    jwt_key_clear(&software);
    jwt_key_clear(&public_key);
}

void examples_tests(void) {
    verify_example();
    psa_example();
}
