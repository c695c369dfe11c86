package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Packed and general keys: equal exactly when issuer and code id are equal. */
class StatusKeyTest {
  private static final List<String> ISSUERS =
      List.of("150000", "140000", "010000", "000000", "999999", "NATIONAL", "XJBT", "15000", "");
  private static final List<byte[]> IDS =
      List.of(
          Codes.id(1),
          Codes.id(2),
          new byte[16],
          filled(16, 0xFF),
          new byte[0],
          filled(20, 7),
          filled(15, 7));

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void of_samePair_equalKeysWithEqualHashes_fromBytesOrByteString() {
    for (String issuer : ISSUERS) {
      for (byte[] id : IDS) {
        StatusKey fromBytes = StatusKey.of(issuer, id.clone());
        StatusKey fromByteString = StatusKey.of(new String(issuer), ByteString.copyFrom(id));

        assertThat(fromBytes).isEqualTo(fromByteString);
        assertThat(fromBytes.hashCode()).isEqualTo(fromByteString.hashCode());
      }
    }
  }

  @Test
  void of_differentPairs_neverEqual() {
    for (String issuerA : ISSUERS) {
      for (byte[] idA : IDS) {
        for (String issuerB : ISSUERS) {
          for (byte[] idB : IDS) {
            boolean same = issuerA.equals(issuerB) && java.util.Arrays.equals(idA, idB);
            assertThat(StatusKey.of(issuerA, idA).equals(StatusKey.of(issuerB, idB)))
                .as("%s/%d vs %s/%d", issuerA, idA.length, issuerB, idB.length)
                .isEqualTo(same);
          }
        }
      }
    }
  }

  @Test
  void issuerAndCodeId_giveBackWhatWentIn() {
    for (String issuer : ISSUERS) {
      for (byte[] id : IDS) {
        StatusKey key = StatusKey.of(issuer, id);

        assertThat(key.issuer()).isEqualTo(issuer);
        assertThat(key.codeId()).isEqualTo(ByteString.copyFrom(id));
      }
    }
  }

  @Test
  void issuedBy_matchesExactlyTheIssuersKeys() {
    for (String issuer : ISSUERS) {
      Predicate<StatusKey> issuedBy = StatusKey.issuedBy(issuer);
      for (String other : ISSUERS) {
        for (byte[] id : IDS) {
          assertThat(issuedBy.test(StatusKey.of(other, id)))
              .as("%s matches %s/%d", issuer, other, id.length)
              .isEqualTo(issuer.equals(other));
        }
      }
    }
  }

  @Test
  void toString_neverShowsTheCodeId() {
    byte[] id = filled(16, 'A');

    assertThat(StatusKey.of("150000", id).toString()).doesNotContain("AAAA").contains("150000");
    assertThat(StatusKey.of("XJBT", id).toString()).doesNotContain("AAAA").contains("XJBT");
  }
}
