package codefed.node.grpc;

import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getGetIssuerKeysMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getIssueCodeMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getSetFaultMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getSetRiskAreasMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getUpdateStatusMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getVerifyCodeMethod;
import static healthcode.federation.v1.ProvinceNodeServiceGrpc.getWatchStatusChangesMethod;

import codefed.pki.Role;
import codefed.tls.RoleTable;

/** Who may call what on a node, as the rpc comments of node.proto say. */
public final class NodeRoles {
  private static final RoleTable TABLE =
      RoleTable.builder()
          .allow(getVerifyCodeMethod(), Role.GATEWAY)
          .allow(getWatchStatusChangesMethod(), Role.GATEWAY)
          .allow(getGetIssuerKeysMethod(), Role.GATEWAY, Role.AUDITOR, Role.PLATFORM, Role.NODE)
          .allow(getIssueCodeMethod(), Role.PLATFORM)
          .allow(getUpdateStatusMethod(), Role.PLATFORM)
          .allow(getSetRiskAreasMethod(), Role.PLATFORM)
          .allow(getSetFaultMethod(), Role.PLATFORM)
          .build();

  private NodeRoles() {}

  public static RoleTable table() {
    return TABLE;
  }
}
