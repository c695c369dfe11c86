package codefed.gateway.audit;

import com.google.protobuf.CodedOutputStream;
import healthcode.federation.v1.AuditRecord;

/**
 * Serializes records so that the sequence can be added by the single writer without re-serializing:
 * protobuf writes fields in number order, so a record's bytes are the {@code sequence} field
 * (number 1, varint) followed by the bytes of the same record with sequence 0. {@link
 * #withSequence} produces exactly what {@code toByteArray()} would.
 */
final class RecordBytes {
  private static final int SEQUENCE_TAG = 0x08; // field 1, wire type varint

  private RecordBytes() {}

  /** The record's bytes without its sequence field. */
  static byte[] withoutSequence(AuditRecord record) {
    AuditRecord r = record.getSequence() == 0 ? record : record.toBuilder().clearSequence().build();
    return r.toByteArray();
  }

  /** Bytes the sequence prefix takes (0 for sequence 0, which protobuf omits). */
  static int prefixLength(long sequence) {
    return sequence == 0 ? 0 : 1 + CodedOutputStream.computeUInt64SizeNoTag(sequence);
  }

  /** Writes the sequence prefix at {@code out[offset]}; returns the bytes written. */
  static int putPrefix(long sequence, byte[] out, int offset) {
    if (sequence == 0) {
      return 0;
    }
    int pos = offset;
    out[pos++] = SEQUENCE_TAG;
    long v = sequence;
    while ((v & ~0x7FL) != 0) {
      out[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[pos++] = (byte) v;
    return pos - offset;
  }

  /**
   * The sequence at the start of a stored record, read without parsing the rest; 0 if the record
   * does not start with the sequence field.
   */
  static long sequenceOf(byte[] data, int offset, int length) {
    if (length == 0 || data[offset] != SEQUENCE_TAG) {
      return 0;
    }
    long v = 0;
    for (int i = 1, shift = 0; i < length && shift < 64; i++, shift += 7) {
      byte b = data[offset + i];
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    return -1;
  }
}
