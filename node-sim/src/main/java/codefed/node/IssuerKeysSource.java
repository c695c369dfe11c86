package codefed.node;

import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.trust.TrustListException;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import java.util.List;
import java.util.function.Supplier;

/**
 * The province's issuer keys for {@code GetIssuerKeys}: read from the signed trust list on each
 * call (so a re-published list shows at once); if the list names no key of the province, the node's
 * current signing key, without validity bounds.
 */
final class IssuerKeysSource {
  private IssuerKeysSource() {}

  static Supplier<List<IssuerKey>> of(PkiDirectory pki, String province, Supplier<Signer> signing) {
    return () -> {
      List<IssuerKey> keys;
      try {
        keys = pki.trustList().keys(province);
      } catch (TrustListException e) {
        throw new IllegalStateException("trust list unusable", e);
      }
      if (!keys.isEmpty()) {
        return keys;
      }
      Signer signer = signing.get();
      return List.of(
          IssuerKey.newBuilder()
              .setKeyId(signer.keyId())
              .setAlgorithm(signer.algorithm())
              .setPublicKey(ByteString.copyFrom(signer.publicKey().getEncoded()))
              .setStatus(KeyStatus.KEY_STATUS_ACTIVE)
              .build());
    };
  }
}
