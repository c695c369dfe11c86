/**
 * The nginx peer: an nginx configuration that terminates the checkpoint's mTLS and passes
 * VerifyCode calls to a node over mTLS, the binary located (or installed), and the process run and
 * measured as a child of the benchmark.
 */
package codefed.bench.peer;
