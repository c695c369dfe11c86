package codefed.node.declaration;

import com.google.protobuf.Timestamp;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Gender;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.ProxyDeclarant;
import healthcode.federation.v1.Residence;
import healthcode.federation.v1.TransportMode;
import healthcode.federation.v1.Travel;
import java.time.OffsetDateTime;

/** Valid example declarations for tests. */
public final class Declarations {
  private Declarations() {}

  /** A resident of Taiyuan (reference-vector ID, male), in Chinese. */
  public static Declaration resident() {
    return Declaration.newBuilder()
        .setName("张三")
        .setIdType(IdType.ID_TYPE_RESIDENT_ID)
        .setIdNumber("150802199003071235")
        .setPhone("13912345678")
        .setGender(Gender.GENDER_MALE)
        .setResidence(
            Residence.newBuilder()
                .setAreaCode("140105")
                .setTownship("龙城街道")
                .setAddress("长风街1号")
                .setEmployer("某公司"))
        .setHealth(HealthAnswers.getDefaultInstance())
        .setLanguage(Language.LANGUAGE_ZH)
        .setCommitment(true)
        .build();
  }

  /** A foreigner arriving from abroad, in English, with a passport. */
  public static Declaration foreigner() {
    return Declaration.newBuilder()
        .setName("Smith John")
        .setIdType(IdType.ID_TYPE_PASSPORT)
        .setIdNumber("e12345678")
        .setPhone("+447700900123")
        .setGender(Gender.GENDER_MALE)
        .setTravel(travel("GB", "", "140105"))
        .setHealth(HealthAnswers.getDefaultInstance())
        .setLanguage(Language.LANGUAGE_EN)
        .setCommitment(true)
        .build();
  }

  /** A grandmother declared by her grandson (seed 004: 代他人填报). */
  public static Declaration byProxy() {
    return resident().toBuilder()
        .setName("李秀英")
        .setIdNumber("140105200002294562")
        .setGender(Gender.GENDER_FEMALE)
        .setProxy(
            ProxyDeclarant.newBuilder().setName("李明").setPhone("13800000000").setRelationship("孙子"))
        .build();
  }

  /** A domestic trip into Taiyuan (arrived 2020-03-18, the tests' clock is 2020-03-20). */
  public static Travel travel(String country, String originArea, String destination) {
    return Travel.newBuilder()
        .setOriginCountry(country)
        .setOriginAreaCode(originArea)
        .setDepartedAt(ts("2020-03-17T20:00:00+08:00"))
        .setTransport(TransportMode.TRANSPORT_MODE_RAIL)
        .setArrivedAt(ts("2020-03-18T08:00:00+08:00"))
        .setDestinationAreaCode(destination)
        .setDestinationAddress("迎泽大街1号")
        .build();
  }

  public static Timestamp ts(String iso) {
    return Timestamp.newBuilder().setSeconds(OffsetDateTime.parse(iso).toEpochSecond()).build();
  }
}
