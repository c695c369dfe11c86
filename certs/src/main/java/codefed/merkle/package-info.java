/**
 * RFC 9162 Merkle trees, over the audit log's records and over a node's batch of signed answers:
 * leaf and node hashing, an append-only tree built incrementally over a chunked hash store, and
 * verification of inclusion and consistency proofs.
 */
package codefed.merkle;
