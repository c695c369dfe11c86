package codefed.node.grpc;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;

/** A caller's mTLS channel to a node on this machine, pinned to that node's identity. */
final class NodeChannels {
  private NodeChannels() {}

  /**
   * As {@code role}/{@code name} of {@code pki}, to the node of {@code province} on {@code port}.
   */
  static ManagedChannel to(int port, PkiDirectory pki, Role role, String name, String province) {
    return Grpc.newChannelBuilderForAddress(
            "localhost",
            port,
            MtlsCredentials.client(pki, role, name, pki.spiffeId(Role.NODE, province)))
        .build();
  }
}
