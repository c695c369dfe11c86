package codefed.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Writes the authority's PKI directory: what {@code codefed certs init | issue | revoke | refresh}
 * run. Never replaces an existing key unless forced.
 */
public final class PkiInitializer {
  private static final Logger LOG = Logger.getLogger(PkiInitializer.class.getName());
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration LEAF_VALIDITY = Duration.ofDays(825);

  /**
   * A CRL is good for 30 days: {@code certs refresh} (daily, from a timer) re-signs it long before,
   * so a missed run or two never makes every handshake in the federation fail at once.
   */
  static final Duration CRL_VALIDITY = Duration.ofDays(30);

  private final Clock clock;

  public PkiInitializer(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What {@code certs init} creates. */
  public record InitRequest(
      Path dir,
      String trustDomain,
      List<String> issuers,
      healthcode.federation.v1.SignatureAlgorithm issuerAlgorithm,
      Instant issuerKeysNotBefore,
      List<String> extraDnsNames,
      boolean force,
      int checkpoints) {
    /** Most checkpoint scanners a single init issues; more are issued one by one. */
    public static final int MAX_CHECKPOINTS = 1000;

    /** One checkpoint identity, {@code checkpoint-1}. */
    public InitRequest(
        Path dir,
        String trustDomain,
        List<String> issuers,
        healthcode.federation.v1.SignatureAlgorithm issuerAlgorithm,
        Instant issuerKeysNotBefore,
        List<String> extraDnsNames,
        boolean force) {
      this(
          dir, trustDomain, issuers, issuerAlgorithm, issuerKeysNotBefore, extraDnsNames, force, 1);
    }

    public InitRequest {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(trustDomain, "trustDomain");
      issuers = List.copyOf(issuers);
      extraDnsNames = List.copyOf(extraDnsNames);
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException("--provinces: at least one province code is required");
      }
      if (checkpoints < 1 || checkpoints > MAX_CHECKPOINTS) {
        throw new IllegalArgumentException(
            "--checkpoints: " + checkpoints + " (expected: 1.." + MAX_CHECKPOINTS + ")");
      }
    }
  }

  /**
   * Creates the CA, a node, gateway and platform identity per issuer, {@code checkpoint-1} to
   * {@code checkpoint-N} (each scanner its own identity, so its own rate-limit bucket), {@code
   * auditor-1}, the auditors' sealing key, issuer code-signing keys, the signed trust list and an
   * empty CRL. Existing keys are kept (and reused) unless {@code force}.
   */
  public PkiDirectory init(InitRequest req) {
    Instant now = clock.instant();
    PkiLayout layout = new PkiLayout(req.dir().toAbsolutePath().normalize());
    if (Files.exists(layout.properties()) && !req.force()) {
      PkiDirectory existing = PkiDirectory.open(layout.root());
      if (!existing.trustDomain().equals(req.trustDomain())) {
        throw new IllegalStateException(
            layout.root()
                + " belongs to trust domain "
                + existing.trustDomain()
                + " (use --force to start over)");
      }
    }
    new SpiffeId(req.trustDomain(), Role.NODE, "x"); // validates the domain before writing anything
    writeProperties(layout, req.trustDomain(), req.force());

    CertificateAuthority ca = caFor(layout, req.trustDomain(), now, req.force());
    if (req.force() || !Files.exists(layout.crl())) {
      writeCrl(layout, ca, Map.of(), now);
    }
    PkiDirectory pki = PkiDirectory.open(layout.root());
    for (String issuer : req.issuers()) {
      ensureIdentity(pki, ca, Role.NODE, issuer, req.extraDnsNames(), req.force());
      ensureIdentity(pki, ca, Role.GATEWAY, issuer, req.extraDnsNames(), req.force());
      ensureIdentity(pki, ca, Role.PLATFORM, issuer, req.extraDnsNames(), req.force());
    }
    for (int i = 1; i <= req.checkpoints(); i++) {
      ensureIdentity(pki, ca, Role.CHECKPOINT, "checkpoint-" + i, req.extraDnsNames(), req.force());
    }
    ensureIdentity(pki, ca, Role.AUDITOR, "auditor-1", req.extraDnsNames(), req.force());
    AuditorSealKeys.ensure(layout, ca, req.trustDomain(), now, req.force());
    IssuerKeys.ensure(
        layout, req.issuers(), req.issuerAlgorithm(), req.issuerKeysNotBefore(), req.force());
    publishTrustList(layout, ca, now);
    return pki;
  }

  /** What {@code certs refresh} did: the new CRL and trust list. */
  public record Refreshed(X509CRL crl, long trustListVersion, Instant trustListNextUpdate) {}

  /**
   * Re-signs the CRL (same revoked entries, a new validity window) and the trust list (the same
   * keys, the next version, a new next_update). Nothing else changes; run it from a timer.
   */
  public Refreshed refresh(Path dir) {
    PkiDirectory pki = authority(dir);
    CertificateAuthority ca = loadCa(pki.layout());
    Instant now = clock.instant();
    writeCrl(pki.layout(), ca, revoked(pki), now);
    publishTrustList(pki.layout(), ca, now);
    healthcode.trust.v1.TrustList content;
    try {
      content =
          healthcode.trust.v1.TrustList.parseFrom(
              healthcode.trust.v1.SignedTrustList.parseFrom(Files.readAllBytes(pki.trustListPath()))
                  .getTrustList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pki.trustListPath(), e);
    }
    com.google.protobuf.Timestamp next = content.getNextUpdate();
    return new Refreshed(
        PemFiles.readCrl(pki.crl()),
        content.getVersion(),
        Instant.ofEpochSecond(next.getSeconds(), next.getNanos()));
  }

