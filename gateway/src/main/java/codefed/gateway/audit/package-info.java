/**
 * The gateway's tamper-evident decision log and the auditor's side of it.
 *
 * <p>Layout of a log directory (one per gateway): {@code segment-<first sequence>.log} files of
 * {@code [u32 length][u32 CRC32C][record]} frames (big-endian), each record the exact serialized
 * {@code AuditRecord} that is hashed; {@code checkpoints.log}, signed checkpoints in the same
 * frames; {@code policies/<sha256 hex>.textproto}, every policy version a record names; and a
 * {@code lock} file. Keys are never kept here: checkpoints are signed with the gateway's
 * audit-signing key from its own directory ({@link codefed.gateway.audit.CheckpointSignatures}),
 * and the code-id HMAC key lives beside the directory ({@code hmac.key}). Witnesses ({@code
 * witness}), receipts ({@code receipt}) and audit keys ({@code signing}) have their packages.
 *
 * <p>Writing: {@link codefed.gateway.audit.AuditLog} (group commit: one fsync per batch of
 * concurrent appends; an append returns only once its record is durable). Recovery at open
 * truncates a torn tail and refuses damage in the middle. Proofs: RFC 9162 Merkle tree in {@code
 * merkle}. Auditing, trusting only the PKI: {@link codefed.gateway.audit.LogVerifier}; replay and
 * what-if in {@code replay}; the HTML report in {@code report}; the gRPC AuditService in {@code
 * service}. What names a person, a code or a place is sealed for the auditors' key ({@code seal}):
 * the gateway can write it, only the auditors can open it.
 */
package codefed.gateway.audit;
