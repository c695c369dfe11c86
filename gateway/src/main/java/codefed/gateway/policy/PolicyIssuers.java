package codefed.gateway.policy;

import codefed.code.Issuers;

/**
 * Issuer names as policies write them: GB/T 2260 province codes, NATIONAL, or "*" for every
 * province (never the national platform, which a policy lists by name).
 */
final class PolicyIssuers {
  private PolicyIssuers() {}

  static boolean isProvince(String issuer) {
    return Issuers.isProvince(issuer);
  }

  static boolean isIssuer(String issuer) {
    return Issuers.isKnown(issuer);
  }

  /** Whether a policy entry for {@code pattern} covers the issuer {@code candidate}. */
  static boolean matches(String pattern, String candidate) {
    if (RecognitionGrant.ALL_PROVINCES.equals(pattern)) {
      return isProvince(candidate);
    }
    return pattern.equals(candidate);
  }
}
