/**
 * The gRPC {@code AuditService}: read-only, flow-controlled access to the gateway's log,
 * checkpoints and proofs for auditors, with its one status mapping.
 */
package codefed.gateway.audit.service;
