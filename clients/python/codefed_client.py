#!/usr/bin/python3
"""A codefed client in Python (Debian's python3-grpcio, C-core) over mutual TLS.

  scan    one Recognize call, the decision as JSON
  stream  RecognizeStream over every QR text of a file, one JSON line per answer
  audit   the gateway's signed checkpoint (signature checked), the inclusion proof of a
          record (leaf hash recomputed from the record bytes) and, given an earlier
          checkpoint, the consistency proof between the two — RFC 9162, checked here

Stubs come from clients/gen-python-stubs.sh (Debian's protoc + grpc_python_plugin); this
script generates them into a temporary directory when --stubs is not given.
"""
import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKPOINT_PREFIX = b"codefed/v1/checkpoint\0"


def load_stubs(stubs_dir):
    if stubs_dir is None:
        stubs_dir = tempfile.mkdtemp(prefix="codefed-py-")
        subprocess.run([os.path.join(HERE, "..", "gen-python-stubs.sh"), stubs_dir],
                       check=True, stdout=subprocess.DEVNULL)
    sys.path.insert(0, stubs_dir)


def channel(args, role, name):
    def read(path):
        with open(os.path.join(args.pki, path), "rb") as f:
            return f.read()

    credentials = grpc.ssl_channel_credentials(
        root_certificates=read("ca/ca.crt"),
        private_key=read("%s/%s.key" % (role, name)),
        certificate_chain=read("%s/%s.crt" % (role, name)))
    # The gateway's certificate names it by host (localhost) and by SPIFFE id; C-core checks
    # the host name against the address used.
    return grpc.secure_channel(args.target, credentials)


def decision_json(d, names):
    from healthcode.federation.v1 import common_pb2
    return {
        "outcome": common_pb2.Outcome.Name(d.outcome),
        "measures": [common_pb2.Measure.Name(m) for m in d.measures],
        "reasons": [common_pb2.Reason.Name(r) for r in d.reasons],
        "masked_name": d.masked_name,
        "masked_id_number": d.masked_id_number,
        "issuer": d.issuer,
        "policy_version": d.policy_version,
        "from_cache": d.from_cache,
        "offline": d.offline,
        "audit_sequence": d.audit_sequence,
        "explanation": d.explanation,
    }


def scan_request(pb, qr, checkpoint_type, temperature):
    from healthcode.federation.v1 import common_pb2
    scan = pb.Scan(qr_text=qr, checkpoint_type=common_pb2.CheckpointType.Value("CHECKPOINT_TYPE_" + checkpoint_type))
    if temperature is not None:
        scan.temperature_celsius = temperature
    return scan


def cmd_scan(args):
    from healthcode.federation.v1 import recognition_pb2 as pb, recognition_pb2_grpc as rpc
    with channel(args, "checkpoint", args.name) as ch:
        stub = rpc.RecognitionServiceStub(ch)
        try:
            answer = stub.Recognize(pb.RecognizeRequest(scan=scan_request(pb, args.qr, args.type, args.temperature)),
                                    timeout=10)
        except grpc.RpcError as e:
            sys.exit("scan: %s: %s (gateway %s)" % (e.code().name, e.details(), args.target))
    print(json.dumps(decision_json(answer.decision, None), ensure_ascii=False))


def cmd_stream(args):
    from healthcode.federation.v1 import recognition_pb2 as pb, recognition_pb2_grpc as rpc
    with open(args.qr_file) as f:
        codes = [line.rstrip("\r\n") for line in f if line.strip()]

    def requests():
        for i, qr in enumerate(codes):
            yield pb.RecognizeStreamRequest(request_id=str(i), scan=scan_request(pb, qr, args.type, args.temperature))

    with channel(args, "checkpoint", args.name) as ch:
        stub = rpc.RecognitionServiceStub(ch)
        for answer in stub.RecognizeStream(requests(), timeout=60):
            line = {"request_id": answer.request_id}
            if answer.HasField("decision"):
                line.update(decision_json(answer.decision, None))
            else:
                line["error"] = {"code": answer.error.code, "message": answer.error.message}
            print(json.dumps(line, ensure_ascii=False))


