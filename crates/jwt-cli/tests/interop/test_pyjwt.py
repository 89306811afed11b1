"""Interop between the `jwt` command line and PyJWT, both ways.

Run by .ci/run in a venv with `pyjwt` and `cryptography`:
    JWT_BIN=target/debug/jwt python -m unittest discover -s crates/jwt-cli/tests/interop -v
"""

import json
import os
import subprocess
import time
import unittest

import jwt as pyjwt

JWT_BIN = os.environ.get("JWT_BIN", "target/debug/jwt")
NOW = 1_700_000_000
SECRETS = {
    "HS256": b"k" * 32 + b"-interop-256",
    "HS384": b"k" * 48 + b"-interop-384",
    "HS512": b"k" * 64 + b"-interop-512",
}

KEYS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "tests", "vectors", "keys")
ASYMMETRIC = {
    "ES256": ("p256-pkcs8.pem", "p256-spki.pem"),
    "ES384": ("p384-pkcs8.pem", "p384-spki.pem"),
    "EdDSA": ("ed25519-pkcs8.pem", "ed25519-spki.pem"),
    "RS256": ("rsa2048-pkcs8.pem", "rsa2048-spki.pem"),
    "RS512": ("rsa2048-pkcs1.pem", "rsa2048-spki.pem"),
    "PS256": ("rsa2048-pkcs8.pem", "rsa2048-spki.pem"),
    "PS384": ("rsa2048-pkcs8.pem", "rsa2048-spki.pem"),
}


def pem(name):
    with open(os.path.join(KEYS, name), "rb") as f:
        return f.read()


CLAIM_SETS = [
    {"sub": "ascii", "exp": NOW + 3600},
    {"sub": "zoë 😀 \u2028 \"quoted\" \\ back", "exp": NOW + 3600, "名前": "名無し"},
    {"exp": NOW + 3600, "nested": {"a": [1, 2, {"b": None, "c": True}], "d": {"e": {"f": "g"}}}},
    {"exp": NOW + 3600, "float": 1.5, "neg": -0.25, "big": 12345678901234567, "tiny": 1e-7},
    {"exp": NOW + 3600, "large": ["x" * 40 for _ in range(30)], "pad": "y" * 1500},
    {"exp": NOW + 3600.5, "nbf": NOW - 10, "iat": NOW - 10, "iss": "https://issuer.example", "aud": ["api", "web"]},
]


