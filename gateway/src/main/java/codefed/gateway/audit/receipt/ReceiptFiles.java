package codefed.gateway.audit.receipt;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import healthcode.federation.v1.Receipt;
import healthcode.federation.v1.SignedReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A receipt saved by a checkpoint ({@code codefed scan --receipt-out}): the signed receipt as text
 * format, with the receipt's fields repeated in a comment for people (never trusted).
 */
public final class ReceiptFiles {
  private ReceiptFiles() {}

  public static void write(Path file, SignedReceipt receipt) throws IOException {
    StringBuilder s =
        new StringBuilder("# codefed audit receipt; prove it with: codefed audit prove --receipt ")
            .append(file.getFileName())
            .append(" --log DIR --pki DIR\n");
    try {
      for (String line :
          TextFormat.printer().printToString(Receipt.parseFrom(receipt.getReceipt())).split("\n")) {
        s.append("#   ").append(line).append('\n');
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("receipt: not a serialized Receipt", e);
    }
    s.append(TextFormat.printer().printToString(receipt));
    Files.writeString(file, s, StandardCharsets.UTF_8);
  }

  public static SignedReceipt read(Path file) throws IOException {
    try {
      return TextFormat.parse(Files.readString(file, StandardCharsets.UTF_8), SignedReceipt.class);
    } catch (TextFormat.ParseException e) {
      throw new IOException(file + ": not a receipt (" + e.getMessage() + ")", e);
    }
  }
}
