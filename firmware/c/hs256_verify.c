/* HS256 verify + validate from C, with the checks of the Rust image src/bin/hs256_verify.rs: a
   valid token, and each way a token must be refused, with its exact status. */
#include <stddef.h>

#include "harness.h"
#include "jwt_core.h"
#include "tokens.h"

static const jwt_str ISSUERS[1] = {{(const uint8_t *)ISSUER, sizeof ISSUER - 1}};
static const jwt_str AUDIENCES[1] = {{(const uint8_t *)AUDIENCE, sizeof AUDIENCE - 1}};

struct request {
    const jwt_key *key;
    const jwt_policy *policy;
    const uint8_t *token;
    size_t token_len;
};

/* Verifies into a scratch buffer and a handle on the stack (counted in the stack figure). */
static int verify(const void *arg) {
    const struct request *r = arg;
    uint8_t scratch[256];
    jwt_verified verified;
    return jwt_verify(r->token, r->token_len, r->key, r->policy, jwt_time_at(NOW), scratch,
                      sizeof scratch, &verified);
}

static void refused(struct request *r, const char *what, const uint8_t *token, size_t len,
                    jwt_status want) {
    r->token = token;
    r->token_len = len;
    check(what, verify(r), want);
}

int main(void) {
    check_start("c-hs256-verify");
    jwt_key key;
    check("key", jwt_key_hs256(&key, HS256_SECRET, sizeof HS256_SECRET), JWT_OK);
    jwt_policy policy = jwt_policy_default();
    policy.issuers = ISSUERS;
    policy.issuers_len = 1;
    policy.audiences = AUDIENCES;
    policy.audiences_len = 1;
    policy.required = JWT_CLAIM_EXP | JWT_CLAIM_NBF;
    struct request r = {&key, &policy, HS256_VALID, sizeof HS256_VALID};
    check("valid token", measure(verify, &r), JWT_OK);
    refused(&r, "tampered payload", HS256_TAMPERED_PAYLOAD, sizeof HS256_TAMPERED_PAYLOAD,
            JWT_ERR_INVALID_SIGNATURE);
    refused(&r, "flipped signature character", HS256_FLIPPED_SIGNATURE,
            sizeof HS256_FLIPPED_SIGNATURE, JWT_ERR_INVALID_SIGNATURE);
    refused(&r, "expired", HS256_EXPIRED, sizeof HS256_EXPIRED, JWT_ERR_EXPIRED);
    refused(&r, "wrong audience", HS256_WRONG_AUDIENCE, sizeof HS256_WRONG_AUDIENCE,
            JWT_ERR_INVALID_AUDIENCE);
    refused(&r, "alg none", ALG_NONE, sizeof ALG_NONE, JWT_ERR_ALGORITHM_NONE);
    refused(&r, "duplicate header member", DUPLICATE_HEADER, sizeof DUPLICATE_HEADER,
            JWT_ERR_DUPLICATE_MEMBER);
    jwt_key_clear(&key);
    check_finish();
}
