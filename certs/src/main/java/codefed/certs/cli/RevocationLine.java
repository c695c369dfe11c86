package codefed.certs.cli;

import codefed.pki.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Whether a certificate is revoked, as {@code certs show} prints it: the CRL's answer only after
 * the CRL's own signature has been checked against the CA, and a stale CRL is said to be stale.
 */
final class RevocationLine {
  private RevocationLine() {}

  /**
   * @param crlFile the CRL to consult (absent: "not checked")
   * @param caFile the CA certificate that signs it
   */
  static String of(X509Certificate cert, Path crlFile, Path caFile, Instant now) {
    if (crlFile == null || !Files.isRegularFile(crlFile)) {
      return "not checked (no CRL; use --dir PKI or --crl FILE)";
    }
    X509CRL crl = PemFiles.readCrl(crlFile);
    if (caFile == null || !Files.isRegularFile(caFile)) {
      return "not checked (no CA certificate to verify " + crlFile + "; use --ca)";
    }
    try {
      crl.verify(PemFiles.readCertificate(caFile).getPublicKey());
    } catch (GeneralSecurityException e) {
      return "not checked (" + crlFile + " is not signed by " + caFile + ")";
    }
    String stale =
        crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)
            ? "; this CRL is past its next update "
                + crl.getNextUpdate().toInstant()
                + ", run codefed certs refresh"
            : "";
    X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
    if (entry != null) {
      return "YES, revoked at "
          + entry.getRevocationDate().toInstant()
          + " (serial in "
          + crlFile
          + " of "
          + crl.getThisUpdate().toInstant()
          + stale
          + ")";
    }
    return "no (" + crlFile + " of " + crl.getThisUpdate().toInstant() + stale + ")";
  }
}
