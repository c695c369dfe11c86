#!/usr/bin/env node
// Runs the client's RFC 9162 proof checks over the transparency-dev vectors in
// testdata/merkle-vectors; exits non-zero on any disagreement. Usage: check-merkle-vectors.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const { verifyInclusion, verifyConsistency } = require('./codefed-client');

const b = (v) => Buffer.from(v || '', 'base64');
const files = (dir) => fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d))
  .filter((f) => f.endsWith('.json')).map((f) => path.join(dir, d, f)));
const root = process.argv[2];
let checked = 0;
let wrong = 0;
for (const f of files(path.join(root, 'inclusion'))) {
  const v = JSON.parse(fs.readFileSync(f, 'utf8'));
  const ok = verifyInclusion(v.leafIdx, v.treeSize, b(v.leafHash), (v.proof || []).map(b), b(v.root));
  checked++;
  if (ok === v.wantErr) { wrong++; console.log(`inclusion disagrees: ${f}`); }
}
for (const f of files(path.join(root, 'consistency'))) {
  const v = JSON.parse(fs.readFileSync(f, 'utf8'));
  const ok = verifyConsistency(v.size1, v.size2, b(v.root1), b(v.root2), (v.proof || []).map(b));
  checked++;
  if (ok === v.wantErr) { wrong++; console.log(`consistency disagrees: ${f}`); }
}
console.log(`${checked} vectors, ${wrong} disagreements`);
process.exitCode = wrong || checked === 0 ? 1 : 0;
