package codefed.gateway.audit.seal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * An auditors' X25519 key pair made at test time: the gateway's sealer and the auditor's opener.
 */
public final class TestSealKeys {
  private static final KeyPair PAIR = generate();
  public static final EvidenceSealer SEALER = EvidenceSealer.forKey(PAIR.getPublic().getEncoded());
  public static final EvidenceOpener OPENER = EvidenceOpener.of(PAIR.getPrivate().getEncoded());

  private TestSealKeys() {}

  /** A key pair other than the auditors'. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
