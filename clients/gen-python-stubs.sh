#!/usr/bin/env bash
# Generates Python stubs for every codefed service with Debian's protoc and gRPC plugin:
#   apt-get install -y protobuf-compiler protobuf-compiler-grpc libprotobuf-dev python3-grpcio python3-protobuf
# (not python3-grpc-tools: its bundled protoc 3.5 predates proto3 `optional`).
# Usage: clients/gen-python-stubs.sh OUT_DIR   → OUT_DIR/healthcode/federation/v1/*_pb2*.py
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR" >&2; exit 2; }
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
protos="$root/proto/src/main/proto"
for tool in protoc grpc_python_plugin; do
  command -v "$tool" >/dev/null || {
    echo "$0: $tool not found (apt-get install -y protobuf-compiler protobuf-compiler-grpc libprotobuf-dev)" >&2; exit 1; }
done
[ -f /usr/include/google/protobuf/timestamp.proto ] || {
  echo "$0: well-known .proto files missing (apt-get install -y libprotobuf-dev)" >&2; exit 1; }
mkdir -p "$1"
protoc -I"$protos" -I/usr/include \
  --python_out="$1" --grpc_python_out="$1" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" \
  "$protos"/healthcode/federation/v1/*.proto
# Packages for the generated modules (protoc writes none for Python).
for d in healthcode healthcode/federation healthcode/federation/v1; do
  touch "$1/$d/__init__.py"
done
echo "$0: stubs in $1/healthcode/federation/v1"
