package codefed.bench.server;

import codefed.bench.proc.ChildProtocol;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of a benchmark child JVM: {@code ServerMain <role> --key value ...}. Roles: {@code
 * baseline} (the trivial mTLS service every result is compared with), {@code nodes} (province
 * nodes) and {@code gateway}.
 */
public final class ServerMain {
  private static final Logger LOG = Logger.getLogger(ServerMain.class.getName());

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ServerMain <role> [--key value]...");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    ChildProtocol protocol = ChildProtocol.onStdout();
    try (ServerRole role = Roles.create(args[0], options)) {
      protocol.ready(role.start());
      protocol.serve(role::handle);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "role " + args[0] + " failed", e);
      System.out.println(ChildProtocol.ERR + " " + e);
      System.exit(1);
    }
    System.exit(0);
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got: " + args[i]);
      }
      m.put(args[i].substring(2), args[i + 1]);
    }
    return m;
  }
}
