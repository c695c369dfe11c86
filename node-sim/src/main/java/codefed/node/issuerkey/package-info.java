/**
 * The province's current issuer signing key, switched without a restart when {@code certs
 * rotate-issuer-key} names a new one.
 */
package codefed.node.issuerkey;
