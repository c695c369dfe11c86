package codefed.node.issuance;

import codefed.node.declaration.ResidentIdNumber;
import codefed.node.region.Regions;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Gender;
import healthcode.federation.v1.HealthAnswers;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Language;
import healthcode.federation.v1.Residence;

/** A plain, valid declaration of a resident of a province with nothing to report. */
public final class DefaultDeclaration {
  private DefaultDeclaration() {}

  /** A resident of the province's first bundled county, born 1990-01-01, declaring nothing. */
  public static Declaration forProvince(String province) {
    String county = Regions.bundled().countiesOf(province).get(0);
    String first17 = county + "19900101001";
    return Declaration.newBuilder()
        .setName("测试居民")
        .setIdType(IdType.ID_TYPE_RESIDENT_ID)
        .setIdNumber(first17 + ResidentIdNumber.checkCharacter(first17))
        .setPhone("13800000000")
        .setGender(Gender.GENDER_MALE)
        .setResidence(
            Residence.newBuilder().setAreaCode(county).setTownship("测试街道").setAddress("测试路1号"))
        .setHealth(HealthAnswers.getDefaultInstance())
        .setLanguage(Language.LANGUAGE_ZH)
        .setCommitment(true)
        .build();
  }
}
