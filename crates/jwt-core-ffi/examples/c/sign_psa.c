#include <stdio.h>

#include "jwt_core.h"
#include "psa/crypto.h"

/* The signer: the device key never leaves its PSA key slot. */
static int psa_sign(void *ctx, const uint8_t *msg, size_t msg_len, uint8_t *sig,
                    size_t sig_cap, size_t *sig_len) {
    psa_key_id_t key_id = *(const psa_key_id_t *)ctx;
    psa_status_t status = psa_sign_message(key_id, PSA_ALG_ECDSA(PSA_ALG_SHA_256), msg,
                                           msg_len, sig, sig_cap, sig_len);
    return status == PSA_SUCCESS ? 0 : -1;
}

/* Mints a ten-minute device token into `out`. `public_key` is the slot's public key:
   jwt_key_es256_public over the 65 bytes psa_export_public_key gives. Every signature is
   checked against it before the token is written (a faulty backend: JWT_ERR_SIGNER_FAULT). */
jwt_status mint(psa_key_id_t key_id, const jwt_key *public_key, uint64_t now, uint8_t *out,
                size_t out_cap, size_t *out_len) {
    jwt_signer signer = {&key_id, psa_sign, 0};
    jwt_sign_header header = jwt_sign_header_default();
    header.kid.ptr = (const uint8_t *)"device-42";
    header.kid.len = 9;
    char claims[96];
    int len = snprintf(claims, sizeof claims, "{\"sub\":\"device-42\",\"iat\":%llu,\"exp\":%llu}",
                       (unsigned long long)now, (unsigned long long)(now + 600));
    if (len < 0 || (size_t)len >= sizeof claims) return JWT_ERR_BUFFER_TOO_SMALL;
    return jwt_sign_opaque(&signer, public_key, &header, (const uint8_t *)claims, (size_t)len,
                           out, out_cap, out_len);
}
