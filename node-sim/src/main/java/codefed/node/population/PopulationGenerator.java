package codefed.node.population;

import codefed.node.declaration.ResidentIdNumber;
import codefed.node.region.Regions;
import codefed.node.registry.CodeId;
import codefed.time.ProtoTime;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Gender;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.Residence;
import healthcode.federation.v1.TransportMode;
import healthcode.federation.v1.Travel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A deterministic synthetic population of one province: resident {@code i} depends only on
 * (province, seed, i) and the reference instant its travel dates are relative to, so the node and
 * {@code codefed population export} produce the same residents and code ids.
 *
 * <p>About 97 % green, 2 % yellow, 1 % red, each non-green resident with one seed-003 reason —
 * expressed in the declaration where the form can say it (symptoms, contacts, cross-city travel)
 * and otherwise as a health-authority finding (confirmed, quarantine, same building, …). About 0.5
 * % of greens are whitelisted. Children and the elderly are often declared by a relative (proxy);
 * about 1 % are foreigners declaring with a passport in English. Birth dates fall in 1935–2012, so
 * the reference instant must be after 2012.
 */
public final class PopulationGenerator {
  private static final List<Reason> RED =
      List.of(
          Reason.REASON_CONFIRMED,
          Reason.REASON_SUSPECTED,
          Reason.REASON_CLOSE_CONTACT,
          Reason.REASON_UNDER_QUARANTINE,
          Reason.REASON_FROM_KEY_EPIDEMIC_AREA);
  private static final List<Reason> YELLOW =
      List.of(
          Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS,
          Reason.REASON_CONTACT_WITH_FEBRILE_PERSON,
          Reason.REASON_SAME_BUILDING_AS_CASE,
          Reason.REASON_CROSS_CITY_TRAVEL,
          Reason.REASON_FROM_HIGHER_RISK_COUNTY);
  private static final String[] RELATIONS_FOR_CHILD = {"父亲", "母亲", "祖父", "祖母"};
  private static final String[] RELATIONS_FOR_ELDER = {"儿子", "女儿", "孙子", "孙女"};
  private static final String[] STREETS = {
    "解放", "建设", "人民", "和平", "迎泽", "府西", "长风", "新华", "胜利", "五一"
  };
  private static final String[] COUNTRIES = {
    "GB", "US", "DE", "FR", "JP", "KR", "RU", "TH", "VN", "IN"
  };

  private final String province;
  private final long seed;
  private final List<String> counties;
  private final List<String> otherCounties;

  public PopulationGenerator(String province, long seed) {
    Regions regions = Regions.bundled();
    this.counties = regions.countiesOf(province);
    this.province = province;
    this.seed = seed;
    this.otherCounties =
        regions.provinces().stream()
            .filter(p -> !p.equals(province))
            .flatMap(p -> regions.countiesOf(p).stream())
            .toList();
  }

  public String province() {
    return province;
  }

  public long seed() {
    return seed;
  }

  /** Residents 0 … count−1. */
  public Stream<Resident> residents(int count, Instant reference) {
    if (count < 0) {
      throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
    }
    return IntStream.range(0, count).mapToObj(i -> resident(i, reference));
  }

