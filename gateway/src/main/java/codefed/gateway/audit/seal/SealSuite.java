package codefed.gateway.audit.seal;

import healthcode.federation.v1.AuditRecordOrBuilder;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.hpke.HPKE;

/**
 * The one sealing construction and its record binding, shared by sealer and opener: HPKE base mode,
 * DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM; the AAD is built from the fields of the
 * record that do not depend on its position in the log (see audit.proto SealedEvidence).
 */
final class SealSuite {
  static final byte[] INFO = "codefed/v1/sealed-evidence".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD_PREFIX =
      "codefed/v1/evidence-aad\0".getBytes(StandardCharsets.US_ASCII);

  private SealSuite() {}

  /** A fresh HPKE instance (cheap; not shared between threads). */
  static HPKE hpke() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
  }

  /** The AAD that ties sealed evidence to this record and recipient key. */
  static byte[] aad(AuditRecordOrBuilder r, String recipientKeyId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(AAD_PREFIX);
      field(out, r.getGateway().getBytes(StandardCharsets.UTF_8));
      field(out, r.getCheckpointId().getBytes(StandardCharsets.UTF_8));
      field(out, Integer.toString(r.getKindValue()).getBytes(StandardCharsets.US_ASCII));
      field(
          out,
          (r.getTime().getSeconds() + "." + r.getTime().getNanos())
              .getBytes(StandardCharsets.US_ASCII));
      field(out, r.getCodeIdHmac().toByteArray());
      field(out, recipientKeyId.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void field(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }
}
