package codefed.node.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.status.IssuerColor;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InMemoryCodeRegistryTest {
  private static final Instant ISSUED = Instant.parse("2020-03-20T01:00:00.123Z");

  private final InMemoryCodeRegistry registry = new InMemoryCodeRegistry(4);

  @Test
  void insert_thenFind_returnsEqualRecord() {
    CodeRecord record =
        record(new CodeId(-1, 42))
            .withFindings(EnumSet.of(Reason.REASON_CONFIRMED, Reason.REASON_WHITELISTED))
            .withDeclaredReasons(Set.of(Reason.REASON_CROSS_CITY_TRAVEL))
            .withOriginAreas(List.of("420106"))
            .withVisits(List.of(new Visit("R-HIGH", ISSUED)));

    registry.insert(record);

    assertThat(registry.find(new CodeId(-1, 42))).contains(record);
    assertThat(registry.find(new CodeId(42, -1))).isEmpty();
  }

  @Test
  void insert_unusualOrigins_roundTrip() {
    CodeRecord several = record(new CodeId(1, 1)).withOriginAreas(List.of("420106", "110105"));
    CodeRecord named = record(new CodeId(1, 2)).withOriginAreas(List.of("area-x"));
    CodeRecord leadingZero = record(new CodeId(1, 3)).withOriginAreas(List.of("012345"));
    registry.insert(several);
    registry.insert(named);
    registry.insert(leadingZero);

    assertThat(registry.find(several.id())).contains(several);
    assertThat(registry.find(named.id())).contains(named);
    assertThat(registry.find(leadingZero.id())).contains(leadingZero);
  }

  @Test
  void replace_issuerColor_roundTrips_andIsClearedAgain() {
    CodeRecord plain = record(new CodeId(3, 3));
    registry.insert(plain);
    CodeRecord colored =
        plain.withIssuerColor(
            Optional.of(new IssuerColor(Color.COLOR_YELLOW, "national platform rules")));

    registry.replace(colored);
    assertThat(registry.find(plain.id())).contains(colored);

    registry.replace(colored.withIssuerColor(Optional.empty()));
    assertThat(registry.find(plain.id())).contains(plain);
  }

  @Test
  void insert_duplicateId_rejected_andOriginalKept() {
    CodeRecord original = record(new CodeId(7, 7));
    registry.insert(original);

    assertThatThrownBy(() -> registry.insert(original.revoke()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(registry.find(original.id())).contains(original);
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void replace_updatesMutableParts() {
    CodeRecord original = record(new CodeId(7, 7)).withVisits(List.of(new Visit("140105", ISSUED)));
    registry.insert(original);
    CodeRecord revoked = original.revoke().withVisits(List.of());

    registry.replace(revoked);

    assertThat(registry.find(original.id())).contains(revoked);
  }

  @Test
  void replace_unknown_throws() {
    assertThatThrownBy(() -> registry.replace(record(new CodeId(1, 1))))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void grows_beyondInitialCapacity_andForEachSeesAll() {
    SplittableRandom random = new SplittableRandom(7);
    List<CodeId> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      CodeId id = CodeId.random(random);
      ids.add(id);
      registry.insert(record(id));
    }
    List<CodeId> seen = new ArrayList<>();

    registry.forEach(r -> seen.add(r.id()));

    assertThat(registry.size()).isEqualTo(5000);
    assertThat(seen).containsExactlyElementsOf(ids);
    assertThat(ids).allSatisfy(id -> assertThat(registry.find(id)).isPresent());
  }

  @Test
  void codeId_bytesRoundTrip_andToStringHidesTheId() {
    CodeId id = new CodeId(0x0123456789ABCDEFL, 0xFEDCBA9876543210L);

    assertThat(CodeId.fromBytes(id.toBytes())).isEqualTo(id);
    assertThat(id.toHex()).isEqualTo("0123456789abcdeffedcba9876543210");
    assertThat(id.toString()).doesNotContain("89abcdef");
    assertThatThrownBy(() -> CodeId.fromBytes(new byte[15]))
        .hasMessage("code_id: 15 bytes (expected: 16 bytes)");
  }

  private static CodeRecord record(CodeId id) {
    return new CodeRecord(
        id,
        new Holder("张*", "1508**********1235", "李* (孙子)"),
        ISSUED,
        ISSUED.plus(Duration.ofDays(14)),
        CodeState.CODE_STATE_ACTIVE,
        Set.of(),
        Set.of(),
        List.of(),
        List.of());
  }
}
