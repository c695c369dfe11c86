package codefed.node.cli;

import codefed.node.assertion.SignBatching;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --sign-batch}: {@code off}, or the window answers wait to share a signature. */
public final class SignBatchingConverter implements ITypeConverter<SignBatching> {
  @Override
  public SignBatching convert(String value) {
    if ("off".equalsIgnoreCase(value.trim())) {
      return SignBatching.OFF;
    }
    Duration window;
    try {
      window = new DurationConverter().convert(value);
    } catch (TypeConversionException e) {
      throw new TypeConversionException(
          "'" + value + "' (expected: off, or a window such as 250us or 1ms)");
    }
    try {
      return SignBatching.window(window);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' (expected: a window of at most 50ms)");
    }
  }
}
