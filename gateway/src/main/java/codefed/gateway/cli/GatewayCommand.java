package codefed.gateway.cli;

import codefed.gateway.config.GatewayConfigLoader;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Override
  public Integer call() throws Exception {
    GatewayOptions options = GatewayConfigLoader.load(config);
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
                + (gateway.metricsPort() < 0
                    ? ""
                    : ", metrics on http://127.0.0.1:" + gateway.metricsPort() + "/metrics"));
    spec.commandLine().getOut().flush();
    gateway.blockUntilShutdown();
    return 0;
  }
}
