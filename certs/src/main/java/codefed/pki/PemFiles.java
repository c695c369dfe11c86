package codefed.pki;

import codefed.signing.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Reads and writes PEM certificates, CRLs and PKCS#8 private keys. Public files are 0644 (any local
 * process may read a certificate), keys 0600 and never overwritten silently.
 */
public final class PemFiles {
  private PemFiles() {}

  public static String pem(String type, byte[] der) {
    return KeyFiles.toPem(type, der);
  }

  /** Mode of certificates, CRLs, trust lists and public keys. */
  public static final Set<PosixFilePermission> PUBLIC_MODE =
      PosixFilePermissions.fromString("rw-r--r--");

  /** Mode of private keys. */
  public static final Set<PosixFilePermission> SECRET_MODE =
      PosixFilePermissions.fromString("rw-------");

  /** Writes a public file (certificate, CRL) atomically, mode 0644: temp file, then rename. */
  public static void writePublic(Path file, String content) {
    writePublic(file, content.getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes public bytes (a trust list, a properties file) atomically, mode 0644. */
  public static void writePublic(Path file, byte[] content) {
    Path tmp = null;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".pub");
      Files.write(tmp, content);
      setMode(tmp, PUBLIC_MODE);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * Writes a key file's bytes atomically with mode 0600 from its creation (temp file, then rename),
   * replacing an existing one: what refreshing a bundle's copy of a key needs.
   */
  public static void writeSecret(Path file, byte[] content) {
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp =
          Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null
              ? Files.createTempFile(
                  dir, ".tmp-", ".key", PosixFilePermissions.asFileAttribute(SECRET_MODE))
              : Files.createTempFile(dir, ".tmp-", ".key");
      Files.write(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Sets 0644 on a public file written elsewhere (the trust list); no-op off POSIX. */
  public static void makePublic(Path file) {
    try {
      setMode(file, PUBLIC_MODE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the mode of " + file, e);
    }
  }

  private static void setMode(Path file, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(file, mode);
    }
  }

  private static void deleteQuietly(Path tmp) {
    if (tmp == null) {
      return;
    }
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // a stray temp file beside the target is harmless; the write itself already failed or
      // succeeded
    }
  }

  /**
   * Writes a PKCS#8 PEM private key (mode 0600); refuses to replace one unless {@code overwrite}.
   */
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
