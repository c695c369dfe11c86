package codefed.certs.cli;

import codefed.pki.PemFiles;
import codefed.tls.PeerCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code codefed certs show FILE}: a certificate or CRL as a person reads it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a certificate (subject, URI SAN, validity, fingerprint, issuer) or a CRL.")
final class CertsShowCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "A .crt or CRL PEM file.")
  Path file;

  @Override
  public Integer call() throws IOException {
    String text = Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
    if (text.contains(codefed.signing.KeyFiles.PRIVATE_KEY_TYPE)) {
      throw new IllegalArgumentException(file + " is a private key; it is never printed");
    }
    if (text.contains("BEGIN X509 CRL")) {
      printCrl(PemFiles.readCrl(file));
    } else {
      printCertificate(PemFiles.readCertificate(file));
    }
    return 0;
  }

  private static void printCertificate(X509Certificate c) {
    List<String> dns = new ArrayList<>();
    try {
      if (c.getSubjectAlternativeNames() != null) {
        for (List<?> san : c.getSubjectAlternativeNames()) {
          int type = (Integer) san.get(0);
          if (type == 2 || type == 7) {
            dns.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalArgumentException("unparsable subject alternative names", e);
    }
    System.out.println("Subject:      " + c.getSubjectX500Principal().getName());
    System.out.println("URI SAN:      " + String.join(", ", PeerCertificates.uriSans(c)));
    System.out.println("DNS/IP SANs:  " + String.join(", ", dns));
    System.out.println("Issuer:       " + c.getIssuerX500Principal().getName());
    System.out.println("Serial:       " + c.getSerialNumber().toString(16));
    System.out.println("Valid from:   " + c.getNotBefore().toInstant());
    System.out.println("Valid until:  " + c.getNotAfter().toInstant());
    System.out.println("Key:          " + c.getPublicKey().getAlgorithm() + " (" + c.getSigAlgName() + " signature)");
    System.out.println("CA:           " + (c.getBasicConstraints() >= 0 ? "yes" : "no"));
    System.out.println("SHA-256:      " + fingerprint(c));
  }

  private static void printCrl(X509CRL crl) {
    System.out.println("CRL issuer:   " + crl.getIssuerX500Principal().getName());
    System.out.println("This update:  " + crl.getThisUpdate().toInstant());
    System.out.println("Next update:  " + crl.getNextUpdate().toInstant());
    var revoked = crl.getRevokedCertificates();
    System.out.println("Revoked:      " + (revoked == null ? 0 : revoked.size()));
    if (revoked != null) {
      for (X509CRLEntry e : revoked) {
        System.out.println("  " + e.getSerialNumber().toString(16) + " at " + e.getRevocationDate().toInstant());
      }
    }
  }

  static String fingerprint(X509Certificate c) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
