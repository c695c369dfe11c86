/**
 * A province node, embeddable or run by {@code codefed node}: its domain core (issuance, status
 * book, change feed, issuer keys) free of gRPC, built by {@code ProvinceNode.builder()}.
 */
package codefed.node;
