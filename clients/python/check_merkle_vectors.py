#!/usr/bin/python3
"""Runs the client's RFC 9162 proof checks over the transparency-dev test vectors in
testdata/merkle-vectors; exits non-zero on any disagreement. Usage: check_merkle_vectors.py DIR"""
import base64
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from codefed_client import verify_consistency, verify_inclusion  # noqa: E402


def b(v):
    return base64.b64decode(v) if v else b""


def main(root):
    checked = wrong = 0
    for path in sorted(glob.glob(os.path.join(root, "inclusion", "*", "*.json"))):
        v = json.load(open(path))
        ok = verify_inclusion(v["leafIdx"], v["treeSize"], b(v["leafHash"]), [b(p) for p in v["proof"] or []], b(v["root"]))
        checked += 1
        if ok == v["wantErr"]:
            wrong += 1
            print("inclusion disagrees: " + path)
    for path in sorted(glob.glob(os.path.join(root, "consistency", "*", "*.json"))):
        v = json.load(open(path))
        ok = verify_consistency(v["size1"], v["size2"], b(v["root1"]), b(v["root2"]), [b(p) for p in v["proof"] or []])
        checked += 1
        if ok == v["wantErr"]:
            wrong += 1
            print("consistency disagrees: " + path)
    print("%d vectors, %d disagreements" % (checked, wrong))
    return 1 if wrong or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
