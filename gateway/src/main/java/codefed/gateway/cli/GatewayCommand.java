package codefed.gateway.cli;

import codefed.gateway.config.ConfigException;
import codefed.gateway.config.GatewayConfigLoader;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.status.NodeLimit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Run a recognition gateway (RecognitionService over mTLS). */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = "Run a recognition gateway (RecognitionService over mTLS) until interrupted.")
public final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "Gateway configuration (GatewayConfig textproto); see gateway/README.md.")
  Path config;

  @Option(
      names = "--node-limit",
      defaultValue = "fixed",
      paramLabel = "fixed|adaptive",
      converter = NodeLimitConverter.class,
      description =
          "calls in flight per issuer's node: fixed at the bulkhead size, or adaptive (learnt "
              + "from the node's round trips, up to that size) (default: ${DEFAULT-VALUE})")
  NodeLimit nodeLimit;

  /** Reads {@code fixed} or {@code adaptive}; anything else is a usage error naming the value. */
  public static final class NodeLimitConverter implements ITypeConverter<NodeLimit> {
    @Override
    public NodeLimit convert(String value) {
      try {
        return NodeLimit.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("\"" + value + "\" (expected fixed or adaptive)");
      }
    }
  }

  /** The configuration file's options with the command line's node limit. */
  GatewayOptions options() throws ConfigException {
    GatewayOptions file = GatewayConfigLoader.load(config);
    return file.withStatus(nodeLimit.applyTo(file.status()));
  }

  @Override
  public Integer call() throws Exception {
    GatewayOptions options = options();
    GatewayServer gateway = GatewayServer.builder(options).configFile(config).build();
    int port = gateway.start();
    Thread stopper = new Thread(gateway::stop, "gateway-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    spec.commandLine()
        .getOut()
        .println(
            "codefed gateway: "
                + options.identity()
                + " for "
                + options.jurisdiction()
                + " listening on port "
                + port
                + " (node limit "
                + nodeLimit.label()
                + ")"
                + (gateway.metricsPort() < 0
                    ? ""
                    : ", metrics on http://127.0.0.1:" + gateway.metricsPort() + "/metrics"));
    spec.commandLine().getOut().flush();
    gateway.blockUntilShutdown();
    return 0;
  }
}
