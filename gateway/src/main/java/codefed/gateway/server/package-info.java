/**
 * The gateway's gRPC server: {@code RecognitionService} over mutual TLS with per-RPC roles,
 * per-checkpoint rate limits, flow-controlled streams with per-issuer lanes, health tied to the
 * audit writer and trust material, rollback refusal, and the one mapping from domain exceptions to
 * statuses.
 */
package codefed.gateway.server;
