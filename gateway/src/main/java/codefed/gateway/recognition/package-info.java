/**
 * One decision per scan, free of gRPC: verify the code against the trust list (step 1), the pure
 * decision rules (recognition, expiry, status, evaluation), the issuer's status only when needed,
 * and the audit record that lets an auditor rebuild the input and re-run the decision.
 */
package codefed.gateway.recognition;
