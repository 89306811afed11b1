#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/seeds/<target>/ from the repository's test vectors.

Run from the repository root: python3 fuzz/seed.py. Deterministic: file names are hashes.
"""
import base64
import hashlib
import json
import os
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.join(ROOT, "tests", "vectors")
SEEDS = os.path.join(ROOT, "fuzz", "seeds")


def load(name):
    with open(os.path.join(VECTORS, name)) as f:
        return json.load(f)


def write(target, data):
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha256(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def unb64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def c_abi_prefix(signed):
    """The fixed fields of the c_abi target's input (its body is
    crates/jwt-core-ffi/tests/fuzz_body/c_abi.rs), little-endian as the arbitrary crate reads
    them: MAC'd or raw, time At 1700000000, 60 s of leeway, exp required, the vectors' issuer and
    audience, depth 16, the full scratch, and three claims to read."""
    fields = struct.pack("<BIQIHB", signed, 0, 1700000000, 0, 60, 1)
    return fields + bytes([1, 9, 1, 10, 0, 0, 0, 16, 0, 0, 0, 64, 1, 8, 3, 2])


tokens = [v["token"] for v in load("jwt-attack-vectors.json")["vectors"]]
tokens += [t["jws"] for g in load("json_web_signature_test.json")["testGroups"] for t in g["tests"]][:120]
tokens += [v["token"] for v in load("rfc-jws-examples.json")["vectors"]]
for token in tokens:
    for target in ["peek", "verify_hmac", "verify_ecdsa", "verify_eddsa", "verify_rsa"]:
        write(target, token.encode())
    parts = token.split(".")
    if len(parts) >= 2:
        try:
            header, payload = unb64(parts[0]), unb64(parts[1])
        except Exception:
            continue
        write("differential", header + b"\xff" + payload)
        write("signed_claims", header + payload)
        write("c_abi", c_abi_prefix(1) + header + b"\xff" + payload)
    write("c_abi", c_abi_prefix(0) + token.encode())

jwks = [v["jwk"] for v in load("jwt-attack-vectors.json")["keys"].values()]
for g in load("json_web_signature_test.json")["testGroups"]:
    jwks += [g[k] for k in ("public", "private") if k in g]
for g in load("ecdsa_secp256r1_sha256_p1363_test.json")["testGroups"][:3]:
    jwks.append(g["publicKeyJwk"])
for jwk in jwks:
    write("jwk", json.dumps(jwk).encode())
write("jwk", json.dumps({"keys": jwks[:6]}).encode())
for name in sorted(os.listdir(os.path.join(VECTORS, "keys"))):
    if name.endswith((".pem", ".jwk", ".der")):
        with open(os.path.join(VECTORS, "keys", name), "rb") as f:
            write("jwk", f.read())

for claims in [b'{"exp":9,"sub":"a\\"b"}', b'{"list":["x"],"map":{"a":1},"nested":[[true,null]]}', b"\x00" * 64, bytes(range(256))]:
    write("round_trip", claims)
    write("signed_claims", claims)

# key_set: for each RFC example, a JWKS of its own verification key and the keys of the other
# algorithms (RSA, EC, OKP, oct), a NUL, the token; then every other token against the lot.
# Each key carries its example's `alg`: a set never guesses the algorithm of an oct or RSA key.
rfc = [v for v in load("rfc-jws-examples.json")["vectors"] if isinstance(v.get("verification_jwk"), dict)]
for v in rfc:
    # An oct verification key is the signing key: the example's `key_jwk` holds its `k`.
    jwk = v["key_jwk"] if v["verification_jwk"].get("kty") == "oct" else v["verification_jwk"]
    v["verification_jwk"] = dict(jwk, alg=v["alg"])
for v in rfc:
    keys = [v["verification_jwk"]] + [w["verification_jwk"] for w in rfc if w["alg"] != v["alg"]]
    write("key_set", json.dumps({"keys": keys}).encode() + b"\x00" + v["token"].encode())
everything = json.dumps({"keys": [dict(v["verification_jwk"], kid="k%d" % i) for i, v in enumerate(rfc)]})
for token in tokens[:40]:
    write("key_set", everything.encode() + b"\x00" + token.encode())
