package codefed.node.declaration;

import static codefed.node.declaration.Declarations.travel;
import static codefed.node.declaration.Declarations.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.region.Regions;
import codefed.time.MutableClock;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Gender;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.TransportMode;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeclarationValidatorTest {
  private final DeclarationValidator validator =
      new DeclarationValidator(Regions.bundled(), MutableClock.at("2020-03-20T09:00:00+08:00"));

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("resident in Chinese", Declarations.resident()),
        Arguments.of(
            "lower-case x check character",
            Declarations.resident().toBuilder()
                .setIdNumber("11010519491231002x")
                .setGender(Gender.GENDER_FEMALE)
                .build()),
        Arguments.of("29 Feb 2000", Declarations.byProxy()),
        Arguments.of("foreigner with passport, in English", Declarations.foreigner()),
        Arguments.of(
            "domestic arrival",
            Declarations.resident().toBuilder()
                .setTravel(travel("CN", "420106", "140105"))
                .clearResidence()
                .build()),
        Arguments.of(
            "transit and no employer",
            Declarations.resident().toBuilder()
                .setTravel(travel("CN", "110105", "140105").toBuilder().setTransit("经停 420106 武汉"))
                .clearResidence()
                .build()),
        Arguments.of(
            "arrival planned 10 days ahead (拟入晋)",
            Declarations.resident().toBuilder()
                .setTravel(
                    travel("CN", "110105", "140105").toBuilder()
                        .setDepartedAt(ts("2020-03-29T08:00:00+08:00"))
                        .setArrivedAt(ts("2020-03-30T08:00:00+08:00")))
                .clearResidence()
                .build()),
        Arguments.of(
            "international phone number",
            Declarations.resident().toBuilder().setPhone("+86 139-1234-5678").build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validate_goodDeclaration_accepted(String name, Declaration declaration) throws Exception {
    AcceptedDeclaration accepted = validator.validate(declaration);

    assertThat(accepted.name()).isEqualTo(declaration.getName().strip());
    assertThat(accepted.toString())
        .doesNotContain(accepted.name())
        .doesNotContain(accepted.idNumber());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad("missing name", d -> d.setName("  "), "declaration.name: missing"),
        bad(
            "name with control character",
            d -> d.setName("张\u0007三"),
            "declaration.name: contains control characters"),
        bad(
            "name too long",
            d -> d.setName("张".repeat(65)),
            "declaration.name: too long (expected: at most 64 characters)"),
        bad(
            "no id type",
            d -> d.setIdType(IdType.ID_TYPE_UNSPECIFIED),
            "declaration.id_type: unspecified (expected: one of ID_TYPE_RESIDENT_ID, ID_TYPE_PASSPORT)"),
        bad("missing id number", d -> d.setIdNumber(""), "declaration.id_number: missing"),
        bad(
            "17 characters",
            d -> d.setIdNumber("15080219900307123"),
            "declaration.id_number: 17 characters (expected: 18)"),
        bad(
            "letter inside",
            d -> d.setIdNumber("1508021990030712A5"),
            "declaration.id_number: bad format (expected: 17 digits then a digit or X)"),
        bad(
            "wrong check digit",
            d -> d.setIdNumber("110105194912310021"),
            "declaration.id_number: bad check digit"),
        bad(
            "unknown region 99",
            d -> d.setIdNumber("990105194912310023"),
            "declaration.id_number: unknown region prefix 99"),
        bad(
            "29 Feb 2001",
            d -> d.setIdNumber("14010520010229456X"),
            "declaration.id_number: birth date 20010229 does not exist"),
        bad(
            "born in the future",
            d -> d.setIdNumber(withCheck("14010520210101123")),
            "declaration.id_number: birth date 20210101 is in the future"),
        bad(
            "passport with symbols",
            d -> d.setIdType(IdType.ID_TYPE_PASSPORT).setIdNumber("E-1234"),
            "declaration.id_number: bad format (expected: 5 to 17 letters and digits)"),
        bad("missing phone", d -> d.setPhone(""), "declaration.phone: missing"),
        bad(
            "landline",
            d -> d.setPhone("0351-3580916"),
            "declaration.phone: bad format (expected: an 11-digit mobile number or +<country code><number>)"),
        bad(
            "no gender",
            d -> d.setGender(Gender.GENDER_UNSPECIFIED),
            "declaration.gender: unspecified (expected: one of GENDER_MALE, GENDER_FEMALE)"),
        bad(
            "gender contradicts ID",
            d -> d.setGender(Gender.GENDER_FEMALE),
            "declaration.gender: GENDER_FEMALE does not match the ID number"),
        bad(
            "neither residence nor travel",
            d -> d.clearResidence(),
            "declaration.residence: expected exactly one of residence or travel"),
        bad(
            "both residence and travel",
            d -> d.setTravel(travel("CN", "110105", "140105")),
            "declaration.residence: expected exactly one of residence or travel"),
        bad(
            "residence area unknown",
            d -> d.setResidence(d.getResidence().toBuilder().setAreaCode("990101")),
            "declaration.residence.area_code: 990101 (expected: a 6-digit area code of a known province)"),
        bad(
            "residence without address",
            d -> d.setResidence(d.getResidence().toBuilder().setAddress("")),
            "declaration.residence.address: missing"),
        bad(
            "residence without township",
            d -> d.setResidence(d.getResidence().toBuilder().setTownship("")),
            "declaration.residence.township: missing"),
        bad(
            "travel without country",
            d -> trip(d, travel("", "110105", "140105")),
            "declaration.travel.origin_country: missing"),
        bad(
            "travel with bad country",
            d -> trip(d, travel("CHN", "110105", "140105")),
            "declaration.travel.origin_country: CHN (expected: an ISO 3166-1 alpha-2 code such as CN)"),
        bad(
            "domestic travel without origin",
            d -> trip(d, travel("CN", "", "140105")),
            "declaration.travel.origin_area_code: missing"),
        bad(
            "abroad with domestic origin",
            d -> trip(d, travel("GB", "110105", "140105")),
            "declaration.travel.origin_area_code: must be empty for arrivals from abroad"),
        bad(
            "no departure time",
            d -> trip(d, travel("CN", "110105", "140105").toBuilder().clearDepartedAt().build()),
            "declaration.travel.departed_at: missing"),
        bad(
            "no transport",
            d ->
                trip(
                    d,
                    travel("CN", "110105", "140105").toBuilder()
                        .setTransport(TransportMode.TRANSPORT_MODE_UNSPECIFIED)
                        .build()),
            "declaration.travel.transport: unspecified (expected: one of TRANSPORT_MODE_AIR, TRANSPORT_MODE_RAIL,"
                + " TRANSPORT_MODE_ROAD, TRANSPORT_MODE_SHIP, TRANSPORT_MODE_OTHER)"),
        bad(
            "arrival before departure",
            d ->
                trip(
                    d,
                    travel("CN", "110105", "140105").toBuilder()
                        .setArrivedAt(ts("2020-03-16T08:00:00+08:00"))
                        .build()),
            "declaration.travel.arrived_at: before departed_at"),
        bad(
            "no destination",
            d -> trip(d, travel("CN", "110105", "")),
            "declaration.travel.destination_area_code: missing"),
        bad(
            "no destination address",
            d ->
                trip(
                    d,
                    travel("CN", "110105", "140105").toBuilder().setDestinationAddress("").build()),
            "declaration.travel.destination_address: missing"),
        bad("health questions unanswered", d -> d.clearHealth(), "declaration.health: missing"),
        bad(
            "proxy without name",
            d ->
                d.setProxy(
                    ProxyDeclarant.newBuilder().setPhone("13800000000").setRelationship("子")),
            "declaration.proxy.name: missing"),
        bad(
            "proxy with bad phone",
            d ->
                d.setProxy(
                    ProxyDeclarant.newBuilder().setName("李明").setPhone("12").setRelationship("子")),
            "declaration.proxy.phone: bad format (expected: an 11-digit mobile number or +<country code><number>)"),
        bad(
            "proxy without relationship",
            d -> d.setProxy(ProxyDeclarant.newBuilder().setName("李明").setPhone("13800000000")),
            "declaration.proxy.relationship: missing"),
        bad(
            "no language",
            d -> d.setLanguage(Language.LANGUAGE_UNSPECIFIED),
            "declaration.language: unspecified (expected: one of LANGUAGE_ZH, LANGUAGE_EN)"),
        bad(
            "commitment not ticked",
            d -> d.setCommitment(false),
            "declaration.commitment: must be true (the declarant promises the answers are true)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void validate_badField_namesTheField(String name, Declaration declaration, String expected) {
    assertThatThrownBy(() -> validator.validate(declaration))
        .isInstanceOf(InvalidDeclarationException.class)
        .hasMessage(expected);
  }

  @Test
  void validate_proxyDeclaration_recordsTheDeclarant() throws Exception {
    AcceptedDeclaration accepted = validator.validate(Declarations.byProxy());

    assertThat(accepted.proxyDeclared()).isTrue();
    assertThat(accepted.proxy().orElseThrow().getRelationship()).isEqualTo("孙子");
  }

  @Test
  void validate_passport_normalizedToUpperCase() throws Exception {
    assertThat(validator.validate(Declarations.foreigner()).idNumber()).isEqualTo("E12345678");
  }

  @Test
  void message_chineseDeclaration_worded_inChinese_namingTheField() {
    Declaration bad = Declarations.resident().toBuilder().setIdNumber("110105194912310021").build();

    assertThatThrownBy(() -> validator.validate(bad))
        .isInstanceOfSatisfying(
            InvalidDeclarationException.class,
            e -> {
              assertThat(e.message(Language.LANGUAGE_ZH)).isEqualTo("declaration.id_number: 校验码错误");
              assertThat(e.message(Language.LANGUAGE_EN))
                  .isEqualTo("declaration.id_number: bad check digit");
              assertThat(e.field()).isEqualTo("declaration.id_number");
            });
  }

  @Test
  void message_englishDeclaration_worded_inEnglish() {
    Declaration bad = Declarations.foreigner().toBuilder().setPhone("abc").build();

    assertThatThrownBy(() -> validator.validate(bad))
        .isInstanceOfSatisfying(
            InvalidDeclarationException.class,
            e ->
                assertThat(e.message(Language.LANGUAGE_EN))
                    .startsWith("declaration.phone: bad format"));
  }

  private static Arguments bad(
      String name, UnaryOperator<Declaration.Builder> change, String message) {
    return Arguments.of(name, change.apply(Declarations.resident().toBuilder()).build(), message);
  }

  private static Declaration.Builder trip(
      Declaration.Builder d, healthcode.federation.v1.Travel travel) {
    return d.clearResidence().setTravel(travel);
  }

  private static String withCheck(String first17) {
    return first17 + ResidentIdNumber.checkCharacter(first17);
  }
}
