/* Just enough of the PSA Crypto API for examples/c/sign_psa.c to compile and run on the host:
   psa_sign_message is psa_stub.c's, which answers with a signature made earlier. */
#ifndef PSA_CRYPTO_H
#define PSA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t psa_status_t;
typedef uint32_t psa_key_id_t;
typedef uint32_t psa_algorithm_t;

#define PSA_SUCCESS ((psa_status_t)0)
#define PSA_ERROR_GENERIC_ERROR ((psa_status_t)-132)
#define PSA_ALG_SHA_256 ((psa_algorithm_t)0x02000009)
#define PSA_ALG_ECDSA(hash) ((psa_algorithm_t)(0x06000600 | ((hash)&0xff)))

psa_status_t psa_sign_message(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input,
                              size_t input_length, uint8_t *signature, size_t signature_size,
                              size_t *signature_length);

/* The stub's one answer: for `key` and exactly `message`, this 64-byte signature. */
void psa_stub_answer(psa_key_id_t key, const uint8_t *message, size_t message_len,
                     const uint8_t signature[64]);

#endif
