/* A PSA key slot that signs one message: the answer the test prepared with a software key. */
#include <string.h>

#include "psa/crypto.h"

static psa_key_id_t answer_key;
static const uint8_t *answer_message;
static size_t answer_len;
static uint8_t answer_signature[64];

void psa_stub_answer(psa_key_id_t key, const uint8_t *message, size_t message_len,
                     const uint8_t signature[64]) {
    answer_key = key;
    answer_message = message;
    answer_len = message_len;
    memcpy(answer_signature, signature, 64);
}

psa_status_t psa_sign_message(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input,
                              size_t input_length, uint8_t *signature, size_t signature_size,
                              size_t *signature_length) {
    if (key != answer_key || alg != PSA_ALG_ECDSA(PSA_ALG_SHA_256) || signature_size < 64 ||
        input_length != answer_len || memcmp(input, answer_message, input_length) != 0) {
        return PSA_ERROR_GENERIC_ERROR;
    }
    memcpy(signature, answer_signature, 64);
    *signature_length = 64;
    return PSA_SUCCESS;
}
