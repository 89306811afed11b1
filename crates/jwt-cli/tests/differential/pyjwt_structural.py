"""Structural differential: the `jwt` command line against PyJWT on mutated, re-MACed tokens.

Each case starts from a claims set of the committed vectors (tests/vectors), rebased to the
present, edits the header or the claims JSON *as text* (duplicates, depth, member counts, dates
of every spelling and range, `crit`, `aud` shapes, claim types, whitespace, escapes, broken
syntax), then HS256-MACs the edited bytes so that the edit reaches the JSON and claims layers
of both verifiers. Both verify with the same key, the same required claims and the same
audience. A disagreement passes only when a documented rule of jwt-core explains it (see
EXPLAINED); any other fails the run.

Run by .ci/run in the PyJWT venv, bounded in time:
    JWT_BIN=target/debug/jwt python crates/jwt-cli/tests/differential/pyjwt_structural.py --seconds 60
Reproduce a run with --seed N (printed at the start).
"""

import argparse
import base64
import collections
import hashlib
import hmac
import json
import os
import random
import subprocess
import sys
import time

import jwt as pyjwt

JWT_BIN = os.environ.get("JWT_BIN", "target/debug/jwt")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
VECTORS = os.path.join(ROOT, "tests", "vectors")
SECRET = b"structural differential secret!!"
AUDIENCE = "api"

# jwt-core refusals that PyJWT does not share, each a documented strictness rule of jwt-core
# (README "Strictness"; the error's own doc names the RFC section).
EXPLAINED = {
    "duplicate-member": "duplicate members refused at every level; Python's json keeps the last (RFC 8259 §4, RFC 7515 §5.2)",
    "nesting-too-deep": "nesting bounded by Limits::max_depth; PyJWT reads any depth",
    "too-many-members": "members per object bounded; PyJWT reads any number",
    "invalid-numeric-date": "exp/nbf/iat must be a JSON number within the NumericDate range (RFC 7519 §2); PyJWT takes any float or bool",
    "invalid-claim": "iss/sub/jti must be strings and aud a string or non-empty array of strings (RFC 7519 §4.1)",
    "unexpected-audience": "an aud with no audience configured is refused (RFC 7519 §4.1.3)",
    "unsupported-critical": "crit fails closed: any name jwt-core does not process (RFC 7515 §4.1.11)",
    "invalid-header": "header members of the wrong type (typ, kid, crit) refused (RFC 7515 §4.1)",
    "invalid-json": "strict RFC 8259 JSON: no NaN/Infinity, no BOM, no lone surrogates; Python's json accepts them",
    "invalid-utf8": "the JSON text must be UTF-8 without lone surrogates (RFC 8259 §8.1)",
    "not-an-object": "the claims set must be a JSON object (RFC 7519 §7.2 step 10)",
    "empty-audience": "an empty aud array names no audience (RFC 7519 §4.1.3)",
}

# PyJWT refusals that jwt-core does not share, each with the rule that makes jwt-core accept.
PYJWT_ONLY = {
    "ImmatureSignatureError:iat": "PyJWT refuses an iat in the future; jwt-core reads iat only for max_age (RFC 7519 §4.1.6 sets no such rule)",
    "InvalidIssuedAtError": "PyJWT refuses a non-integer iat spelling it cannot int(); jwt-core reads every NumericDate spelling",
}

