/**
 * Code, assertion and trust-list signatures: the issuer algorithms (P-256, SM2, Ed25519) with the
 * JCA implementation used for each, key files, and thread-safe signers and verifiers bound to a
 * signing domain so a signature made for one purpose is never accepted for another.
 */
package codefed.signing;
