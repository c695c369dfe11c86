#!/usr/bin/env node
// A codefed client in Node.js (@grpc/grpc-js) over mutual TLS, loading the .proto files at run
// time with @grpc/proto-loader (no generated code):
//   scan    one Recognize call, the decision as JSON
//   stream  RecognizeStream over every QR text of a file, one JSON line per answer
//   audit   the signed checkpoint (signature checked), a record's inclusion proof and, given
//           an earlier checkpoint, the consistency proof — RFC 9162, checked here
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'proto', 'src', 'main', 'proto');
const CHECKPOINT_PREFIX = Buffer.from('codefed/v1/checkpoint\0', 'latin1');

function load() {
  const files = ['recognition', 'audit'].map((f) => `healthcode/federation/v1/${f}.proto`);
  const definition = protoLoader.loadSync(files, {
    includeDirs: [PROTO_ROOT], keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).healthcode.federation.v1;
}

function credentials(pki, role, name) {
  const read = (p) => fs.readFileSync(path.join(pki, p));
  return grpc.credentials.createSsl(read('ca/ca.crt'), read(`${role}/${name}.key`), read(`${role}/${name}.crt`));
}

function decisionJson(d) {
  return {
    outcome: d.outcome, measures: d.measures, reasons: d.reasons,
    masked_name: d.masked_name, masked_id_number: d.masked_id_number, issuer: d.issuer,
    policy_version: d.policy_version, from_cache: d.from_cache, offline: d.offline,
    audit_sequence: d.audit_sequence, explanation: d.explanation,
  };
}

function scanOf(opts, qr) {
  const scan = { qr_text: qr, checkpoint_type: `CHECKPOINT_TYPE_${opts.type || 'TRAFFIC'}` };
  if (opts.temperature !== undefined) scan.temperature_celsius = Number(opts.temperature);
  return scan;
}

function call(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + 10000 }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

// RFC 9162 §2.1: leaf = SHA-256(0x00 || record), node = SHA-256(0x01 || left || right).
const sha256 = (...parts) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (record) => sha256(Buffer.from([0]), record);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);

// RFC 9162 §2.1.3.2
function verifyInclusion(index, size, leaf, proof, root) {
  if (index >= size || leaf.length !== 32 || root.length !== 32) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

// RFC 9162 §2.1.4.2
function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (first === second) return first > 0 && proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0 || first > second || proof.length === 0 || firstRoot.length !== 32 || secondRoot.length !== 32) {
    return false;
  }
  const pathHashes = [...proof];
  if ((first & (first - 1)) === 0) pathHashes.unshift(firstRoot);
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = pathHashes[0];
  let sr = pathHashes[0];
  for (const c of pathHashes.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}

async function scan(v1, opts, qr) {
  const client = new v1.RecognitionService(opts.target, credentials(opts.pki, 'checkpoint', opts.name || 'checkpoint-1'));
  try {
    const answer = await call(client, 'Recognize', { scan: scanOf(opts, qr) });
    console.log(JSON.stringify(decisionJson(answer.decision)));
  } finally {
    client.close();
  }
}

function stream(v1, opts, file) {
  const client = new v1.RecognitionService(opts.target, credentials(opts.pki, 'checkpoint', opts.name || 'checkpoint-1'));
  const codes = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  return new Promise((resolve, reject) => {
    const call = client.RecognizeStream({ deadline: Date.now() + 60000 });
    call.on('data', (a) => {
      const line = { request_id: a.request_id };
      Object.assign(line, a.result === 'decision' ? decisionJson(a.decision) : { error: a.error });
      console.log(JSON.stringify(line));
    });
    call.on('error', (e) => { client.close(); reject(e); });
    call.on('end', () => { client.close(); resolve(); });
    codes.forEach((qr, i) => call.write({ request_id: String(i), scan: scanOf(opts, qr) }));
    call.end();
  });
}

