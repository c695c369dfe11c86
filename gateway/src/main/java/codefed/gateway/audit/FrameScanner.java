package codefed.gateway.audit;

/**
 * Walks the frames of one file's bytes and classifies how it ends: cleanly, with a torn tail (the
 * first bad frame has no valid frame anywhere after it — an append cut short by a crash), or with
 * corruption (a bad frame followed by a valid one — something damaged the middle).
 */
final class FrameScanner {

  /** Receives each valid frame in order. */
  interface FrameVisitor {
    void frame(int frameOffset, byte[] data, int recordOffset, int recordLength)
        throws LogCorruptedException;
  }

  /** How a scan ended. {@code badOffset} and {@code reason} are set unless {@link #clean()}. */
  record Result(int validEnd, Ending ending, int badOffset, String reason) {
    boolean clean() {
      return ending == Ending.CLEAN;
    }
  }

  enum Ending {
    CLEAN,
    TORN_TAIL,
    CORRUPT
  }

  private FrameScanner() {}

  static Result scan(byte[] data, FrameVisitor visitor) throws LogCorruptedException {
    int pos = 0;
    int end = data.length;
    while (pos < end) {
      String problem = Frames.problemAt(data, pos, end);
      if (problem != null) {
        Ending ending = validFrameAfter(data, pos + 1, end) ? Ending.CORRUPT : Ending.TORN_TAIL;
        return new Result(pos, ending, pos, problem);
      }
      int length = Frames.recordLength(data, pos);
      visitor.frame(pos, data, pos + Frames.HEADER_BYTES, length);
      pos += Frames.HEADER_BYTES + length;
    }
    return new Result(pos, Ending.CLEAN, -1, null);
  }

  /** Whether a complete frame with a matching CRC starts anywhere in [from, end). */
  private static boolean validFrameAfter(byte[] data, int from, int end) {
    for (int q = from; q + Frames.HEADER_BYTES < end; q++) {
      if (Frames.problemAt(data, q, end) == null) {
        return true;
      }
    }
    return false;
  }
}
