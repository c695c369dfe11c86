/**
 * Audit-signing keys: a party's CA-certified key, kept apart from its TLS bundle, that signs
 * checkpoints, receipts and cosignatures, and the rule deciding from the CA alone which key may
 * sign for a gateway.
 */
package codefed.gateway.audit.signing;
