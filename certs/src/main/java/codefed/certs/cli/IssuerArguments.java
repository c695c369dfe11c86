package codefed.certs.cli;

import codefed.code.Issuers;

/** Argument checks shared by the certs subcommands. */
final class IssuerArguments {
  private IssuerArguments() {}

  static void requireIssuer(String option, String value) {
    if (!Issuers.NATIONAL.equals(value) && !Issuers.isProvince(value)) {
      throw new IllegalArgumentException(
          option + ": \"" + value + "\" is not a GB/T 2260 province code or NATIONAL");
    }
  }
}
