package codefed.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Finds the nginx binary; when asked to and allowed to (root, apt-get present), installs Debian's
 * nginx first. Says why when there is none.
 */
public final class NginxLocator {
  private static final Logger LOG = Logger.getLogger(NginxLocator.class.getName());
  private static final List<Path> CANDIDATES =
      List.of(
          Path.of("/usr/sbin/nginx"),
          Path.of("/usr/bin/nginx"),
          Path.of("/usr/local/sbin/nginx"),
          Path.of("/usr/local/nginx/sbin/nginx"));

  /** Where nginx is, or why it is not there. */
  public record Located(Optional<Path> binary, String reason) {}

  private NginxLocator() {}

  public static Located locate(boolean install) {
    Optional<Path> found = find();
    if (found.isPresent()) {
      return new Located(found, "found " + found.get());
    }
    if (!install) {
      return new Located(Optional.empty(), "nginx is not installed (apt-get install nginx)");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return new Located(
          Optional.empty(),
          "nginx is not installed and installing it needs root "
              + "(run: sudo apt-get install -y nginx)");
    }
    if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
      return new Located(Optional.empty(), "nginx is not installed and there is no apt-get here");
    }
    LOG.info("nginx missing: installing Debian's nginx (apt-get install -y nginx)");
    try {
      Process p =
          new ProcessBuilder("apt-get", "install", "-y", "-q", "nginx")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Located(Optional.empty(), "apt-get install nginx did not finish in 5 minutes");
      }
      if (p.exitValue() != 0) {
        return new Located(
            Optional.empty(), "apt-get install nginx failed (exit " + p.exitValue() + ")");
      }
    } catch (IOException e) {
      return new Located(Optional.empty(), "cannot run apt-get: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Located(Optional.empty(), "interrupted while installing nginx");
    }
    found = find();
    return new Located(
        found,
        found.isPresent()
            ? "installed " + found.get()
            : "apt-get installed nginx but no binary was found");
  }

  private static Optional<Path> find() {
    for (Path p : CANDIDATES) {
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(":")) {
        Path p = Path.of(dir, "nginx");
        if (!dir.isEmpty() && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