  /** Resident {@code index}. */
  public Resident resident(int index, Instant reference) {
    SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
    CodeId codeId = CodeId.random(random);
    double roll = random.nextDouble();
    Color color =
        roll < 0.01 ? Color.COLOR_RED : roll < 0.03 ? Color.COLOR_YELLOW : Color.COLOR_GREEN;
    Reason reason =
        switch (color) {
          case COLOR_RED -> RED.get(random.nextInt(RED.size()));
          case COLOR_YELLOW -> YELLOW.get(random.nextInt(YELLOW.size()));
          default -> random.nextInt(200) == 0 ? Reason.REASON_WHITELISTED : null;
        };
    boolean foreigner = random.nextInt(100) == 0;
    boolean male = random.nextBoolean();
    Declaration.Builder d =
        Declaration.newBuilder()
            .setGender(male ? Gender.GENDER_MALE : Gender.GENDER_FEMALE)
            .setPhone(mobile(random))
            .setCommitment(true);
    LocalDate birth = LocalDate.of(1935, 1, 1).plusDays(random.nextInt(78 * 365));
    String surname = Names.surname(random);
    if (foreigner) {
      d.setName(Names.latin(random))
          .setIdType(IdType.ID_TYPE_PASSPORT)
          .setIdNumber(passport(random))
          .setLanguage(Language.LANGUAGE_EN);
    } else {
      d.setName(surname + Names.given(random, male))
          .setIdType(IdType.ID_TYPE_RESIDENT_ID)
          .setIdNumber(residentId(random, birth, male))
          .setLanguage(Language.LANGUAGE_ZH);
    }
    int age = 2020 - birth.getYear();
    if (!foreigner && (age < 12 || age > 75) && random.nextInt(10) < 6) {
      String[] relations = age < 12 ? RELATIONS_FOR_CHILD : RELATIONS_FOR_ELDER;
      d.setProxy(
          ProxyDeclarant.newBuilder()
              .setName(surname + Names.given(random, random.nextBoolean()))
              .setPhone(mobile(random))
              .setRelationship(relations[random.nextInt(relations.length)]));
    }
    HealthAnswers.Builder health = HealthAnswers.newBuilder().setFatigue(random.nextInt(100) == 0);
    Set<Reason> findings = EnumSet.noneOf(Reason.class);
    String home = counties.get(random.nextInt(counties.size()));
    boolean travels =
        reason == Reason.REASON_CROSS_CITY_TRAVEL || (reason == null && random.nextInt(50) == 0);
    if (reason == Reason.REASON_CLOSE_CONTACT) {
      health.setContactWithConfirmedOrSuspected(true);
    } else if (reason == Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS) {
      health.setFever(random.nextBoolean()).setDryCough(true);
    } else if (reason == Reason.REASON_CONTACT_WITH_FEBRILE_PERSON) {
      health.setContactWithFebrilePerson(true);
    } else if (reason != null && reason != Reason.REASON_CROSS_CITY_TRAVEL) {
      findings.add(reason);
    }
    d.setHealth(health);
    if (travels) {
      // Cross-city trips start in another province; same-city trips (still green) start at home.
      String origin =
          reason == null ? home : otherCounties.get(random.nextInt(otherCounties.size()));
      d.setTravel(travel(random, reference, origin, home, foreigner && reason != null));
    } else {
      d.setResidence(
          Residence.newBuilder()
              .setAreaCode(home)
              .setTownship(STREETS[random.nextInt(STREETS.length)] + "街道")
              .setAddress(
                  STREETS[random.nextInt(STREETS.length)] + "路" + (1 + random.nextInt(300)) + "号")
              .setEmployer(age >= 18 && age < 65 ? "某某有限公司" : ""));
    }
    Duration issuedAgo = Duration.ofSeconds(random.nextLong(Duration.ofDays(7).toSeconds()));
    return new Resident(index, codeId, d.build(), findings, issuedAgo, color);
  }

  private Travel travel(
      SplittableRandom random, Instant reference, String origin, String home, boolean abroad) {
    Instant arrived = reference.minus(Duration.ofHours(2 + random.nextInt(24 * 10)));
    Instant departed = arrived.minus(Duration.ofHours(1 + random.nextInt(30)));
    Travel.Builder t =
        Travel.newBuilder()
            .setOriginCountry(abroad ? COUNTRIES[random.nextInt(COUNTRIES.length)] : "CN")
            .setOriginAreaCode(abroad ? "" : origin)
            .setDepartedAt(timestamp(departed))
            .setTransport(TransportMode.forNumber(1 + random.nextInt(4)))
            .setArrivedAt(timestamp(arrived))
            .setDestinationAreaCode(home)
            .setDestinationAddress(
                STREETS[random.nextInt(STREETS.length)] + "路" + (1 + random.nextInt(300)) + "号");
    return t.build();
  }

  private String residentId(SplittableRandom random, LocalDate birth, boolean male) {
    String region = counties.get(random.nextInt(counties.size()));
    int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
    String first17 =
        region
            + String.format(
                Locale.ROOT,
                "%04d%02d%02d%03d",
                birth.getYear(),
                birth.getMonthValue(),
                birth.getDayOfMonth(),
                sequence);
    return first17 + ResidentIdNumber.checkCharacter(first17);
  }

  private static String passport(SplittableRandom random) {
    StringBuilder p = new StringBuilder().append((char) ('A' + random.nextInt(26)));
    for (int i = 0; i < 8; i++) {
      p.append((char) ('0' + random.nextInt(10)));
    }
    return p.toString();
  }

  private static String mobile(SplittableRandom random) {
    return "1"
        + (3 + random.nextInt(7))
        + String.format(Locale.ROOT, "%09d", random.nextInt(1_000_000_000));
  }

  private static Timestamp timestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