# RFC 9162 §2.1: leaf = SHA-256(0x00 || record), node = SHA-256(0x01 || left || right).
def leaf_hash(record):
    return hashlib.sha256(b"\x00" + record).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size or len(leaf) != 32 or len(root) != 32:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_root, second_root, proof):
    """RFC 9162 §2.1.4.2."""
    if first == second:
        return first > 0 and not proof and first_root == second_root
    if first == 0 or first > second or not proof or len(first_root) != 32 or len(second_root) != 32:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def check_checkpoint_signature(signed, cert_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.exceptions import InvalidSignature
    with open(cert_path, "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    try:
        cert.public_key().verify(signed.signature, CHECKPOINT_PREFIX + signed.checkpoint, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def cmd_audit(args):
    from healthcode.federation.v1 import audit_pb2 as pb, audit_pb2_grpc as rpc
    result = {}
    with channel(args, "auditor", args.name) as ch:
        stub = rpc.AuditServiceStub(ch)
        try:
            signed = stub.GetCheckpoint(pb.GetCheckpointRequest(), timeout=10).checkpoint
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.NOT_FOUND:  # the gateway has not signed a checkpoint yet
                print(json.dumps({"checkpoint": None, "note": e.details()}))
                return
            sys.exit("audit: %s: %s (gateway %s)" % (e.code().name, e.details(), args.target))
        cp = pb.Checkpoint.FromString(signed.checkpoint)
        result["checkpoint"] = {"gateway": cp.gateway, "tree_size": cp.tree_size,
                                "root_hash": cp.root_hash.hex(), "key_id": signed.key_id}
        result["signature"] = "valid" if check_checkpoint_signature(signed, args.gateway_cert) else "INVALID"
        if args.sequence is not None:
            if args.sequence >= cp.tree_size:
                result["inclusion"] = "not yet covered by a checkpoint (tree size %d)" % cp.tree_size
            else:
                records = stub.ListRecords(pb.ListRecordsRequest(from_sequence=args.sequence,
                                                                 to_sequence=args.sequence + 1), timeout=10)
                record = next(iter(records)).record
                proof = stub.GetInclusionProof(pb.GetInclusionProofRequest(leaf_index=args.sequence,
                                                                           tree_size=cp.tree_size), timeout=10)
                ok = verify_inclusion(args.sequence, cp.tree_size, leaf_hash(record), list(proof.hashes), cp.root_hash)
                result["inclusion"] = "verified" if ok else "FAILED"
                result["leaf_hash"] = leaf_hash(record).hex()
        if args.previous and os.path.exists(args.previous):
            with open(args.previous) as f:
                before = json.load(f)
            first, first_root = before["tree_size"], bytes.fromhex(before["root_hash"])
            if first > cp.tree_size:
                result["consistency"] = "FAILED: the log shrank from %d to %d records" % (first, cp.tree_size)
            else:
                hashes = [] if first == cp.tree_size else list(stub.GetConsistencyProof(
                    pb.GetConsistencyProofRequest(first_size=first, second_size=cp.tree_size), timeout=10).hashes)
                ok = verify_consistency(first, cp.tree_size, first_root, cp.root_hash, hashes)
                result["consistency"] = ("verified %d -> %d" % (first, cp.tree_size)) if ok else "FAILED"
        if args.previous and result["signature"] == "valid" and result.get("consistency", "verified").startswith("verified"):
            with open(args.previous, "w") as f:
                json.dump(result["checkpoint"], f)
    print(json.dumps(result))
    failed = result["signature"] != "valid" or "FAILED" in json.dumps(result)
    sys.exit(1 if failed else 0)


def main():
    p = argparse.ArgumentParser(description="Call a codefed gateway over mTLS from Python.")
    p.add_argument("--pki", required=True, help="the party's bundle (or a PKI directory)")
    p.add_argument("--target", default="localhost:8443", help="gateway address host:port")
    p.add_argument("--stubs", help="stubs from clients/gen-python-stubs.sh (default: generated now)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("scan", help="one Recognize call")
    s.add_argument("--name", default="checkpoint-1", help="checkpoint identity name")
    s.add_argument("--type", default="TRAFFIC", choices=["TRAFFIC", "PUBLIC_PLACE", "MEDICAL"])
    s.add_argument("--temperature", type=float)
    s.add_argument("qr", help="the scanned QR text (HCF1:...)")
    s.set_defaults(run=cmd_scan)

    st = sub.add_parser("stream", help="RecognizeStream over a file of QR texts")
    st.add_argument("--name", default="checkpoint-1")
    st.add_argument("--type", default="TRAFFIC", choices=["TRAFFIC", "PUBLIC_PLACE", "MEDICAL"])
    st.add_argument("--temperature", type=float)
    st.add_argument("qr_file")
    st.set_defaults(run=cmd_stream)

    a = sub.add_parser("audit", help="checkpoint signature, inclusion and consistency proofs")
    a.add_argument("--name", default="auditor-1", help="auditor identity name")
    a.add_argument("--gateway-cert", required=True, help="certificate of the gateway's audit-signing key (audit.crt)")
    a.add_argument("--sequence", type=int, help="prove this record's inclusion")
    a.add_argument("--previous", help="JSON file with the last checkpoint seen; checked for consistency, then updated")
    a.set_defaults(run=cmd_audit)

    args = p.parse_args()
    load_stubs(args.stubs)
    args.run(args)


if __name__ == "__main__":
    main()
