"""Makes the identity-provider-shaped JWKS and the tokens of tests/suite/keyset_idp.rs.

Run once with PyJWT and cryptography; the outputs are committed so the tests run from a
plain clone:  python tests/vectors/jwks/generate.py
"""

import base64
import datetime
import hashlib
import json
import pathlib

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

HERE = pathlib.Path(__file__).parent


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def certificate(key) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example")])
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.DER)


def rsa_jwk(key, kid, alg):
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    der = certificate(key)
    jwk.update(kid=kid, use="sig", x5c=[base64.b64encode(der).decode()],
               x5t=b64(hashlib.sha1(der).digest()))
    jwk["x5t#S256"] = b64(hashlib.sha256(der).digest())
    if alg:
        jwk["alg"] = alg
    return jwk


keys = {
    "rs-2025": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "rs-2026": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "ps-1": rsa.generate_private_key(public_exponent=65537, key_size=3072),
    "no-alg": rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "short": rsa.generate_private_key(public_exponent=65537, key_size=1024),
    "ec-1": ec.generate_private_key(ec.SECP256R1()),
}
entries = [
    rsa_jwk(keys["rs-2025"], "rs-2025", "RS256"),
    rsa_jwk(keys["rs-2026"], "rs-2026", "RS256"),
    rsa_jwk(keys["ps-1"], "ps-1", "PS256"),
    rsa_jwk(keys["no-alg"], "no-alg", None),
    rsa_jwk(keys["short"], "short", "RS256"),
    dict(json.loads(ECAlgorithm.to_jwk(keys["ec-1"].public_key())), kid="ec-1", alg="ES256", use="sig"),
    dict(rsa_jwk(keys["rs-2026"], "enc-1", None), use="enc"),
    dict(rsa_jwk(keys["rs-2025"], "rs-2025", "RS256")),
]
(HERE / "idp-jwks.json").write_text(json.dumps({"keys": entries}, indent=1) + "\n")

claims = {"iss": "https://idp.example", "aud": "api", "sub": "user-1", "exp": 2_000_000_000}
expired = dict(claims, exp=1_000)
tokens = {
    "rs-2025": jwt.encode(claims, keys["rs-2025"], algorithm="RS256", headers={"kid": "rs-2025"}),
    "rs-2026": jwt.encode(claims, keys["rs-2026"], algorithm="RS256", headers={"kid": "rs-2026"}),
    "ps-1": jwt.encode(claims, keys["ps-1"], algorithm="PS256", headers={"kid": "ps-1"}),
    "no-alg": jwt.encode(claims, keys["no-alg"], algorithm="RS256", headers={"kid": "no-alg"}),
    "ec-1": jwt.encode(claims, keys["ec-1"], algorithm="ES256", headers={"kid": "ec-1"}),
    "rs-2026-expired": jwt.encode(expired, keys["rs-2026"], algorithm="RS256", headers={"kid": "rs-2026"}),
    "rs-2026-no-kid": jwt.encode(claims, keys["rs-2026"], algorithm="RS256"),
    "rs-2026-expired-no-kid": jwt.encode(expired, keys["rs-2026"], algorithm="RS256"),
    "short": jwt.encode(claims, keys["short"], algorithm="RS256", headers={"kid": "short"}),
}
(HERE / "idp-tokens.json").write_text(json.dumps(tokens, indent=1) + "\n")
