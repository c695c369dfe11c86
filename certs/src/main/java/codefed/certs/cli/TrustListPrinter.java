package codefed.certs.cli;

import codefed.pki.PemFiles;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.IssuerKey;
import healthcode.trust.v1.SignedTrustList;
import healthcode.trust.v1.TrustedIssuer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A signed trust list as a person reads it: whether the CA's signature holds, then each issuer and
 * its keys. A list that does not verify is still shown, under a line saying so.
 */
final class TrustListPrinter {
  private final PrintWriter out;

  TrustListPrinter(PrintWriter out) {
    this.out = out;
  }

  void print(Path file, byte[] bytes, Path caFile) throws IOException {
    SignedTrustList signed;
    healthcode.trust.v1.TrustList content;
    try {
      signed = SignedTrustList.parseFrom(bytes);
      content = healthcode.trust.v1.TrustList.parseFrom(signed.getTrustList());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": not a certificate, CRL or signed trust list", e);
    }
    if (content.getTrustDomain().isEmpty()) {
      throw new IllegalArgumentException(file + ": not a certificate, CRL or signed trust list");
    }
    out.println("Trust domain: " + content.getTrustDomain());
    out.println("Version:      " + content.getVersion());
    out.println("Issued at:    " + instant(content.getIssuedAt()));
    out.println("Next update:  " + instant(content.getNextUpdate()));
    out.println("Signature:    " + verdict(signed, caFile));
    out.println("Issuers:      " + content.getIssuersCount());
    for (TrustedIssuer issuer : content.getIssuersList()) {
      out.println(
          "  " + issuer.getIssuer() + (issuer.getName().isEmpty() ? "" : " " + issuer.getName()));
      for (IssuerKey key : issuer.getKeysList()) {
        out.println(
            "    "
                + key.getKeyId()
                + "  "
                + shortName(key.getAlgorithm().name(), "SIGNATURE_ALGORITHM_")
                + "  "
                + shortName(key.getStatus().name(), "KEY_STATUS_")
                + "  "
                + instant(key.getNotBefore())
                + " .. "
                + instant(key.getNotAfter())
                + "  SPKI SHA-256 "
                + sha256Prefix(key.getPublicKey().toByteArray())
                + (key.hasRetiredAt() ? "  retired at " + instant(key.getRetiredAt()) : "")
                + (key.hasCompromisedSince()
                    ? "  compromised since " + instant(key.getCompromisedSince())
                    : ""));
      }
    }
  }

  /** "verified (CA ...)", or why not; staleness is reported, not hidden. */
  private static String verdict(SignedTrustList signed, Path caFile) throws IOException {
    if (!Files.isRegularFile(caFile)) {
      return "not checked (no CA certificate at " + caFile + "; use --ca)";
    }
    X509Certificate ca = PemFiles.readCertificate(caFile);
    try {
      TrustList.verify(signed, ca, Instant.now());
      return "verified with " + ca.getSubjectX500Principal().getName();
    } catch (TrustListException e) {
      return "NOT VALID: " + e.getMessage();
    }
  }

  private static String instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
  }

  private static String shortName(String enumName, String prefix) {
    return enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
  }

  /** The first 8 bytes, enough to tell keys apart by eye. */
  private static String sha256Prefix(byte[] spki) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(spki);
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
