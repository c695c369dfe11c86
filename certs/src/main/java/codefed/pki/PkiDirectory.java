package codefed.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Properties;
import java.util.List;
import java.time.Instant;
import codefed.signing.Signer;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;

/**
 * A PKI directory made by {@code codefed certs init}: the federation CA certificate, the CRL,
 * identities (certificate + key per role and name), issuer code-signing keys and the signed
 * trust list. Read-only view; {@link PkiInitializer} writes it.
 */
public final class PkiDirectory {
  private final PkiLayout layout;
  private final String trustDomain;
  private final X509Certificate caCertificate;

  private PkiDirectory(PkiLayout layout, String trustDomain, X509Certificate caCertificate) {
    this.layout = layout;
    this.trustDomain = trustDomain;
    this.caCertificate = caCertificate;
  }

  /** Opens a directory made by {@code certs init}; the message says what is missing. */
  public static PkiDirectory open(Path dir) {
    PkiLayout layout = new PkiLayout(dir.toAbsolutePath().normalize());
    if (!Files.isRegularFile(layout.properties())) {
      throw new IllegalArgumentException(
          "--pki " + dir + ": not a PKI directory (no pki.properties; run 'codefed certs init --dir "
              + dir + "')");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(layout.properties())) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + layout.properties(), e);
    }
    String domain = p.getProperty("trust_domain");
    if (domain == null || domain.isBlank()) {
      throw new IllegalArgumentException(layout.properties() + ": trust_domain missing");
    }
    return new PkiDirectory(layout, domain, PemFiles.readCertificate(layout.caCertificate()));
  }

  public Path root() {
    return layout.root();
  }

  public String trustDomain() {
    return trustDomain;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  public Path caCertificatePath() {
    return layout.caCertificate();
  }

  public Path crl() {
    return layout.crl();
  }

  public SpiffeId spiffeId(Role role, String name) {
    return new SpiffeId(trustDomain, role, name);
  }

  public Path certificate(Role role, String name) {
    return existing(layout.certificate(role, name), role, name);
  }

  public Path privateKey(Role role, String name) {
    return existing(layout.privateKey(role, name), role, name);
  }

  public boolean hasIdentity(Role role, String name) {
    return Files.isRegularFile(layout.certificate(role, name))
        && Files.isRegularFile(layout.privateKey(role, name));
  }

  /** The CA-certified X25519 key audit evidence is sealed to ({@link AuditorSealKeys}). */
  public Path auditorSealCertificatePath() {
    return layout.auditorSealCertificate();
  }

  /** The auditors' private sealing key (auditors' material only). */
  public Path auditorSealKeyPath() {
    return layout.auditorSealKey();
  }

  public Path trustListPath() {
    return layout.trustList();
  }

  /** The active code-signing key of a province or NATIONAL (what its node signs with). */
  public Signer issuerSigner(String issuer) {
    return IssuerKeys.signer(layout, issuer);
  }

  /** Issuers with a code-signing key in this PKI. */
  public List<String> issuers() {
    return IssuerKeys.issuers(layout);
  }

  /**
   * The signed trust list, verified against the CA. Its freshness is judged by the wall clock
   * (it is an operational artefact), independent of any drill clock a node or gateway runs on.
   */
  public TrustList trustList() throws TrustListException {
    return TrustList.load(layout.trustList(), caCertificate, Instant.now());
  }

  PkiLayout layout() {
    return layout;
  }

  private Path existing(Path p, Role role, String name) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "no " + role.pathSegment() + " identity \"" + name + "\" in " + layout.root()
              + " (create it: codefed certs issue " + role.pathSegment() + " " + name + " --dir "
              + layout.root() + ")");
    }
    return p;
  }
}
