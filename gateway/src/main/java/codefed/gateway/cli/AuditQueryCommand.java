package codefed.gateway.cli;

import codefed.code.HealthCodeText;
import codefed.gateway.audit.LogReader;
import codefed.gateway.recognition.CodeIdHasher;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodePayload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codefed audit query}: the records of one code, one checkpoint or one period. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "List the records of one code (by the HMAC of its id: the log never holds the id), "
          + "of one checkpoint, or of a period [--from, --to)."
    })
final class AuditQueryCommand implements Callable<Integer> {
  @Mixin LogOptions logs;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  @Option(
      names = "--hmac-key",
      description =
          "The gateway's code-id HMAC key file (64 hex characters;"
              + " default: hmac.key beside the log directory).")
  Path hmacKey;

  @Spec CommandSpec spec;

  static final class Selection {
    @Option(names = "--code", required = true, description = "QR text (HCF1:...) of the code.")
    String code;

    @Option(names = "--checkpoint", required = true, description = "Checkpoint id.")
    String checkpoint;

    @ArgGroup(exclusive = false)
    Period period;
  }

  static final class Period {
    @Option(
        names = "--from",
        required = true,
        converter = InstantConverter.class,
        description = "Start (inclusive), ISO-8601 with offset, e.g. 2020-03-20T08:00+08:00.")
    Instant from;

    @Option(
        names = "--to",
        required = true,
        converter = InstantConverter.class,
        description = "End (exclusive).")
    Instant to;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long[] matches = {0};
    for (Path dir : logs.shards().dirs()) {
      Predicate<AuditRecord> filter = filter(dir);
      LogReader.forEach(
          dir,
          r -> {
            if (filter.test(r)) {
              out.println(RecordLines.format(r));
              matches[0]++;
            }
          });
    }
    out.println(matches[0] + " records");
    out.flush();
    return 0;
  }

  private Predicate<AuditRecord> filter(Path dir) throws Exception {
    if (selection.code != null) {
      CodePayload payload =
          CodePayload.parseFrom(HealthCodeText.decode(selection.code.strip()).getPayload());
      ByteString hmac = hmac(keyFile(dir), payload.getCodeId().toByteArray());
      return r -> r.getCodeIdHmac().equals(hmac);
    }
    if (selection.checkpoint != null) {
      return r -> r.getCheckpointId().equals(selection.checkpoint);
    }
    Period p = selection.period;
    if (!p.from.isBefore(p.to)) {
      throw new IllegalArgumentException(
          "--from: " + p.from + " (expected: before --to " + p.to + ")");
    }
    return r -> {
      Instant t = Instant.ofEpochSecond(r.getTime().getSeconds(), r.getTime().getNanos());
      return !t.isBefore(p.from) && t.isBefore(p.to);
    };
  }

  /**
   * Where the gateway keeps the key unless configured: beside the audit directory, not inside it.
   */
  private Path keyFile(Path dir) {
    if (hmacKey != null) {
      return hmacKey;
    }
    Path abs = dir.toAbsolutePath().normalize();
    Path beside =
        abs.getParent() == null ? abs.resolve("hmac.key") : abs.getParent().resolve("hmac.key");
    if (!Files.exists(beside) && abs.getParent() != null && abs.getParent().getParent() != null) {
      Path above = abs.getParent().getParent().resolve("hmac.key");
      if (Files.exists(above)) {
        return above;
      }
    }
    return beside;
  }

  /** The code id's HMAC with the gateway's key (the gateway's own {@link CodeIdHasher}). */
  static ByteString hmac(Path keyFile, byte[] codeId) throws IOException {
    if (!Files.exists(keyFile)) {
      throw new IOException("--hmac-key " + keyFile + ": no such file");
    }
    byte[] key;
    try {
      key = HexFormat.of().parseHex(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException("--hmac-key " + keyFile + ": not a hex HMAC key", e);
    }
    return new CodeIdHasher(key).hash(ByteString.copyFrom(codeId));
  }

  /** ISO-8601 instant or date-time with offset. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        return Instant.parse(value);
      }
    }
  }
}
