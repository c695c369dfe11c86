package codefed.gateway.recognition;

import healthcode.federation.v1.Outcome;

/** Metrics hooks of the recognizer; every method defaults to doing nothing. */
public interface RecognitionListener {
  RecognitionListener NONE = new RecognitionListener() {};

  /** A decision was recorded; {@code issuer} is empty for codes that failed verification. */
  default void decided(String issuer, Outcome outcome, boolean fromCache, boolean offline) {}

  /** A node's answer did not belong to the code or issuer asked about. */
  default void securityEvent(String issuer, String kind) {}

  /** A manual verification was recorded. */
  default void manualRecorded(Outcome outcome) {}
}