# PyJWT implements RFC 7797: `"b64":false` makes it read the payload segment unencoded. jwt-core
# does not implement RFC 7797; outside `crit` it ignores `b64` like any member it does not use
# (RFC 7515 §4) and reads the payload as base64url. (Inside `crit` it refuses.)
B64_FALSE = "PyJWT reads an unencoded payload for b64:false (RFC 7797); jwt-core ignores b64 outside crit (RFC 7515 §4)"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def token(header, claims):
    signing_input = b64(header) + "." + b64(claims)
    tag = hmac.new(SECRET, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(tag)


def corpus(now):
    """Claims sets of the committed vectors, their dates moved to the present."""
    sets = []
    with open(os.path.join(VECTORS, "jwt-attack-vectors.json")) as f:
        vectors = json.load(f)["vectors"]
    with open(os.path.join(VECTORS, "rfc-jws-examples.json")) as f:
        vectors += json.load(f)["vectors"]
    for v in vectors:
        parts = v.get("token", "").split(".")
        if len(parts) < 2:
            continue
        try:
            claims = json.loads(unb64(parts[1]))
        except Exception:
            continue
        if isinstance(claims, dict):
            sets.append(claims)
    base = []
    for claims in sets:
        claims = dict(claims)
        claims["exp"] = now + 3600
        for name in ("nbf", "iat"):
            if name in claims:
                claims[name] = now - 60
        base.append(claims)
    base.append({"sub": "device-7", "exp": now + 3600, "iat": now - 60, "aud": AUDIENCE, "iss": "https://issuer.example"})
    return base


def mutations(rng, now):
    """Edits of the header or claims text: (where, function of the text)."""
    def member(text, name_value):
        body = text.rstrip()
        if not body.endswith("}"):
            return body + "," + name_value  # already broken: keep it so
        inner = body[:-1].rstrip()
        sep = "" if inner.endswith("{") else ","
        return inner + sep + name_value + "}"

    dates = [
        str(now + 3600), str(now - 3600), "%d.5" % (now + 3600), "%de0" % (now + 3600), "1e300", "-1",
        "0", "\"%d\"" % (now + 3600), "true", "null", "[%d]" % (now + 3600), "1e20", "9007199254740993",
        "%d.999999" % (now - 3600), "-0", "%d" % (now + 3600) + "0" * 5,
    ]
    auds = ['"api"', '["api"]', '["web","api"]', "[]", '["web"]', "7", '[7]', '{"a":1}', 'null', '"API"']
    values = ['"x"', "1", "1.5", "-0", "true", "null", "[]", "{}", '"\\u0000"', '"\\ud800"', "1E400", "NaN", "Infinity"]
    names = ["sub", "iss", "jti", "aud", "exp", "nbf", "iat", "\\u0065xp", "e\\u0078p", "priv", "x"]
    deep = lambda n: "[" * n + "1" + "]" * n

    def claims_edits():
        return [
            lambda t: member(t, '"%s":%s' % (rng.choice(["exp", "sub", "aud", "iss", "priv"]), rng.choice(values + dates[:3]))),
            lambda t: member(t, '"%s":%s' % (rng.choice(["exp", "nbf", "iat"]), rng.choice(dates))),
            lambda t: member(t, '"aud":%s' % rng.choice(auds)),
            lambda t: member(t, '"%s":%s' % (rng.choice(["iss", "sub", "jti"]), rng.choice(values))),
            lambda t: member(t, '"%s":%s' % (rng.choice(names), rng.choice(values + dates))),
            lambda t: member(t, '"deep":%s' % deep(rng.choice([5, 15, 16, 17, 31, 32, 33, 64]))),
            lambda t: member(t, ",".join('"m%d":%d' % (i, i) for i in range(rng.choice([10, 60, 63, 64, 65, 200])))),
            lambda t: member(t, '"o":{"a":1,"a":2}'),
            lambda t: " " + t.replace(":", " : ", 1) + "\n",
            lambda t: "\ufeff" + t,
            lambda t: t.rstrip()[:-1],
            lambda t: t.rstrip()[:-1] + ",}",
            lambda t: t + " x",
            lambda t: "[" + t + "]",
        ]

    def header_edits():
        return [
            lambda h: member(h, '"crit":%s' % rng.choice(['["exp"]', '["b64"]', "[]", '"exp"', '["kid"]'])),
            lambda h: member(h, '"typ":%s' % rng.choice(['"JWT"', '"jwt"', '"at+jwt"', "1", "null"])),
            lambda h: member(h, '"kid":%s' % rng.choice(['"k1"', "1", "null", '""'])),
            lambda h: member(h, '"alg":"HS256"'),
            lambda h: member(h, '"b64":%s' % rng.choice(["false", "true"])),
            lambda h: h.replace("HS256", rng.choice(["hs256", "HS384", "none", "HS256 "])),
        ]

    return claims_edits(), header_edits()


def ours(tok, audience):
    args = [JWT_BIN, "verify", "--json", "--alg", "HS256", "--key-hex", SECRET.hex(), "--require", "exp"]
    if audience:
        args += ["--aud", audience]
    out = subprocess.run(args + [tok], capture_output=True, text=True)
    if out.returncode == 0:
        return None
    try:
        return json.loads(out.stdout)["error"]
    except Exception:
        return "unreadable:" + out.stdout[:80] + out.stderr[:80]


def theirs(tok, audience):
    try:
        pyjwt.decode(tok, SECRET, algorithms=["HS256"], audience=audience, options={"require": ["exp"]})
        return None
    except pyjwt.ImmatureSignatureError as e:
        return "ImmatureSignatureError:" + ("iat" if "iat" in str(e) else "nbf")
    except Exception as e:  # every PyJWT refusal is an exception of its own class
        return type(e).__name__


def explain(mine, py, header):
    """The documented reason for a disagreement, or None."""
    if mine is not None and py is None:
        return EXPLAINED.get(mine)
    if mine is None and py == "DecodeError" and '"b64":false' in header and "crit" not in header:
        return B64_FALSE
    if mine is None and py is not None:
        return PYJWT_ONLY.get(py)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--examples", action="store_true", help="print one case of each class")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    now = int(time.time())
    base = corpus(now)
    claims_edits, header_edits = mutations(rng, now)
    print("pyjwt structural differential: seed %d, %d base claims sets, PyJWT %s" % (options.seed, len(base), pyjwt.__version__))
    seen = collections.Counter()
    example = {}
    unexplained = []
    cases = agreed = 0
    deadline = time.monotonic() + options.seconds
    while time.monotonic() < deadline:
        claims = json.dumps(rng.choice(base), separators=(",", ":"), ensure_ascii=rng.random() < 0.5)
        header = '{"alg":"HS256"}'
        for _ in range(rng.choice([1, 1, 2, 3])):
            if rng.random() < 0.75:
                claims = rng.choice(claims_edits)(claims)
            else:
                header = rng.choice(header_edits)(header)
        audience = AUDIENCE if rng.random() < 0.5 else None
        tok = token(header.encode(), claims.encode())
        mine, py = ours(tok, audience), theirs(tok, audience)
        cases += 1
        if (mine is None) == (py is None):
            agreed += 1
            continue
        reason = explain(mine, py, header)
        key = "jwt-core %s / PyJWT %s" % (mine or "accepts", py or "accepts")
        seen[key] += 1
        example.setdefault(key, (header, claims, audience))
        if reason is None:
            unexplained.append((key, header, claims, audience))
    print("%d cases in %.0f s: %d agree, %d explained disagreements" % (cases, options.seconds, agreed, sum(seen.values()) - len(unexplained)))
    for key, count in seen.most_common():
        print("  %6d  %s" % (count, key))
        if options.examples:
            print("          header %r claims %r audience %r" % (example[key][0], example[key][1][:200], example[key][2]))
    if unexplained:
        print("UNEXPLAINED disagreements (first 10):")
        for key, header, claims, audience in unexplained[:10]:
            print("  %s\n    header %r\n    claims %r\n    audience %r" % (key, header, claims[:300], audience))
        sys.exit(1)


if __name__ == "__main__":
    main()
