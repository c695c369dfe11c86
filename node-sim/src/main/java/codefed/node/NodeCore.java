package codefed.node;

import codefed.node.assertion.StatusAssertions;
import codefed.node.fault.NodeFaults;
import codefed.node.issuance.CodeIssuer;
import codefed.node.status.StatusBook;
import healthcode.federation.v1.IssuerKey;
import java.util.List;
import java.util.function.Supplier;

/**
 * The domain side of one province node, free of gRPC: what the service, the command line and
 * embedding drivers share.
 *
 * @param province the 6-digit GB/T 2260 code this node answers for
 * @param issuerKeys the province's issuer public keys (from the trust list)
 */
public record NodeCore(
    String province,
    StatusBook book,
    CodeIssuer codes,
    StatusAssertions assertions,
    NodeFaults faults,
    Supplier<List<IssuerKey>> issuerKeys) {}
