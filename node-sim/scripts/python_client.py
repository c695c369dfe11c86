#!/usr/bin/python3
"""Calls a codefed province node over mutual TLS from Python (Debian's python3-grpcio).

Generates the stubs from the repository's .proto files into a temporary directory at run
time, calls GetIssuerKeys and VerifyCode, checks the signed answer (Ed25519 / ECDSA P-256
when python3-cryptography is installed; an answer signed in a batch through its RFC 9162
inclusion proof) and prints the result.
"""
import argparse
import base64
import datetime
import hashlib
import os
import secrets
import subprocess
import sys
import tempfile

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
ASSERTION_PREFIX = b"codefed/v1/assertion\0"
BATCH_PREFIX = b"codefed/v1/assertion-batch\0"


def generate_stubs(out_dir):
    """Stubs for every service, from Debian's protoc + grpc_python_plugin (clients/gen-python-stubs.sh)."""
    script = os.path.join(HERE, "..", "..", "clients", "gen-python-stubs.sh")
    if subprocess.run([script, out_dir], stdout=subprocess.DEVNULL).returncode != 0:
        sys.exit("python-client: stub generation failed (see clients/gen-python-stubs.sh)")
    sys.path.insert(0, out_dir)


def base45_decode(text):
    values = [BASE45.index(c) for c in text]
    out = bytearray()
    for i in range(0, len(values), 3):
        chunk = values[i:i + 3]
        if len(chunk) == 3:
            n = chunk[0] + chunk[1] * 45 + chunk[2] * 45 * 45
            out += bytes([n >> 8, n & 0xFF])
        else:
            out.append(chunk[0] + chunk[1] * 45)
    return bytes(out)


def code_id_from_qr(qr, code_pb2):
    if not qr.startswith("HCF1:"):
        sys.exit("python-client: QR text must start with HCF1:")
    signed = code_pb2.SignedCode.FromString(base45_decode(qr[len("HCF1:"):]))
    return code_pb2.CodePayload.FromString(signed.payload).code_id


def batch_root(leaf, index, size, path):
    """RFC 9162 section 2.1.3.2: the root an inclusion proof leads to, or None if it does not fit."""
    if index >= size or any(len(p) != 32 for p in path):
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def signed_message(signed):
    """What the signature covers: the assertion itself, or the root of the node's batch of answers."""
    if not signed.HasField("batch"):
        return ASSERTION_PREFIX + signed.assertion, ""
    b = signed.batch
    leaf = hashlib.sha256(b"\x00" + signed.assertion).digest()
    root = batch_root(leaf, b.leaf_index, b.tree_size, list(b.path))
    if root is None or not 1 <= b.tree_size <= 65536:
        return None, ""
    return BATCH_PREFIX + b.tree_size.to_bytes(8, "big") + root, ", answer %d of a batch of %d" % (
        b.leaf_index + 1, b.tree_size)


def check_signature(signed, keys, common_pb2):
    """Verifies the assertion signature with the issuer key it names."""
    try:
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec, ed25519
    except ImportError:
        return "not checked (python3-cryptography missing)"
    key = next((k for k in keys if k.key_id == signed.key_id), None)
    if key is None:
        return "FAILED: key %s not among the issuer's keys" % signed.key_id
    public = serialization.load_der_public_key(key.public_key)
    message, batch = signed_message(signed)
    if message is None:
        return "FAILED: the batch inclusion proof does not fit its batch"
    try:
        if isinstance(public, ed25519.Ed25519PublicKey):
            public.verify(signed.signature, message)
        elif isinstance(public, ec.EllipticCurvePublicKey):
            public.verify(signed.signature, message, ec.ECDSA(hashes.SHA256()))
        else:
            return "not checked (%s keys)" % common_pb2.SignatureAlgorithm.Name(key.algorithm)
    except Exception:  # cryptography raises InvalidSignature
        return "FAILED: bad signature"
    return "valid (%s%s)" % (signed.key_id, batch)


def when(ts):
    return datetime.datetime.fromtimestamp(ts.seconds, datetime.timezone.utc).isoformat()


def main():
    p = argparse.ArgumentParser(description="Call a codefed node over mTLS from Python.")
    p.add_argument("--pki", required=True, help="PKI directory (codefed certs init)")
    p.add_argument("--target", default="localhost:9443", help="node address host:port")
    p.add_argument("--role", default="gateway", help="client identity role (gateway)")
    p.add_argument("--name", required=True, help="client identity name, e.g. 150000 for gateway/150000")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--qr", help="a QR text (HCF1:...) to verify")
    which.add_argument("--qr-file", help="verify the first QR text in this file (codefed population export)")
    which.add_argument("--code-id", help="code id, 32 hex digits (default: a random, unknown one)")
    a = p.parse_args()

    with tempfile.TemporaryDirectory(prefix="codefed-py-") as out:
        generate_stubs(out)
        from healthcode.federation.v1 import assertion_pb2, code_pb2, common_pb2, node_pb2, node_pb2_grpc

        def read(path):
            with open(os.path.join(a.pki, path), "rb") as f:
                return f.read()

        credentials = grpc.ssl_channel_credentials(
            root_certificates=read("ca/ca.crt"),
            private_key=read("%s/%s.key" % (a.role, a.name)),
            certificate_chain=read("%s/%s.crt" % (a.role, a.name)))
        with grpc.secure_channel(a.target, credentials) as channel:
            stub = node_pb2_grpc.ProvinceNodeServiceStub(channel)
            keys = stub.GetIssuerKeys(node_pb2.GetIssuerKeysRequest(), timeout=10)
            print("issuer %s: %d key(s)" % (keys.issuer, len(keys.keys)))
            for k in keys.keys:
                print("  %s %s valid %s .. %s" % (k.key_id, common_pb2.SignatureAlgorithm.Name(k.algorithm),
                                                 when(k.not_before), when(k.not_after)))

            if a.qr or a.qr_file:
                qr = a.qr if a.qr else open(a.qr_file).readline().strip()
                code_id = code_id_from_qr(qr, code_pb2)
            elif a.code_id:
                code_id = bytes.fromhex(a.code_id)
            else:
                code_id = secrets.token_bytes(16)
            nonce = secrets.token_bytes(16)
            answer = stub.VerifyCode(node_pb2.VerifyCodeRequest(code_id=code_id, nonce=nonce), timeout=10)
            signed = answer.assertion
            s = assertion_pb2.StatusAssertion.FromString(signed.assertion)
            print("VerifyCode %s…:" % code_id.hex()[:4])
            print("  state        %s" % assertion_pb2.CodeState.Name(s.state))
            if s.state == assertion_pb2.CODE_STATE_ACTIVE:
                print("  color        %s" % common_pb2.Color.Name(s.color))
                print("  reasons      %s" % (", ".join(common_pb2.Reason.Name(r) for r in s.reasons) or "-"))
                print("  itinerary    %s" % common_pb2.RiskLevel.Name(s.itinerary_risk))
                print("  holder       %s %s" % (s.masked_name, s.masked_id_number))
            print("  asserted_at  %s" % when(s.asserted_at))
            print("  valid_until  %s" % when(s.valid_until))
            print("  sequence     %d" % s.status_sequence)
            print("  nonce echoed %s" % ("yes" if s.nonce == nonce else "NO"))
            print("  signature    %s" % check_signature(signed, keys.keys, common_pb2))


if __name__ == "__main__":
    main()
