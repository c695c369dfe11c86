package codefed.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Writes one party's bundle: exactly what that party runs with, in the layout of a PKI directory so
 * every component that opens a PKI directory opens a bundle unchanged. A bundle holds the party's
 * certificate and key, the CA certificate, the CRL, the trust list and {@code pki.properties}; a
 * node's bundle also holds its own province's issuer keys, a gateway's the auditors' sealing
 * certificate, an auditor's the gateway certificates (public) it checks audit logs against and the
 * auditors' private sealing key. Never the CA key, never another party's key.
 *
 * <p>Running it again on the same bundle refreshes it (new CRL, trust list, issuer keys, re-issued
 * certificate): each file is replaced atomically, keys stay 0600, public files 0644.
 */
public final class PkiBundles {
  private static final Logger LOG = Logger.getLogger(PkiBundles.class.getName());
  static final String ROLE_PROPERTY = "bundle_role";
  static final String NAME_PROPERTY = "bundle_name";
  static final String JURISDICTION_PROPERTY = "jurisdiction";

  private PkiBundles() {}

  /**
   * Writes or refreshes the bundle of {@code role}/{@code name} from the authority's directory.
   *
   * @param jurisdiction for a checkpoint, the gateway it is bound to (kept from the existing bundle
   *     when empty); refused for other roles
   */
  public static PkiDirectory write(
      Path authorityDir, Role role, String name, Path out, Optional<String> jurisdiction) {
    PkiDirectory authority = PkiDirectory.open(authorityDir);
    if (authority.bundleOwner().isPresent()) {
      throw new IllegalArgumentException(
          "--dir "
              + authorityDir
              + ": is the bundle of "
              + authority.bundleOwner().get()
              + " (bundles are made from the authority's PKI directory)");
    }
    PkiLayout from = authority.layout();
    PkiLayout to = new PkiLayout(out.toAbsolutePath().normalize());
    if (to.root().equals(from.root())) {
      throw new IllegalArgumentException(
          "--out: " + out + " (expected: a directory other than --dir)");
    }
    if (jurisdiction.isPresent() && role != Role.CHECKPOINT) {
      throw new IllegalArgumentException(
          "--jurisdiction: only a checkpoint is bound to a gateway (not "
              + role.pathSegment()
              + ")");
    }
    jurisdiction.ifPresent(j -> requireFleet(from, j));
    Optional<String> bound =
        jurisdiction.or(() -> existingBundle(to, authority.spiffeId(role, name)));
    Path cert = authority.certificate(role, name);
    Path key = authority.privateKey(role, name);

    copySecret(key, to.privateKey(role, name));
    copyPublic(cert, to.certificate(role, name));
    copyPublic(from.caCertificate(), to.caCertificate());
    copyPublic(from.crl(), to.crl());
    copyPublic(from.trustList(), to.trustList());
    if (role == Role.NODE) {
      mirrorIssuer(from.issuerDir(name), to.issuerDir(name));
    }
    if (role == Role.GATEWAY && Files.isRegularFile(from.auditorSealCertificate())) {
      copyPublic(
          from.auditorSealCertificate(), to.auditorSealCertificate()); // what it seals evidence to
    }
    if (role == Role.AUDITOR && Files.isRegularFile(from.auditorSealKey())) {
      copyPublic(from.auditorSealCertificate(), to.auditorSealCertificate());
      copySecret(from.auditorSealKey(), to.auditorSealKey()); // opens sealed evidence
    }
    if (role == Role.AUDITOR) {
      for (Path gatewayCert : files(from.root().resolve(Role.GATEWAY.pathSegment()), ".crt")) {
        copyPublic(
            gatewayCert,
            to.root().resolve(Role.GATEWAY.pathSegment()).resolve(gatewayCert.getFileName()));
      }
    }
    writeProperties(to, authority.trustDomain(), role, name, bound);
    LOG.fine(() -> "bundle of " + authority.spiffeId(role, name) + " written to " + to.root());
    return PkiDirectory.open(to.root());
  }

