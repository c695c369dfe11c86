/**
 * The generator's gRPC side: a few mTLS channels per target, unary and streaming scan calls started
 * without blocking, and the classification of each answer into the scenario's result categories.
 */
package codefed.bench.client;
