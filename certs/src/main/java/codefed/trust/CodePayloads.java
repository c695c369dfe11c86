package codefed.trust;

import healthcode.federation.v1.CodePayload;

/** The rules a signed code payload must meet beyond its signature. */
final class CodePayloads {
  static final int CODE_ID_BYTES = 16;

  private CodePayloads() {}

  static void check(CodePayload payload) throws CodeRejectedException {
    if (payload.getCodeId().size() != CODE_ID_BYTES) {
      throw malformed(
          "code_payload.code_id: "
              + payload.getCodeId().size()
              + " bytes (expected: "
              + CODE_ID_BYTES
              + ")");
    }
    if (!payload.hasIssuedAt()) {
      throw malformed("code_payload.issued_at: missing");
    }
    if (!payload.hasExpiresAt()) {
      throw malformed("code_payload.expires_at: missing");
    }
    if (compare(payload.getExpiresAt(), payload.getIssuedAt()) <= 0) {
      throw malformed("code_payload.expires_at: not after issued_at");
    }
  }

  private static int compare(com.google.protobuf.Timestamp a, com.google.protobuf.Timestamp b) {
    int bySeconds = Long.compare(a.getSeconds(), b.getSeconds());
    return bySeconds != 0 ? bySeconds : Integer.compare(a.getNanos(), b.getNanos());
  }

  private static CodeRejectedException malformed(String message) {
    return new CodeRejectedException(RejectionReason.MALFORMED, message);
  }
}
