package codefed.gateway.status;

import codefed.code.Issuers;
import com.google.protobuf.ByteString;
import java.util.function.Predicate;

/**
 * The status cache's key: issuer and code id, packed because the cache holds up to a million.
 *
 * <p>Nearly every key is a six-digit GB/T 2260 issuer (or {@link Issuers#NATIONAL}) with a 16-byte
 * code id; such a key is one int and two longs (32 bytes of heap) instead of a String and a
 * ByteString (about 150). Any other issuer spelling or id length takes a general form. Which form a
 * key takes depends only on its value, so equal (issuer, code id) pairs give equal keys with equal
 * hashes, and different pairs never compare equal.
 */
abstract class StatusKey {
  private static final int PACKED_ID_LENGTH = 16;

  /** {@link Issuers#NATIONAL}; six-digit issuers are 0..999 999. */
  private static final int NATIONAL = -1;

  /** The issuer has no packed form. */
  private static final int NOT_PACKED = Integer.MIN_VALUE;

  private StatusKey() {}

  static StatusKey of(String issuer, byte[] codeId) {
    int packed = packIssuer(issuer);
    if (packed == NOT_PACKED || codeId.length != PACKED_ID_LENGTH) {
      return new General(issuer, ByteString.copyFrom(codeId));
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = high << 8 | (codeId[i] & 0xFF);
      low = low << 8 | (codeId[8 + i] & 0xFF);
    }
    return new Packed(packed, high, low);
  }

  /** As {@link #of(String, byte[])}; for change events, off the scan path (it copies the id). */
  static StatusKey of(String issuer, ByteString codeId) {
    return of(issuer, codeId.toByteArray());
  }

  /** Matches the keys of {@code issuer}, without building each key's issuer string. */
  static Predicate<StatusKey> issuedBy(String issuer) {
    int packed = packIssuer(issuer);
    return k -> k.hasIssuer(issuer, packed);
  }

  abstract String issuer();

  abstract ByteString codeId();

  abstract boolean hasIssuer(String issuer, int packedIssuer);

  /** Six ASCII digits as their number, NATIONAL as -1, anything else {@link #NOT_PACKED}. */
  private static int packIssuer(String issuer) {
    if (issuer.length() == 6) {
      int n = 0;
      for (int i = 0; i < 6; i++) {
        char c = issuer.charAt(i);
        if (c < '0' || c > '9') {
          return NOT_PACKED;
        }
        n = n * 10 + (c - '0');
      }
      return n;
    }
    return Issuers.NATIONAL.equals(issuer) ? NATIONAL : NOT_PACKED;
  }

  /** A six-digit or national issuer with a 16-byte code id, big-endian in two longs. */
  private static final class Packed extends StatusKey {
    private final int issuer;
    private final long high;
    private final long low;

    Packed(int issuer, long high, long low) {
      this.issuer = issuer;
      this.high = high;
      this.low = low;
    }

    @Override
    String issuer() {
      if (issuer == NATIONAL) {
        return Issuers.NATIONAL;
      }
      char[] digits = new char[6];
      int n = issuer;
      for (int i = 5; i >= 0; i--) {
        digits[i] = (char) ('0' + n % 10);
        n /= 10;
      }
      return new String(digits);
    }

    @Override
    ByteString codeId() {
      byte[] id = new byte[PACKED_ID_LENGTH];
      for (int i = 0; i < 8; i++) {
        id[i] = (byte) (high >>> (56 - 8 * i));
        id[8 + i] = (byte) (low >>> (56 - 8 * i));
      }
      return ByteString.copyFrom(id);
    }

    @Override
    boolean hasIssuer(String issuer, int packedIssuer) {
      return this.issuer == packedIssuer;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Packed k && k.issuer == issuer && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * issuer + Long.hashCode(high)) + Long.hashCode(low);
    }

    @Override
    public String toString() {
      return "StatusKey[" + issuer() + ", 16-byte code id]"; // never the id itself
    }
  }

  /** Any other issuer spelling or code id length. */
  private static final class General extends StatusKey {
    private final String issuer;
    private final ByteString codeId;

    General(String issuer, ByteString codeId) {
      this.issuer = issuer;
      this.codeId = codeId;
    }

    @Override
    String issuer() {
      return issuer;
    }

    @Override
    ByteString codeId() {
      return codeId;
    }

    @Override
    boolean hasIssuer(String issuer, int packedIssuer) {
      return this.issuer.equals(issuer);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof General k && k.issuer.equals(issuer) && k.codeId.equals(codeId);
    }

    @Override
    public int hashCode() {
      return 31 * issuer.hashCode() + codeId.hashCode();
    }

    @Override
    public String toString() {
      return "StatusKey[" + issuer + ", " + codeId.size() + "-byte code id]";
    }
  }
}
