package codefed.node.grpc;

import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getGetIssuerKeysMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getIssueCodeMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getSetRiskAreasMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getUpdateStatusMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getVerifyCodeMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getWatchStatusChangesMethod;

import codefed.pki.Role;
import codefed.tls.RoleTable;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import java.util.Set;

/**
 * Who may call what on a node, as the rpc comments of node.proto and drill.proto say: the role
 * table, and the RPCs that write, which {@link ProvinceAuthority} further binds to the node's own
 * province.
 */
public final class NodeRoles {
  private static final RoleTable TABLE =
      RoleTable.builder()
          .allow(getVerifyCodeMethod(), Role.GATEWAY)
          .allow(getWatchStatusChangesMethod(), Role.GATEWAY)
          .allow(getGetIssuerKeysMethod(), Role.GATEWAY, Role.AUDITOR, Role.PLATFORM, Role.NODE)
          .allow(getIssueCodeMethod(), Role.PLATFORM)
          .allow(getUpdateStatusMethod(), Role.PLATFORM)
          .allow(getSetRiskAreasMethod(), Role.PLATFORM)
          .allow(NodeDrillServiceGrpc.getSetFaultMethod(), Role.PLATFORM)
          .build();

  /**
   * RPCs that change the node's state: only {@code platform/<this node's province>} may call them.
   */
  private static final Set<String> WRITES =
      Set.of(
          getIssueCodeMethod().getFullMethodName(),
          getUpdateStatusMethod().getFullMethodName(),
          getSetRiskAreasMethod().getFullMethodName(),
          NodeDrillServiceGrpc.getSetFaultMethod().getFullMethodName());

  private NodeRoles() {}

  public static RoleTable table() {
    return TABLE;
  }

  /** Whether {@code fullMethodName} writes, so that only the node's own platform may call it. */
  public static boolean writes(String fullMethodName) {
    return WRITES.contains(fullMethodName);
  }
}
