package codefed.gateway.status;

import java.nio.ByteBuffer;

/** Deterministic 16-byte code ids. */
final class Codes {
  private Codes() {}

  static byte[] id(int n) {
    return ByteBuffer.allocate(16).putLong(0x0c0de0c0de0c0deL).putLong(n).array();
  }
}
