package codefed.gateway.status;

import codefed.gateway.testing.SharedPki;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real issuer keys and trust list from the shared test PKI: signs assertions as any issuer. */
final class TestSigning {
  private final Map<String, Signer> signers = new ConcurrentHashMap<>();
  private final TrustList trustList;

  TestSigning() {
    try {
      trustList = SharedPki.get().trustList();
    } catch (TrustListException e) {
      throw new IllegalStateException(e);
    }
  }

  TrustList trustList() {
    return trustList;
  }

  SignedAssertion sign(String keyOwner, StatusAssertion assertion) {
    Signer signer = signers.computeIfAbsent(keyOwner, SharedPki.get()::issuerSigner);
    byte[] bytes = assertion.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }
}
