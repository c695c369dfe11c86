package codefed.pki;

import codefed.signing.Signer;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A PKI directory: the authority's, made by {@code codefed certs init} (the federation CA
 * certificate and key, the CRL, every identity, every issuer's code-signing keys and the signed
 * trust list), or one party's bundle, made by {@code codefed certs bundle} in the same layout with
 * only that party's files. Read-only view; {@link PkiInitializer} and {@link PkiBundles} write
 * them.
 */
public final class PkiDirectory {
  private final PkiLayout layout;
  private final String trustDomain;
  private final X509Certificate caCertificate;
  private final Optional<SpiffeId> bundleOwner;
  private final Optional<String> boundJurisdiction;

  private PkiDirectory(
      PkiLayout layout,
      String trustDomain,
      X509Certificate caCertificate,
      Optional<SpiffeId> bundleOwner,
      Optional<String> boundJurisdiction) {
    this.layout = layout;
    this.trustDomain = trustDomain;
    this.caCertificate = caCertificate;
    this.bundleOwner = bundleOwner;
    this.boundJurisdiction = boundJurisdiction;
  }

  /** Opens a directory made by {@code certs init}; the message says what is missing. */
  public static PkiDirectory open(Path dir) {
    PkiLayout layout = new PkiLayout(dir.toAbsolutePath().normalize());
    if (!Files.isRegularFile(layout.properties())) {
      throw new IllegalArgumentException(
          "--pki "
              + dir
              + ": not a PKI directory (no pki.properties; run 'codefed certs init --dir "
              + dir
              + "')");
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
    Optional<SpiffeId> owner = Optional.empty();
    String role = p.getProperty(PkiBundles.ROLE_PROPERTY);
    if (role != null) {
      owner =
          Optional.of(
              new SpiffeId(
                  domain, Role.fromPathSegment(role), p.getProperty(PkiBundles.NAME_PROPERTY)));
    }
    Optional<String> jurisdiction =
        Optional.ofNullable(p.getProperty(PkiBundles.JURISDICTION_PROPERTY))
            .filter(j -> !j.isBlank());
    return new PkiDirectory(
        layout, domain, PemFiles.readCertificate(layout.caCertificate()), owner, jurisdiction);
  }

  /** The party this directory is a bundle of; empty for the authority's directory. */
  public Optional<SpiffeId> bundleOwner() {
    return bundleOwner;
  }

  /**
   * The jurisdiction whose gateway a checkpoint bundle was issued for ({@code certs bundle
   * checkpoint NAME --jurisdiction J}); what {@code codefed scan} pins by default.
   */
  public Optional<String> boundJurisdiction() {
    return boundJurisdiction;
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
    return existing(layout.certificate(role, name), role, name, "certificate");
  }

  public Path privateKey(Role role, String name) {
    return existing(layout.privateKey(role, name), role, name, "key");
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
    if (bundleOwner.isPresent() && !Files.isDirectory(layout.issuerDir(issuer))) {
      throw new IllegalArgumentException(
          "bundle "
              + layout.root()
              + " has no issuer key of "
              + issuer
              + " (only the bundle of node/"
              + issuer
              + " carries it; run codefed certs bundle node "
              + issuer
              + " --dir PKI --out DIR)");
    }
    return IssuerKeys.signer(layout, issuer);
  }

  /** The issuer's active key as {@code issuer.properties} names it now: id and validity start. */
  public record ActiveIssuerKey(String keyId, Instant notBefore) {}

  /** Re-read on every call, so a watcher sees a rotation ({@code certs rotate-issuer-key}). */
  public ActiveIssuerKey activeIssuerKey(String issuer) {
    IssuerKeys.ActiveKey k = IssuerKeys.active(layout, issuer);
    return new ActiveIssuerKey(k.keyId(), k.notBefore());
  }

  /** Where the issuer's key files are ({@code issuers/<issuer>/}), e.g. to watch them. */
  public Path issuerKeyDirectory(String issuer) {
    return layout.issuerDir(issuer);
  }

  /** Issuers with a code-signing key in this PKI. */
  public List<String> issuers() {
    return IssuerKeys.issuers(layout);
  }

  /**
   * The signed trust list, verified against the CA. Its freshness is judged by the wall clock (it
   * is an operational artefact), independent of any drill clock a node or gateway runs on.
   */
  public TrustList trustList() throws TrustListException {
    return TrustList.load(layout.trustList(), caCertificate, Instant.now());
  }

  PkiLayout layout() {
    return layout;
  }

  private Path existing(Path p, Role role, String name, String what) {
    if (!Files.isRegularFile(p) && bundleOwner.isPresent()) {
      throw new IllegalArgumentException(
          "bundle "
              + layout.root()
              + " has no "
              + role.pathSegment()
              + "/"
              + name
              + " "
              + what
              + " (it is the bundle of "
              + bundleOwner.get()
              + "); run codefed certs bundle "
              + role.pathSegment()
              + " "
              + name
              + " --dir PKI --out DIR");
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "no "
              + role.pathSegment()
              + " identity \""
              + name
              + "\" in "
              + layout.root()
              + " (create it: codefed certs issue "
              + role.pathSegment()
              + " "
              + name
              + " --dir "
              + layout.root()
              + ")");
    }
    return p;
  }
}
