package codefed.node.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.node.declaration.AcceptedDeclaration;
import codefed.node.declaration.DeclarationValidator;
import codefed.node.declaration.Declarations;
import codefed.node.region.Regions;
import codefed.time.MutableClock;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.Reason;
import org.junit.jupiter.api.Test;

class DeclaredReasonsTest {
  private final DeclarationValidator validator =
      new DeclarationValidator(Regions.bundled(), MutableClock.at("2020-03-20T09:00:00+08:00"));

  @Test
  void of_plainResident_noReason() throws Exception {
    assertThat(DeclaredReasons.of(accept(Declarations.resident()))).isEmpty();
  }

  @Test
  void of_contactWithConfirmed_isCloseContact() throws Exception {
    assertThat(
            DeclaredReasons.of(
                accept(
                    withHealth(
                        HealthAnswers.newBuilder().setContactWithConfirmedOrSuspected(true)))))
        .containsExactly(Reason.REASON_CLOSE_CONTACT);
  }

  @Test
  void of_feverOrDryCough_isRespiratorySymptoms() throws Exception {
    assertThat(DeclaredReasons.of(accept(withHealth(HealthAnswers.newBuilder().setFever(true)))))
        .containsExactly(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS);
    assertThat(DeclaredReasons.of(accept(withHealth(HealthAnswers.newBuilder().setDryCough(true)))))
        .containsExactly(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS);
  }

  @Test
  void of_fatigueAlone_notASeed003Criterion() throws Exception {
    assertThat(DeclaredReasons.of(accept(withHealth(HealthAnswers.newBuilder().setFatigue(true)))))
        .isEmpty();
  }

  @Test
  void of_contactWithFebrilePerson() throws Exception {
    assertThat(
            DeclaredReasons.of(
                accept(withHealth(HealthAnswers.newBuilder().setContactWithFebrilePerson(true)))))
        .containsExactly(Reason.REASON_CONTACT_WITH_FEBRILE_PERSON);
  }

  @Test
  void of_overseasStay_isCrossCityTravel() throws Exception {
    assertThat(
            DeclaredReasons.of(
                accept(withHealth(HealthAnswers.newBuilder().setOverseasTravel(true)))))
        .containsExactly(Reason.REASON_CROSS_CITY_TRAVEL);
  }

  @Test
  void of_tripFromAnotherCity_isCrossCityTravel_andOriginRecorded() throws Exception {
    AcceptedDeclaration trip =
        accept(
            Declarations.resident().toBuilder()
                .clearResidence()
                .setTravel(
                    Declarations.travel("CN", "140212", "140105").toBuilder()
                        .setTransit("经停420106"))
                .build());

    assertThat(DeclaredReasons.of(trip)).containsExactly(Reason.REASON_CROSS_CITY_TRAVEL);
    assertThat(DeclaredReasons.originAreas(trip)).containsExactly("140212", "420106");
  }

  @Test
  void of_tripWithinTheCity_noReason() throws Exception {
    AcceptedDeclaration trip =
        accept(
            Declarations.resident().toBuilder()
                .clearResidence()
                .setTravel(Declarations.travel("CN", "140106", "140105"))
                .build());

    assertThat(DeclaredReasons.of(trip)).isEmpty();
  }

  @Test
  void of_arrivalFromAbroad_isCrossCityTravel() throws Exception {
    assertThat(DeclaredReasons.of(accept(Declarations.foreigner())))
        .containsExactly(Reason.REASON_CROSS_CITY_TRAVEL);
  }

  private AcceptedDeclaration accept(Declaration d) throws Exception {
    return validator.validate(d);
  }

  private static Declaration withHealth(HealthAnswers.Builder health) {
    return Declarations.resident().toBuilder().setHealth(health).build();
  }
}