  /** Adds one identity (role + name); refuses to replace an existing one unless forced. */
  public Path issue(Path dir, Role role, String name, List<String> extraDnsNames, boolean force) {
    if (!role.isServer() && !extraDnsNames.isEmpty()) {
      throw new IllegalArgumentException(
          "--san: "
              + extraDnsNames
              + " (a "
              + role.pathSegment()
              + " is a client only; host names go on node and gateway certificates)");
    }
    PkiDirectory pki = authority(dir);
    CertificateAuthority ca = loadCa(pki.layout());
    if (pki.hasIdentity(role, name) && !force) {
      throw new IllegalStateException(
          role.pathSegment() + "/" + name + " exists in " + dir + " (use --force to replace it)");
    }
    issueIdentity(pki, ca, role, name, extraDnsNames, true);
    return pki.certificate(role, name);
  }

  /** Adds the certificate's serial to the CRL and re-signs it; returns the serial. */
  public BigInteger revoke(Path dir, Path certificate) {
    PkiDirectory pki = authority(dir);
    CertificateAuthority ca = loadCa(pki.layout());
    X509Certificate cert = PemFiles.readCertificate(certificate);
    try {
      cert.verify(ca.certificate().getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(certificate + ": not issued by this PKI's CA", e);
    }
    Map<BigInteger, Instant> revoked = revoked(pki);
    revoked.putIfAbsent(cert.getSerialNumber(), clock.instant());
    writeCrl(pki.layout(), ca, revoked, clock.instant());
    return cert.getSerialNumber();
  }

  /** The serials the current CRL lists, with their revocation times, in CRL order. */
  private static Map<BigInteger, Instant> revoked(PkiDirectory pki) {
    Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
    X509CRL current = PemFiles.readCrl(pki.crl());
    if (current.getRevokedCertificates() != null) {
      for (X509CRLEntry e : current.getRevokedCertificates()) {
        revoked.put(e.getSerialNumber(), e.getRevocationDate().toInstant());
      }
    }
    return revoked;
  }

  /**
   * Opens {@code dir} as the authority's directory: a party's bundle cannot issue, revoke or sign.
   */
  private static PkiDirectory authority(Path dir) {
    PkiDirectory pki = PkiDirectory.open(dir);
    if (pki.bundleOwner().isPresent()) {
      throw new IllegalArgumentException(
          "--dir "
              + dir
              + ": is the bundle of "
              + pki.bundleOwner().get()
              + " (use the authority's PKI directory, the one with ca/ca.key)");
    }
    return pki;
  }

  private static void publishTrustList(PkiLayout layout, CertificateAuthority ca, Instant now) {
    TrustLists.publish(layout, ca, now);
    PemFiles.makePublic(layout.trustList());
  }

  static CertificateAuthority loadCa(PkiLayout layout) {
    return new CertificateAuthority(
        PemFiles.readCertificate(layout.caCertificate()), PemFiles.readPrivateKey(layout.caKey()));
  }

  private CertificateAuthority caFor(PkiLayout layout, String domain, Instant now, boolean force) {
    if (!force && Files.exists(layout.caKey()) && Files.exists(layout.caCertificate())) {
      return loadCa(layout);
    }
    CertificateAuthority ca =
        CertificateAuthority.createRoot(
            domain, now.minus(Duration.ofHours(1)), now.plus(CA_VALIDITY));
    PemFiles.writePrivateKey(layout.caKey(), ca.privateKey(), force);
    PemFiles.writePublic(
        layout.caCertificate(), PemFiles.pem("CERTIFICATE", encoded(ca.certificate())));
    LOG.info("created federation root CA for " + domain);
    return ca;
  }

  private void ensureIdentity(
      PkiDirectory pki,
      CertificateAuthority ca,
      Role role,
      String name,
      List<String> dns,
      boolean force) {
    if (!force && pki.hasIdentity(role, name)) {
      return;
    }
    issueIdentity(pki, ca, role, name, dns, force);
  }

  private void issueIdentity(
      PkiDirectory pki,
      CertificateAuthority ca,
      Role role,
      String name,
      List<String> dns,
      boolean overwrite) {
    Instant now = clock.instant();
    KeyPair kp = CertificateAuthority.newP256KeyPair();
    LeafSpec spec =
        LeafSpec.forIdentity(
            pki.spiffeId(role, name),
            new ArrayList<>(dns),
            now.minus(Duration.ofHours(1)),
            now.plus(LEAF_VALIDITY));
    X509Certificate cert = ca.issue(spec, kp.getPublic());
    PkiLayout layout = pki.layout();
    PemFiles.writePrivateKey(layout.privateKey(role, name), kp.getPrivate(), overwrite);
    PemFiles.writePublic(
        layout.certificate(role, name), PemFiles.pem("CERTIFICATE", encoded(cert)));
  }

  private static void writeCrl(
      PkiLayout layout, CertificateAuthority ca, Map<BigInteger, Instant> revoked, Instant now) {
    X509CRL crl = ca.crl(revoked, now.minus(Duration.ofMinutes(5)), now.plus(CRL_VALIDITY));
    try {
      PemFiles.writePublic(layout.crl(), PemFiles.pem("X509 CRL", crl.getEncoded()));
    } catch (java.security.cert.CRLException e) {
      throw new IllegalStateException("cannot encode CRL", e);
    }
  }

  private static void writeProperties(PkiLayout layout, String domain, boolean force) {
    if (Files.exists(layout.properties()) && !force) {
      return;
    }
    try {
      Properties p = new Properties();
      p.setProperty("trust_domain", domain);
      StringWriter w = new StringWriter();
      p.store(w, "codefed PKI directory");
      PemFiles.writePublic(layout.properties(), w.toString().getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + layout.properties(), e);
    }
  }

  static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
