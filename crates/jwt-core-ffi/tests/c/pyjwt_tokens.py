"""Tokens minted by PyJWT, as a token file for the C suite (the format is in vectors_test.c).

Every algorithm the C API verifies, under the keys of RFC 7515 A.1 and A.3 and RFC 8037 A.1,
accepted with their `sub`; and PyJWT's own expired, wrong-audience, unsigned and
wrong-algorithm tokens, each with the error jwt-core gives it.

    python pyjwt_tokens.py > pyjwt-tokens.txt
    JWT_FFI_EXTRA_TOKENS=pyjwt-tokens.txt cargo test -p jwt-core-ffi --test c_api
"""

import base64
import json
import sys

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

NOW = 1700000000
LEEWAY = 60
ISSUER = "https://issuer.example"
AUDIENCE = "device-42"


def b64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


HS_SECRET = b64("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
EC_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
}
EC_D = b64("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI")
OKP_JWK = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
ED_SEED = b64("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")


def claims(**changes):
    base = {
        "iss": ISSUER,
        "sub": "pyjwt-\u00e9\u20ac",
        "aud": AUDIENCE,
        "iat": NOW - 60,
        "nbf": NOW - 60,
        "exp": NOW + 600,
        "jti": "py-1",
    }
    base.update(changes)
    return base


def line(ident, kind, key_text, token, outcome, sub=None):
    fields = ["V", ident, kind, key_text, token.encode().hex() or "-", outcome]
    if sub is not None:
        fields.append(sub)
    return " ".join(fields)


def main():
    ec_key = ec.derive_private_key(int.from_bytes(EC_D, "big"), ec.SECP256R1())
    ed_key = ed25519.Ed25519PrivateKey.from_private_bytes(ED_SEED)
    ec_text = json.dumps(EC_JWK, separators=(",", ":"))
    okp_text = json.dumps(OKP_JWK, separators=(",", ":"))
    keys = [
        ("HS256", "hs256", HS_SECRET[:32], HS_SECRET[:32].hex()),
        ("HS384", "hs384", HS_SECRET[:48], HS_SECRET[:48].hex()),
        ("HS512", "hs512", HS_SECRET, HS_SECRET.hex()),
        ("ES256", "es256-jwk", ec_key, ec_text),
        ("EdDSA", "ed25519-jwk", ed_key, okp_text),
    ]
    out = [f"# minted by PyJWT {jwt.__version__}", f"P {NOW} {LEEWAY} {ISSUER} {AUDIENCE}"]
    for alg, kind, signing_key, key_text in keys:
        body = claims()
        token = jwt.encode(body, signing_key, algorithm=alg, headers={"kid": "py"})
        out.append(line(f"pyjwt-{alg}", kind, key_text, token, "ok", body["sub"]))
        expired = jwt.encode(claims(exp=NOW - 3600), signing_key, algorithm=alg)
        out.append(line(f"pyjwt-{alg}-expired", kind, key_text, expired, "expired"))
        elsewhere = jwt.encode(claims(aud="elsewhere"), signing_key, algorithm=alg)
        out.append(line(f"pyjwt-{alg}-audience", kind, key_text, elsewhere, "invalid-audience"))
    unsigned = jwt.encode(claims(), None, algorithm="none")
    out.append(line("pyjwt-none", "hs256", HS_SECRET[:32].hex(), unsigned, "algorithm-none"))
    hs384 = jwt.encode(claims(), HS_SECRET[:48], algorithm="HS384")
    out.append(line("pyjwt-hs384-as-hs256", "hs256", HS_SECRET[:48].hex(), hs384, "algorithm-mismatch"))
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
