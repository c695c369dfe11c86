package codefed.gateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every policy version of every jurisdiction the gateway knows: the whole history, so that a
 * decision is evaluated under the version in force at its scan time. Immutable.
 */
public final class PolicyBook {
  /** Lists the shipped policy documents, one resource name per line. */
  static final String SHIPPED_INDEX = "/policies/INDEX";

  private final Map<String, TreeMap<Instant, Policy>> byJurisdiction;
  private final Map<String, Policy> byHash;

  private PolicyBook(
      Map<String, TreeMap<Instant, Policy>> byJurisdiction, Map<String, Policy> byHash) {
    this.byJurisdiction = byJurisdiction;
    this.byHash = byHash;
  }

  /**
   * A book of these versions.
   *
   * @throws PolicyException if two versions of a jurisdiction share an effective instant or a
   *     version label (which one would apply would be ambiguous)
   */
  public static PolicyBook of(Collection<Policy> policies) throws PolicyException {
    Map<String, TreeMap<Instant, Policy>> byJurisdiction = new HashMap<>();
    Map<String, Policy> byHash = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<Policy> ordered = new ArrayList<>(policies);
    ordered.sort(Comparator.comparing(Policy::sourceName));
    for (Policy p : ordered) {
      TreeMap<Instant, Policy> versions =
          byJurisdiction.computeIfAbsent(p.jurisdiction(), j -> new TreeMap<>());
      Policy sameInstant = versions.get(p.effectiveFrom());
      if (sameInstant != null) {
        problems.add(
            p.sourceName()
                + ": effective_from: "
                + p.effectiveFrom()
                + " (expected: different from "
                + sameInstant.sourceName()
                + ")");
        continue;
      }
      Optional<Policy> sameLabel =
          versions.values().stream().filter(v -> v.version().equals(p.version())).findFirst();
      if (sameLabel.isPresent()) {
        problems.add(
            p.sourceName()
                + ": version: \""
                + p.version()
                + "\" (expected: different from "
                + sameLabel.get().sourceName()
                + ")");
        continue;
      }
      versions.put(p.effectiveFrom(), p);
      byHash.put(p.contentHashHex(), p);
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return new PolicyBook(byJurisdiction, byHash);
  }

  /**
   * The policies shipped with the gateway (DESIGN.md's table), read from the classpath once (the
   * book is immutable, so every caller shares it).
   */
  public static PolicyBook shipped() {
    return Shipped.BOOK;
  }

  /** Loaded on first use. */
  private static final class Shipped {
    static final PolicyBook BOOK = loadShipped();
  }

  private static PolicyBook loadShipped() {
    try {
      return of(
          shippedDocuments().entrySet().stream()
              .map(e -> parseShipped(e.getKey(), e.getValue()))
              .toList());
    } catch (PolicyException e) {
      throw new IllegalStateException("shipped policies are inconsistent: " + e.getMessage(), e);
    }
  }

  /** The shipped documents by file name, exactly as they are hashed. */
  public static Map<String, String> shippedDocuments() {
    Map<String, String> documents = new TreeMap<>();
    for (String line : resource(SHIPPED_INDEX).split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        documents.put(name, resource("/policies/" + name));
      }
    }
    return documents;
  }

  private static Policy parseShipped(String name, String text) {
    try {
      return PolicyParser.parse(name, text);
    } catch (PolicyException e) {
      throw new IllegalStateException("shipped policy is invalid: " + e.getMessage(), e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = PolicyBook.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  /** The version with the greatest effective_from at or before {@code at}. */
  public Optional<Policy> inForce(String jurisdiction, Instant at) {
    TreeMap<Instant, Policy> versions = byJurisdiction.get(jurisdiction);
    if (versions == null) {
      return Optional.empty();
    }
    var entry = versions.floorEntry(at);
    return entry == null ? Optional.empty() : Optional.of(entry.getValue());
  }

  /** The version whose document has this SHA-256 (for replay). */
  public Optional<Policy> byHash(byte[] contentHash) {
    return Optional.ofNullable(byHash.get(java.util.HexFormat.of().formatHex(contentHash)));
  }

  /** Every version of a jurisdiction, oldest first. */
  public List<Policy> versions(String jurisdiction) {
    TreeMap<Instant, Policy> versions = byJurisdiction.get(jurisdiction);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** Every version of every jurisdiction. */
  public List<Policy> all() {
    return byJurisdiction.values().stream().flatMap(v -> v.values().stream()).toList();
  }

  /** Whether the book holds a version with this content hash. */
  public boolean contains(byte[] contentHash) {
    return byHash(contentHash).isPresent();
  }

  @Override
  public String toString() {
    return "PolicyBook" + Arrays.toString(all().stream().map(Policy::id).toArray());
  }
}