def run(*args, stdin=None):
    return subprocess.run([JWT_BIN, *args], input=stdin, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def key_args(alg):
    return ["--alg", alg, "--key-hex", SECRETS[alg].hex()]


class PyJwtToCli(unittest.TestCase):
    def test_cli_accepts_pyjwt_tokens_with_the_same_claims(self):
        for alg in SECRETS:
            for claims in CLAIM_SETS:
                with self.subTest(alg=alg, claims=list(claims)):
                    token = pyjwt.encode(claims, SECRETS[alg], algorithm=alg, headers={"kid": "py-key"})
                    policy = ["--now", str(NOW)]
                    if "aud" in claims:
                        policy += ["--aud", "web", "--iss", "https://issuer.example"]
                    out = run("verify", *key_args(alg), *policy, token)
                    self.assertEqual(out.returncode, 0, out.stderr)
                    shown = json.loads(out.stdout)
                    self.assertEqual(shown["claims"], claims)
                    self.assertEqual(shown["header"]["alg"], alg)
                    self.assertEqual(shown["header"]["kid"], "py-key")


class Asymmetric(unittest.TestCase):
    def test_both_ways_for_ecdsa_and_eddsa(self):
        for alg, (private, public) in ASYMMETRIC.items():
            for claims in CLAIM_SETS:
                with self.subTest(alg=alg, direction="pyjwt->cli", claims=list(claims)):
                    token = pyjwt.encode(claims, pem(private), algorithm=alg, headers={"kid": "py"})
                    policy = ["--now", str(NOW)] + (["--aud", "api"] if "aud" in claims else [])
                    out = run("verify", "--alg", alg, "--key-file", os.path.join(KEYS, public), *policy, token)
                    self.assertEqual(out.returncode, 0, out.stderr)
                    self.assertEqual(json.loads(out.stdout)["claims"], claims)
                with self.subTest(alg=alg, direction="cli->pyjwt", claims=list(claims)):
                    out = run("sign", "--alg", alg, "--key-file", os.path.join(KEYS, private), json.dumps(claims))
                    self.assertEqual(out.returncode, 0, out.stderr)
                    decoded = pyjwt.decode(
                        out.stdout.strip(),
                        pem(public),
                        algorithms=[alg],
                        audience="web" if "aud" in claims else None,
                        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
                    )
                    self.assertEqual(decoded, claims)

    def test_a_signature_by_another_key_is_refused_by_both(self):
        token = pyjwt.encode({"exp": NOW + 60}, pem("p256-pkcs8.pem"), algorithm="ES256")
        out = run("verify", "--alg", "ES384", "--key-file", os.path.join(KEYS, "p384-spki.pem"), "--now", str(NOW), token)
        self.assertTrue(out.stderr.startswith("error: algorithm-mismatch: "), out.stderr)


class CliToPyJwt(unittest.TestCase):
    def test_pyjwt_accepts_cli_tokens_with_the_same_claims(self):
        for alg in SECRETS:
            for claims in CLAIM_SETS:
                with self.subTest(alg=alg, claims=list(claims)):
                    out = run("sign", *key_args(alg), "--kid", "cli-key", json.dumps(claims))
                    self.assertEqual(out.returncode, 0, out.stderr)
                    token = out.stdout.rstrip("\n")
                    self.assertEqual(pyjwt.get_unverified_header(token), {"alg": alg, "typ": "JWT", "kid": "cli-key"})
                    decoded = pyjwt.decode(
                        token,
                        SECRETS[alg],
                        algorithms=[alg],
                        audience="web" if "aud" in claims else None,
                        options={"verify_exp": False, "verify_nbf": False, "verify_iat": False},
                    )
                    self.assertEqual(decoded, claims)

    def test_flags_become_claims_pyjwt_reads(self):
        now = int(time.time())
        out = run("sign", *key_args("HS256"), "--exp", "+1h", "--iat", "--nbf", "+0s", "--iss", "me", "--sub", "you", "--aud", "api", "--jti", "j1", "{}")
        self.assertEqual(out.returncode, 0, out.stderr)
        decoded = pyjwt.decode(out.stdout.strip(), SECRETS["HS256"], algorithms=["HS256"], audience="api", issuer="me", leeway=5)
        self.assertEqual(decoded["sub"], "you")
        self.assertEqual(decoded["jti"], "j1")
        self.assertAlmostEqual(decoded["exp"] - decoded["iat"], 3600)
        self.assertLess(abs(decoded["iat"] - now), 60)


class SameRefusals(unittest.TestCase):
    """Tokens PyJWT refuses for a stated reason are refused by `jwt verify` with the matching code."""

    def both(self, token, pyjwt_kwargs, cli_args, exception, code, alg="HS256"):
        with self.assertRaises(exception):
            pyjwt.decode(token, SECRETS[alg], **pyjwt_kwargs)
        out = run("verify", *key_args(alg), *cli_args, token)
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        self.assertTrue(out.stderr.startswith(f"error: {code}: "), out.stderr)

    def sign(self, claims, alg="HS256", key=None):
        return pyjwt.encode(claims, key or SECRETS[alg], algorithm=alg)

    def test_expired(self):
        token = self.sign({"exp": NOW - 40})
        # PyJWT reads its own clock; a token from 2023 is expired for both.
        self.both(token, {"algorithms": ["HS256"]}, ["--now", str(int(time.time()))], pyjwt.ExpiredSignatureError, "expired")

    def test_not_yet_valid(self):
        future = int(time.time()) + 3600
        token = self.sign({"exp": future + 3600, "nbf": future})
        self.both(token, {"algorithms": ["HS256"]}, [], pyjwt.ImmatureSignatureError, "not-yet-valid")

    def test_bad_signature(self):
        token = self.sign({"exp": NOW + 60}, key=b"z" * 32)
        self.both(token, {"algorithms": ["HS256"], "options": {"verify_exp": False}}, ["--now", str(NOW)], pyjwt.InvalidSignatureError, "invalid-signature")

    def test_wrong_audience(self):
        token = self.sign({"exp": NOW + 60, "aud": "other"})
        self.both(token, {"algorithms": ["HS256"], "audience": "api", "options": {"verify_exp": False}}, ["--now", str(NOW), "--aud", "api"], pyjwt.InvalidAudienceError, "invalid-audience")

    def test_wrong_issuer(self):
        token = self.sign({"exp": NOW + 60, "iss": "mallory"})
        self.both(token, {"algorithms": ["HS256"], "issuer": "me", "options": {"verify_exp": False}}, ["--now", str(NOW), "--iss", "me"], pyjwt.InvalidIssuerError, "invalid-issuer")

    def test_missing_required_claim(self):
        token = self.sign({"sub": "x"})
        self.both(token, {"algorithms": ["HS256"], "options": {"require": ["exp"]}}, ["--now", str(NOW)], pyjwt.MissingRequiredClaimError, "missing-claim")

    def test_algorithm_not_allowed(self):
        token = pyjwt.encode({"exp": NOW + 60}, SECRETS["HS384"], algorithm="HS384")
        self.both(token, {"algorithms": ["HS256"], "options": {"verify_exp": False}}, ["--now", str(NOW)], pyjwt.InvalidAlgorithmError, "algorithm-mismatch")

    def test_malformed(self):
        self.both("not-a-token", {"algorithms": ["HS256"]}, [], pyjwt.DecodeError, "malformed-token")

    def test_exp_not_a_number(self):
        token = self.sign({"exp": "tomorrow"})
        self.both(token, {"algorithms": ["HS256"]}, ["--now", str(NOW)], pyjwt.DecodeError, "invalid-numeric-date")


if __name__ == "__main__":
    unittest.main()
