/**
 * Witnesses ({@code codefed witness}) and rollback detection: a witness pulls each gateway's signed
 * checkpoint, checks it extends the last one by a consistency proof, cosigns and keeps it; the
 * gateway at start and {@code audit verify --witness} refuse a log shorter than or inconsistent
 * with what was cosigned.
 */
package codefed.gateway.audit.witness;
