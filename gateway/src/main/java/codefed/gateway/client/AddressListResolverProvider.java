package codefed.gateway.client;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import io.grpc.StatusOr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code gateways:///host1:port1,host2:port2} to one address group per gateway (per IP
 * address of each host), so the round-robin balancer keeps a subchannel to every gateway. Host
 * names are looked up again on {@link NameResolver#refresh()} (after a connection fails).
 */
public final class AddressListResolverProvider extends NameResolverProvider {
  public static final String SCHEME = "gateways";

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    String path = targetUri.getPath();
    List<String> entries = List.of((path.startsWith("/") ? path.substring(1) : path).split(","));
    return new Resolver(entries);
  }

  private static final class Resolver extends NameResolver {
    private final List<String> entries;
    private Listener2 listener;

    Resolver(List<String> entries) {
      this.entries = List.copyOf(entries);
    }

    @Override
    public String getServiceAuthority() {
      return entries.get(0);
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String e : entries) {
        int colon = e.lastIndexOf(':');
        String host = e.substring(0, colon);
        int port = Integer.parseInt(e.substring(colon + 1));
        try {
          for (InetAddress a : InetAddress.getAllByName(host)) {
            groups.add(
                new EquivalentAddressGroup(List.<SocketAddress>of(new InetSocketAddress(a, port))));
          }
        } catch (UnknownHostException ex) {
          unknown.add(host); // the other gateways still serve
        }
      }
      if (groups.isEmpty()) {
        listener.onError(Status.UNAVAILABLE.withDescription("unknown host(s): " + unknown));
        return;
      }
      listener.onResult2(
          ResolutionResult.newBuilder().setAddressesOrError(StatusOr.fromValue(groups)).build());
    }

    @Override
    public void shutdown() {
      // nothing held
    }
  }
}
