package codefed.node.declaration;

import codefed.node.region.Regions;
import codefed.time.ProtoTime;
import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Gender;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.Residence;
import healthcode.federation.v1.Travel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks every field of the seed 004 declaration form. The first invalid field is reported as
 * {@link InvalidDeclarationException} naming it ({@code declaration.id_number: bad check digit}).
 */
public final class DeclarationValidator {
  static final int MAX_NAME = 64;
  static final int MAX_TEXT = 200;
  private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,17}");
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}|\\+[1-9]\\d{6,14}");

  private final Regions regions;
  private final Clock clock;
  private final TravelValidator travel;

  public DeclarationValidator(Regions regions, Clock clock) {
    this.regions = regions;
    this.clock = clock;
    this.travel = new TravelValidator(regions, clock);
  }

  /** The accepted declaration, or the first invalid field. */
  public AcceptedDeclaration validate(Declaration d) throws InvalidDeclarationException {
    String name = text("declaration.name", d.getName(), MAX_NAME, true);
    IdType idType = specified("declaration.id_type", d.getIdType(), IdType.ID_TYPE_UNSPECIFIED);
    String idNumber = idNumber(idType, d.getIdNumber());
    String phone = phone("declaration.phone", d.getPhone());
    Gender gender = specified("declaration.gender", d.getGender(), Gender.GENDER_UNSPECIFIED);
    if (idType == IdType.ID_TYPE_RESIDENT_ID
        && ResidentIdNumber.isMale(idNumber) != (gender == Gender.GENDER_MALE)) {
      throw new InvalidDeclarationException("declaration.gender", Problem.GENDER_MISMATCH, gender);
    }
    if (d.hasResidence() == d.hasTravel()) {
      throw new InvalidDeclarationException("declaration.residence", Problem.RESIDENCE_OR_TRAVEL);
    }
    Optional<Residence> residence =
        d.hasResidence() ? Optional.of(residence(d.getResidence())) : Optional.empty();
    Optional<Travel> trip =
        d.hasTravel() ? Optional.of(travel.validate(d.getTravel())) : Optional.empty();
    if (!d.hasHealth()) {
      throw new InvalidDeclarationException("declaration.health", Problem.MISSING);
    }
    Optional<ProxyDeclarant> proxy =
        d.hasProxy() ? Optional.of(proxy(d.getProxy())) : Optional.empty();
    Language language =
        specified("declaration.language", d.getLanguage(), Language.LANGUAGE_UNSPECIFIED);
    if (!d.getCommitment()) {
      throw new InvalidDeclarationException("declaration.commitment", Problem.COMMITMENT);
    }
    return new AcceptedDeclaration(
        name, idType, idNumber, phone, gender, language, proxy, d.getHealth(), residence, trip);
  }

  private String idNumber(IdType type, String raw) throws InvalidDeclarationException {
    String field = "declaration.id_number";
    if (raw.isBlank()) {
      throw new InvalidDeclarationException(field, Problem.MISSING);
    }
    if (type == IdType.ID_TYPE_PASSPORT) {
      String passport = raw.trim().toUpperCase(Locale.ROOT);
      if (!PASSPORT.matcher(passport).matches()) {
        throw new InvalidDeclarationException(field, Problem.PASSPORT_FORMAT);
      }
      return passport;
    }
    String id = ResidentIdNumber.normalize(raw);
    LocalDate today = LocalDate.ofInstant(clock.instant(), clock.getZone());
    Optional<InvalidDeclarationException> problem =
        ResidentIdNumber.problem(id, field, regions, today);
    if (problem.isPresent()) {
      throw problem.get();
    }
    return id;
  }

  private Residence residence(Residence r) throws InvalidDeclarationException {
    return Residence.newBuilder()
        .setAreaCode(areaCode("declaration.residence.area_code", r.getAreaCode(), regions))
        .setTownship(text("declaration.residence.township", r.getTownship(), MAX_TEXT, true))
        .setAddress(text("declaration.residence.address", r.getAddress(), MAX_TEXT, true))
        .setEmployer(text("declaration.residence.employer", r.getEmployer(), MAX_TEXT, false))
        .build();
  }

  private static ProxyDeclarant proxy(ProxyDeclarant p) throws InvalidDeclarationException {
    return ProxyDeclarant.newBuilder()
        .setName(text("declaration.proxy.name", p.getName(), MAX_NAME, true))
        .setPhone(phone("declaration.proxy.phone", p.getPhone()))
        .setRelationship(
            text("declaration.proxy.relationship", p.getRelationship(), MAX_NAME, true))
        .build();
  }

  /** A 6-digit area code whose province is known. */
  static String areaCode(String field, String raw, Regions regions)
      throws InvalidDeclarationException {
    String code = raw.trim();
    if (code.isEmpty()) {
      throw new InvalidDeclarationException(field, Problem.MISSING);
    }
    if (code.length() != 6 || !regions.hasKnownProvincePrefix(code)) {
      throw new InvalidDeclarationException(field, Problem.AREA_CODE, code);
    }
    return code;
  }

  /** Trimmed text without control characters, at most {@code max} code points. */
  static String text(String field, String raw, int max, boolean required)
      throws InvalidDeclarationException {
    String value = raw.strip();
    if (value.isEmpty()) {
      if (required) {
        throw new InvalidDeclarationException(field, Problem.MISSING);
      }
      return value;
    }
    if (value.codePointCount(0, value.length()) > max) {
      throw new InvalidDeclarationException(field, Problem.TOO_LONG, max);
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      throw new InvalidDeclarationException(field, Problem.CONTROL_CHARACTERS);
    }
    return value;
  }

  static String phone(String field, String raw) throws InvalidDeclarationException {
    String phone = raw.replace(" ", "").replace("-", "");
    if (phone.isEmpty()) {
      throw new InvalidDeclarationException(field, Problem.MISSING);
    }
    if (!MOBILE.matcher(phone).matches()) {
      throw new InvalidDeclarationException(field, Problem.PHONE_FORMAT);
    }
    return phone;
  }

  static <E extends Enum<E> & ProtocolMessageEnum> E specified(String field, E value, E unspecified)
      throws InvalidDeclarationException {
    if (value == unspecified || value.name().equals("UNRECOGNIZED")) {
      String allowed =
          Arrays.stream(value.getDeclaringClass().getEnumConstants())
              .filter(e -> e != unspecified && !e.name().equals("UNRECOGNIZED"))
              .map(Enum::name)
              .collect(Collectors.joining(", "));
      throw new InvalidDeclarationException(field, Problem.UNSPECIFIED, allowed);
    }
    return value;
  }

  static Instant instant(String field, Timestamp t, boolean present)
      throws InvalidDeclarationException {
    if (!present) {
      throw new InvalidDeclarationException(field, Problem.MISSING);
    }
    if (!Timestamps.isValid(t)) {
      throw new InvalidDeclarationException(field, Problem.TIMESTAMP);
    }
    return ProtoTime.instant(t);
  }
}
