package codefed.certs.cli;

import codefed.signing.SignatureAlgorithms;
import healthcode.federation.v1.SignatureAlgorithm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code p256 | sm2 | ed25519} → {@link SignatureAlgorithm}. */
final class IssuerAlgorithmConverter implements ITypeConverter<SignatureAlgorithm> {
  @Override
  public SignatureAlgorithm convert(String value) {
    try {
      return SignatureAlgorithms.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("\"" + value + "\" (expected p256, sm2 or ed25519)");
    }
  }
}
