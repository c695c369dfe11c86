package codefed.gateway.audit.signing;

import codefed.gateway.audit.CheckpointSignatures;
import codefed.pki.AuditSigningKeys;
import codefed.pki.PemFiles;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.Signer;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A party's audit-signing key with its CA certificate ({@code codefed certs issue-audit-key}),
 * loaded from a directory apart from the TLS bundle. Only its sign operation is used, so an
 * HSM-backed {@link java.security.PrivateKey} (SunPKCS11) fits in the same place.
 */
public record AuditKey(Signer signer, X509Certificate certificate) {

  public AuditKey {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(certificate, "certificate");
    if (!certificate.getPublicKey().equals(signer.publicKey())) {
      throw new IllegalArgumentException(
          "certificate: its public key does not match the audit key");
    }
  }

  /** A gateway's key: key id {@code gateway-<name>-p256-<hash>}, as for checkpoints before. */
  public static AuditKey loadGateway(Path dir, String gateway) throws IOException {
    return load(dir, pub -> CheckpointSignatures.keyId(gateway, pub));
  }

  /** A witness's key: key id {@code witness-<name>-p256-<hash>}. */
  public static AuditKey loadWitness(Path dir, String name) throws IOException {
    return load(
        dir,
        pub -> SignatureAlgorithms.keyId("witness-" + name, CheckpointSignatures.ALGORITHM, pub));
  }

  private static AuditKey load(
      Path dir, java.util.function.Function<java.security.PublicKey, String> keyId)
      throws IOException {
    Path certFile = dir.resolve(AuditSigningKeys.CERTIFICATE_FILE);
    Path keyFile = dir.resolve(AuditSigningKeys.KEY_FILE);
    if (!Files.isRegularFile(certFile) || !Files.isRegularFile(keyFile)) {
      throw new IOException(
          "audit key directory "
              + dir
              + ": needs "
              + AuditSigningKeys.KEY_FILE
              + " and "
              + AuditSigningKeys.CERTIFICATE_FILE
              + " (create them: codefed certs issue-audit-key)");
    }
    X509Certificate cert;
    try {
      cert = PemFiles.readCertificate(certFile);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Signer signer =
        Signer.load(keyFile, keyId.apply(cert.getPublicKey()), CheckpointSignatures.ALGORITHM);
    return new AuditKey(signer, cert);
  }

  public ByteString certificateDer() {
    try {
      return ByteString.copyFrom(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
