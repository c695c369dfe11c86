package codefed.bench.server;

import codefed.node.ProvinceNode;
import codefed.node.assertion.AnswerSigner;
import codefed.node.assertion.SignBatching;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.issuance.IssueOptions;
import codefed.pki.PkiDirectory;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Province nodes, one per issuer, each on its own mTLS port, in one JVM (the "nodes" process).
 * Commands: {@code issue <issuer> <count> <file>} writes that many freshly issued QR texts (plain
 * green residents, no color snapshot), one per line; {@code signing} answers the answers signed and
 * the signatures made so far by all nodes; {@code down <issuer>} / {@code up <issuer>} flip the
 * node's fault switch.
 */
final class NodesRole implements ServerRole {
  private final PkiDirectory pki;
  private final List<String> issuers;
  private final SignBatching signBatching;
  private final Map<String, ProvinceNode> nodes = new LinkedHashMap<>();

  NodesRole(PkiDirectory pki, List<String> issuers, SignBatching signBatching) {
    this.pki = pki;
    this.issuers = List.copyOf(issuers);
    this.signBatching = signBatching;
  }

  @Override
  public String start() throws Exception {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String issuer : issuers) {
      ProvinceNode node =
          ProvinceNode.builder()
              .province(issuer)
              .pki(pki)
              .port(0)
              .signBatching(signBatching)
              .build();
      nodes.put(issuer, node);
      ports.put(issuer, node.start());
    }
    return "{\"ports\":{"
        + ports.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
            .collect(Collectors.joining(","))
        + "}}";
  }

  @Override
  public String handle(String[] words) throws Exception {
    switch (words[0]) {
      case "issue" -> {
        ProvinceNode node = node(words[1]);
        int count = Integer.parseInt(words[2]);
        long t0 = System.nanoTime();
        IssueOptions options = IssueOptions.builder().build();
        // Issuing is signing-bound: use every core (the generator waits; nothing is measured).
        List<String> codes =
            IntStream.range(0, count).parallel().mapToObj(i -> issue(node, options)).toList();
        try (BufferedWriter w =
            Files.newBufferedWriter(Path.of(words[3]), StandardCharsets.UTF_8)) {
          for (String qr : codes) {
            w.write(qr);
            w.newLine();
          }
        }
        return count + " " + (System.nanoTime() - t0) / 1_000_000 + "ms";
      }
      case "signing" -> {
        long answers = 0;
        long signatures = 0;
        for (ProvinceNode node : nodes.values()) {
          AnswerSigner.SigningCounts counts = node.signingCounts();
          answers += counts.answers();
          signatures += counts.signatures();
        }
        return answers + " " + signatures;
      }
      case "down" -> {
        node(words[1]).faults().down();
        return "down " + words[1];
      }
      case "up" -> {
        node(words[1]).faults().up();
        return "up " + words[1];
      }
      default -> throw new IllegalArgumentException("unknown command: " + words[0]);
    }
  }

  private static String issue(ProvinceNode node, IssueOptions options) {
    try {
      return node.issue(options).qrText();
    } catch (InvalidDeclarationException e) {
      throw new IllegalStateException("the default declaration was refused: " + e.getMessage(), e);
    }
  }

  private ProvinceNode node(String issuer) {
    ProvinceNode n = nodes.get(issuer);
    if (n == null) {
      throw new IllegalArgumentException(
          "issuer: " + issuer + " (expected one of " + issuers + ")");
    }
    return n;
  }

  @Override
  public void close() {
    nodes.values().forEach(ProvinceNode::close);
  }
}
