package codefed.gateway.policy;

import java.util.regex.Pattern;

/** Issuer names as policies write them: province codes, NATIONAL, or "*" for every province. */
final class PolicyIssuers {
  static final String NATIONAL = "NATIONAL";
  private static final Pattern PROVINCE = Pattern.compile("[1-9][0-9]0000");

  private PolicyIssuers() {}

  static boolean isProvince(String issuer) {
    return PROVINCE.matcher(issuer).matches();
  }

  static boolean isIssuer(String issuer) {
    return NATIONAL.equals(issuer) || isProvince(issuer);
  }

  /** Whether a policy entry for {@code pattern} covers the issuer {@code candidate}. */
  static boolean matches(String pattern, String candidate) {
    if (RecognitionGrant.ALL_PROVINCES.equals(pattern)) {
      return isProvince(candidate);
    }
    return pattern.equals(candidate);
  }
}
