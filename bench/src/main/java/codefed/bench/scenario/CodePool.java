package codefed.bench.scenario;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.CodePayload;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Codes a scenario hands out: each once ({@link #next}, cold scans) or round robin ({@link #cycle},
 * repeat scans). Running out of fresh codes is reported, never papered over by reuse.
 */
public final class CodePool {
  private final List<String> codes;
  private final AtomicInteger next = new AtomicInteger();

  public CodePool(List<String> codes) {
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("codes: [] (expected: at least one)");
    }
    this.codes = List.copyOf(codes);
  }

  /** A code never handed out before, or null when the pool is used up. */
  public String next() {
    int i = next.getAndIncrement();
    return i < codes.size() ? codes.get(i) : null;
  }

  public String cycle(long index) {
    return codes.get((int) Math.floorMod(index, (long) codes.size()));
  }

  public int size() {
    return codes.size();
  }

  public int used() {
    return Math.min(next.get(), codes.size());
  }

  public int remaining() {
    return codes.size() - used();
  }

  public List<String> all() {
    return codes;
  }

  /** The 16-byte code id inside a QR text. */
  public static ByteString codeId(String qrText) {
    try {
      return CodePayload.parseFrom(HealthCodeText.decode(qrText).getPayload()).getCodeId();
    } catch (MalformedCodeException | InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a code the node issued: " + e.getMessage(), e);
    }
  }
}
