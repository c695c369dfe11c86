package codefed.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Codefed.class.getPackage().getImplementationVersion();
    return new String[] {"codefed " + (v == null ? "development build" : v)};
  }
}
