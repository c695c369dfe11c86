package codefed.pki;

import codefed.signing.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

/** Reads and writes PEM certificates, CRLs and PKCS#8 private keys (0600, never overwritten silently). */
public final class PemFiles {
  private PemFiles() {}

  public static String pem(String type, byte[] der) {
    return KeyFiles.toPem(type, der);
  }

  /** Writes a public file (certificate, CRL) atomically: temp file, then rename. */
  public static void writePublic(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pem");
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes a PKCS#8 PEM private key (mode 0600); refuses to replace one unless {@code overwrite}. */
  public static void writePrivateKey(Path file, PrivateKey key, boolean overwrite) {
    try {
      KeyFiles.writePrivateKey(file, key, overwrite);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException(file + ": key exists (use --force to replace it)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static PrivateKey readPrivateKey(Path file) {
    try {
      return KeyFiles.readPrivateKey(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read private key " + file, e);
    }
  }

  public static X509Certificate readCertificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an X.509 certificate", e);
    }
  }

  public static X509CRL readCrl(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + ": not an X.509 CRL", e);
    }
  }

}
