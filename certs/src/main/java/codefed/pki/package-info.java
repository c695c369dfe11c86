/**
 * The federation's PKI on disk: the root CA, leaf certificates with one SPIFFE URI SAN per party,
 * the CRL, issuer code-signing keys with their lifecycle, audit-signing and auditor sealing keys,
 * the signed trust list, and per-party bundles, all in one directory layout (private keys PKCS#8,
 * mode 0600).
 */
package codefed.pki;