async function audit(v1, opts) {
  const client = new v1.AuditService(opts.target, credentials(opts.pki, 'auditor', opts.name || 'auditor-1'));
  const result = {};
  try {
    let signed;
    try {
      signed = (await call(client, 'GetCheckpoint', {})).checkpoint;
    } catch (e) {
      if (e.code !== grpc.status.NOT_FOUND) throw e;
      console.log(JSON.stringify({ checkpoint: null, note: e.details })); // nothing signed yet
      return 0;
    }
    const cp = decodeCheckpoint(signed.checkpoint);
    result.checkpoint = {
      gateway: cp.gateway, tree_size: Number(cp.tree_size), root_hash: Buffer.from(cp.root_hash).toString('hex'),
      key_id: signed.key_id,
    };
    const cert = new crypto.X509Certificate(fs.readFileSync(opts['gateway-cert']));
    const valid = crypto.verify('sha256', Buffer.concat([CHECKPOINT_PREFIX, signed.checkpoint]),
      { key: cert.publicKey, dsaEncoding: 'der' }, signed.signature);
    result.signature = valid ? 'valid' : 'INVALID';
    const size = result.checkpoint.tree_size;
    const root = Buffer.from(cp.root_hash);
    if (opts.sequence !== undefined) {
      const seq = Number(opts.sequence);
      if (seq >= size) {
        result.inclusion = `not yet covered by a checkpoint (tree size ${size})`;
      } else {
        const record = await firstRecord(client, seq);
        const proof = await call(client, 'GetInclusionProof', { leaf_index: seq, tree_size: size });
        result.inclusion = verifyInclusion(seq, size, leafHash(record), proof.hashes.map(Buffer.from), root)
          ? 'verified' : 'FAILED';
        result.leaf_hash = leafHash(record).toString('hex');
      }
    }
    if (opts.previous && fs.existsSync(opts.previous)) {
      const before = JSON.parse(fs.readFileSync(opts.previous, 'utf8'));
      const first = before.tree_size;
      if (first > size) {
        result.consistency = `FAILED: the log shrank from ${first} to ${size} records`;
      } else {
        const hashes = first === size ? [] : (await call(client, 'GetConsistencyProof',
          { first_size: first, second_size: size })).hashes.map(Buffer.from);
        result.consistency = verifyConsistency(first, size, Buffer.from(before.root_hash, 'hex'), root, hashes)
          ? `verified ${first} -> ${size}` : 'FAILED';
      }
    }
    const failed = result.signature !== 'valid' || JSON.stringify(result).includes('FAILED');
    if (opts.previous && !failed) fs.writeFileSync(opts.previous, JSON.stringify(result.checkpoint));
    console.log(JSON.stringify(result));
    return failed ? 1 : 0;
  } finally {
    client.close();
  }
}

function firstRecord(client, seq) {
  return new Promise((resolve, reject) => {
    const records = client.ListRecords({ from_sequence: seq, to_sequence: seq + 1 });
    records.on('data', (r) => { resolve(Buffer.from(r.record)); records.cancel(); });
    records.on('error', (e) => { if (e.code !== grpc.status.CANCELLED) reject(e); });
  });
}

// The signed checkpoint's bytes are a serialized Checkpoint, decoded here as they were signed.
function decodeCheckpoint(bytes) {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => path.join(PROTO_ROOT, target);
  root.loadSync('healthcode/federation/v1/audit.proto', { keepCase: true });
  return root.lookupType('healthcode.federation.v1.Checkpoint').decode(bytes);
}

function parse(argv) {
  const opts = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) opts[argv[i].slice(2)] = argv[++i];
    else opts._.push(argv[i]);
  }
  return opts;
}

async function main() {
  const opts = parse(process.argv.slice(2));
  const [command, arg] = opts._;
  if (!opts.pki || !command) {
    console.error('usage: codefed-client.js --pki DIR [--target HOST:PORT] scan QR | stream FILE | '
      + 'audit --gateway-cert CERT [--sequence N] [--previous FILE]');
    return 2;
  }
  opts.target = opts.target || 'localhost:8443';
  const v1 = load();
  if (command === 'scan') return scan(v1, opts, arg).then(() => 0);
  if (command === 'stream') return stream(v1, opts, arg).then(() => 0);
  if (command === 'audit') return audit(v1, opts);
  console.error(`unknown command ${command}`);
  return 2;
}

module.exports = { verifyInclusion, verifyConsistency, leafHash };

if (require.main === module) {
  main().then((code) => { process.exitCode = code; }, (e) => {
    console.error(`codefed-client: ${e.code !== undefined ? grpc.status[e.code] + ': ' + e.details : e.message}`);
    process.exitCode = 1;
  });
}
