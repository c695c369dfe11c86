#!/usr/bin/env bash
# Calls a codefed province node over mTLS from Python (not Java): GetIssuerKeys, then a
# signed VerifyCode answer, checked against the issuer key. Needs Debian's grpc packages:
#   apt-get install -y python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc libprotobuf-dev
#   (python3-cryptography: signature check). Stubs: clients/gen-python-stubs.sh.
# Usage: node-sim/scripts/python-client.sh --pki DIR --target localhost:PORT --name 150000 [--qr-file FILE | --qr HCF1:... | --code-id HEX]
set -euo pipefail
# Debian's interpreter: a python3 earlier on PATH (pyenv, venv) may lack the grpc packages.
exec /usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/python_client.py" "$@"
