package codefed.certs.cli;

import codefed.pki.PemFiles;
import codefed.tls.PeerCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codefed certs show FILE}: a certificate, CRL or signed trust list as a person reads it.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a certificate (subject, URI SAN, validity, fingerprint, issuer), a CRL, or a "
            + "signed trust list (issuers and their keys, checked against the CA).")
final class CertsShowCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      description = "A .crt or CRL PEM file, or a signed trust list (trust-list.pb).")
  Path file;

  @Option(
      names = "--ca",
      description =
          "The CA certificate that signs the trust list or CRL (default: the PKI's, or ca/ca.crt beside the file).")
  Path ca;

  @Option(
      names = "--dir",
      paramLabel = "PKI",
      description =
          "A PKI directory or bundle: its CA and CRL are used (default: the one the file lies in, if any).")
  Path dir;

  @Option(
      names = "--crl",
      paramLabel = "FILE",
      description = "The CRL to check a certificate against (default: the PKI's ca/crl.pem).")
  Path crl;

  @Spec CommandSpec spec;
  private PrintWriter out;

  @Override
  public Integer call() throws IOException {
    out = spec.commandLine().getOut();
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (text.contains(codefed.signing.KeyFiles.PRIVATE_KEY_TYPE)) {
      throw new IllegalArgumentException(file + " is a private key; it is never printed");
    }
    if (text.contains("BEGIN X509 CRL")) {
      printCrl(PemFiles.readCrl(file));
    } else if (text.contains("-----BEGIN")) {
      printCertificate(PemFiles.readCertificate(file));
    } else {
      new TrustListPrinter(out).print(file, bytes, caFile(file.toAbsolutePath().getParent()));
    }
    out.flush();
    return 0;
  }

  private void printCertificate(X509Certificate c) {
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
    out.println("Subject:      " + c.getSubjectX500Principal().getName());
    out.println("URI SAN:      " + String.join(", ", PeerCertificates.uriSans(c)));
    out.println("DNS/IP SANs:  " + String.join(", ", dns));
    out.println("Issuer:       " + c.getIssuerX500Principal().getName());
    out.println("Serial:       " + c.getSerialNumber().toString(16));
    out.println("Valid from:   " + c.getNotBefore().toInstant());
    out.println("Valid until:  " + c.getNotAfter().toInstant());
    out.println(
        "Key:          "
            + c.getPublicKey().getAlgorithm()
            + " ("
            + c.getSigAlgName()
            + " signature)");
    out.println("CA:           " + (c.getBasicConstraints() >= 0 ? "yes" : "no"));
    out.println("SHA-256:      " + fingerprint(c));
    // A certificate lives in PKI/<role>/; its PKI's CRL is then PKI/ca/crl.pem.
    Path pki = dir != null ? dir : file.toAbsolutePath().getParent().getParent();
    Path crlFile = crl != null ? crl : pki == null ? null : pki.resolve("ca").resolve("crl.pem");
    out.println(
        "Revoked:      " + RevocationLine.of(c, crlFile, caFile(pki), java.time.Instant.now()));
  }

  /** --ca, else the CA of --dir, else {@code ca/ca.crt} in {@code pki}. */
  private Path caFile(Path pki) {
    if (ca != null) {
      return ca;
    }
    Path root = dir != null ? dir : pki;
    return root == null ? null : root.resolve("ca").resolve("ca.crt");
  }

  private void printCrl(X509CRL crl) {
    out.println("CRL issuer:   " + crl.getIssuerX500Principal().getName());
    out.println("This update:  " + crl.getThisUpdate().toInstant());
    out.println("Next update:  " + crl.getNextUpdate().toInstant());
    var revoked = crl.getRevokedCertificates();
    out.println("Revoked:      " + (revoked == null ? 0 : revoked.size()));
    if (revoked != null) {
      for (X509CRLEntry e : revoked) {
        out.println(
            "  " + e.getSerialNumber().toString(16) + " at " + e.getRevocationDate().toInstant());
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