  /**
   * A checkpoint is bound to a jurisdiction that has at least one gateway ({@link GatewayFleet}).
   */
  private static void requireFleet(PkiLayout from, String jurisdiction) {
    boolean any =
        files(from.root().resolve(Role.GATEWAY.pathSegment()), ".crt").stream()
            .map(f -> f.getFileName().toString().replaceFirst("\\.crt$", ""))
            .anyMatch(name -> GatewayFleet.isMember(jurisdiction, name));
    if (!any) {
      throw new IllegalArgumentException(
          "--jurisdiction: "
              + jurisdiction
              + " has no gateway in "
              + from.root()
              + " (expected: gateway/"
              + jurisdiction
              + " or gateway/"
              + jurisdiction
              + "-<member>; codefed certs issue gateway NAME)");
    }
  }

  /**
   * The jurisdiction of the bundle already at {@code to}; refuses a directory that is something
   * else.
   */
  private static Optional<String> existingBundle(PkiLayout to, SpiffeId owner) {
    if (!Files.exists(to.root())) {
      return Optional.empty();
    }
    if (!Files.exists(to.properties())) {
      if (!isEmptyDirectory(to.root())) {
        throw new IllegalArgumentException(
            "--out "
                + to.root()
                + ": exists and is not a bundle (expected: a new or empty directory)");
      }
      return Optional.empty();
    }
    PkiDirectory existing = PkiDirectory.open(to.root());
    if (!existing.bundleOwner().equals(Optional.of(owner))) {
      throw new IllegalArgumentException(
          "--out "
              + to.root()
              + ": is "
              + existing
                  .bundleOwner()
                  .map(o -> "the bundle of " + o)
                  .orElse("an authority PKI directory")
              + ", not a bundle of "
              + owner);
    }
    return existing.boundJurisdiction();
  }

  /** Copies a province's issuer directory and removes what the authority no longer has there. */
  private static void mirrorIssuer(Path from, Path to) {
    List<Path> files = files(from, "");
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no issuer key in " + from + " (add the issuer with codefed certs init --provinces ...)");
    }
    Set<Path> names = new HashSet<>();
    // Keys and public keys first, issuer.properties last: a node never reads a key id whose file is
    // missing.
    for (Path f : files) {
      names.add(f.getFileName());
      if (f.getFileName().toString().endsWith(".key")) {
        copySecret(f, to.resolve(f.getFileName()));
      } else if (!f.getFileName().toString().endsWith(".properties")) {
        copyPublic(f, to.resolve(f.getFileName()));
      }
    }
    for (Path f : files) {
      if (f.getFileName().toString().endsWith(".properties")) {
        copyPublic(f, to.resolve(f.getFileName()));
      }
    }
    for (Path stale : files(to, "")) {
      if (!names.contains(stale.getFileName())) {
        delete(stale);
      }
    }
  }

  private static void writeProperties(
      PkiLayout to, String domain, Role role, String name, Optional<String> jurisdiction) {
    Properties p = new Properties();
    p.setProperty("trust_domain", domain);
    p.setProperty(ROLE_PROPERTY, role.pathSegment());
    p.setProperty(NAME_PROPERTY, name);
    jurisdiction.ifPresent(j -> p.setProperty(JURISDICTION_PROPERTY, j));
    StringWriter w = new StringWriter();
    try {
      p.store(
          w,
          "codefed bundle of "
              + role.pathSegment()
              + "/"
              + name
              + " (no CA key, no other party's key)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PemFiles.writePublic(to.properties(), w.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void copyPublic(Path from, Path to) {
    PemFiles.writePublic(to, read(from));
  }

  private static void copySecret(Path from, Path to) {
    PemFiles.writeSecret(to, read(from));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Regular files directly in {@code dir} whose names end with {@code suffix}, sorted; none if no
   * dir.
   */
  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(Objects.requireNonNull(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
