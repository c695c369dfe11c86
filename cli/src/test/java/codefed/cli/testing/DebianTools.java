package codefed.cli.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds a command-line tool that a test runs against the product (promtool, a Python gRPC client,
 * chromium), installing its Debian package first when the test machine allows it (root and
 * apt-get). Under {@code CI=true} a tool that cannot be had fails the test; elsewhere the test is
 * skipped with the command that would install it.
 */
public final class DebianTools {
  private static final List<Path> BIN_DIRS =
      List.of(
          Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/usr/local/bin"), Path.of("/bin"));
  private static boolean updated;

  private DebianTools() {}

  /** The path of {@code command}, after installing {@code packages} if it is missing. */
  public static synchronized Path require(String command, String... packages) {
    Path found = find(command);
    if (found != null) {
      return found;
    }
    String install = "apt-get install -y " + String.join(" ", packages);
    String why = tryInstall(packages);
    found = find(command);
    if (found != null) {
      return found;
    }
    String message = command + " is not available (" + install + "): " + why;
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message);
    }
    assumeTrue(false, message);
    throw new AssertionError("unreachable");
  }

  /**
   * Installs the Debian {@code packages} that are not installed yet (libraries and modules that
   * have no command of their own, e.g. {@code python3-grpcio}); fails or skips as {@link #require}.
   */
  public static synchronized void requirePackages(String... packages) {
    List<String> missing = new ArrayList<>();
    for (String p : packages) {
      if (!installed(p)) {
        missing.add(p);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String why = tryInstall(missing.toArray(String[]::new));
    missing.removeIf(DebianTools::installed);
    if (missing.isEmpty()) {
      return;
    }
    String message =
        "Debian packages not installed (apt-get install -y "
            + String.join(" ", missing)
            + "): "
            + why;
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message);
    }
    assumeTrue(false, message);
  }

  private static boolean installed(String pkg) {
    return statusOf(pkg).contains("install ok installed");
  }

  private static String statusOf(String pkg) {
    try {
      Process p =
          new ProcessBuilder("dpkg-query", "-W", "-f", "${Status}", pkg)
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static Path find(String command) {
    for (Path dir : BIN_DIRS) {
      Path p = dir.resolve(command);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static String tryInstall(String... packages) {
    if (!"root".equals(System.getProperty("user.name"))
        || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return "installing needs root and apt-get";
    }
    List<String> install =
        new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
    install.addAll(List.of(packages));
    String first = run(install);
    if (first.isEmpty()) {
      return "";
    }
    if (!updated) {
      updated = true;
      run(List.of("apt-get", "update", "-q"));
      return run(install);
    }
    return first;
  }

  /** Runs {@code command}; returns "" on success, else the tail of its output. */
  private static String run(List<String> command) {
    try {
      Path out = Files.createTempFile("apt", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return String.join(" ", command) + " did not finish in 10 minutes";
      }
      String log = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return p.exitValue() == 0
          ? ""
          : "exit " + p.exitValue() + ": " + log.substring(Math.max(0, log.length() - 400));
    } catch (IOException e) {
      return "cannot run " + command.get(0) + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
