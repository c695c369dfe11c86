package codefed.pki;

import java.nio.file.Path;

/** Where each file of a PKI directory lives. Private keys are PKCS#8 PEM, mode 0600. */
final class PkiLayout {
  private final Path root;

  PkiLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Path properties() {
    return root.resolve("pki.properties");
  }

  Path caCertificate() {
    return root.resolve("ca").resolve("ca.crt");
  }

  Path caKey() {
    return root.resolve("ca").resolve("ca.key");
  }

  Path crl() {
    return root.resolve("ca").resolve("crl.pem");
  }

  Path certificate(Role role, String name) {
    return root.resolve(role.pathSegment()).resolve(name + ".crt");
  }

  Path privateKey(Role role, String name) {
    return root.resolve(role.pathSegment()).resolve(name + ".key");
  }

  Path issuerDir(String issuer) {
    return root.resolve("issuers").resolve(issuer);
  }

  Path auditorSealCertificate() {
    return root.resolve("sealing").resolve("auditors.crt");
  }

  Path auditorSealKey() {
    return root.resolve("sealing").resolve("auditors.key");
  }

  Path trustList() {
    return root.resolve("trust-list.pb");
  }
}
