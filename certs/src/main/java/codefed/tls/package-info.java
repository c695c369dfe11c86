/**
 * Mutual TLS for every server and client of the federation: gRPC credentials from a PKI directory,
 * CRL-checked chain validation with the matching TLS alerts, server identity pinning, the
 * authentication interceptor that turns the peer certificate into a principal and enforces a
 * per-RPC role table, and revocation of calls already open.
 */
package codefed.tls;
