/**
 * Signed receipts of durable decisions: signed with the gateway's audit key after the group commit,
 * saved by checkpoints, and proved against the log ({@code codefed audit prove}) with an inclusion
 * proof up to a signed checkpoint.
 */
package codefed.gateway.audit.receipt;
