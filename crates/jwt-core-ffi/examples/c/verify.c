#include <stdio.h>
#include <string.h>

#include "jwt_core.h"

/* Verifies a device's HS256 token: issuer and audience pinned, `exp` and `nbf` required. */
jwt_status check_token(const uint8_t secret[32], const char *token, uint64_t now) {
    static const jwt_str issuer = {(const uint8_t *)"https://issuer.example", 22};
    static const jwt_str audience = {(const uint8_t *)"device-42", 9};
    jwt_policy policy = jwt_policy_default();
    policy.issuers = &issuer;
    policy.issuers_len = 1;
    policy.audiences = &audience;
    policy.audiences_len = 1;
    policy.required = JWT_CLAIM_EXP | JWT_CLAIM_NBF;

    jwt_key key;
    jwt_status status = jwt_key_hs256(&key, secret, 32);
    uint8_t scratch[390]; /* jwt_scratch_len(256): any token of up to 256 bytes */
    jwt_verified verified;
    if (status == JWT_OK) {
        status = jwt_verify((const uint8_t *)token, strlen(token), &key, &policy,
                            jwt_time_at(now), scratch, sizeof scratch, &verified);
    }
    jwt_key_clear(&key);
    jwt_str sub;
    if (status == JWT_OK && jwt_verified_claim_str(&verified, JWT_LITERAL("sub"), &sub) == JWT_OK) {
        printf("accepted: sub %.*s\n", (int)sub.len, (const char *)sub.ptr);
    } else {
        printf("refused: %s\n", jwt_error_code(status));
    }
    return status;
}
