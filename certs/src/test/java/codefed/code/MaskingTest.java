package codefed.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
  @Test
  void maskName_chineseName_keepsTheFamilyNameOnly() {
    assertThat(Masking.maskName("张三")).isEqualTo("张*");
    assertThat(Masking.maskName("欧阳娜娜")).isEqualTo("欧***");
  }

  @Test
  void maskName_latinName_keepsTheFirstLetterAndMasksEveryOtherCharacter() {
    assertThat(Masking.maskName("Smith John")).isEqualTo("S*********");
  }

  @Test
  void maskName_supplementaryCharacter_countsAsOneCharacter() {
    assertThat(Masking.maskName("\uD840\uDC00三")).isEqualTo("\uD840\uDC00*");
  }

  @Test
  void maskName_singleCharacter_isMaskedEntirely() {
    assertThat(Masking.maskName("张")).isEqualTo("*");
    assertThat(Masking.maskName("")).isEmpty();
  }

  @Test
  void maskIdNumber_residentId_keepsFirstFourAndLastFour() {
    assertThat(Masking.maskIdNumber("150802199003071235")).isEqualTo("1508**********1235");
    assertThat(Masking.maskIdNumber("11010519491231002X")).isEqualTo("1101**********002X");
  }

  @Test
  void maskIdNumber_passport_keepsFirstTwoAndLastTwo() {
    assertThat(Masking.maskIdNumber("E12345678")).isEqualTo("E1*****78");
  }

  @Test
  void maskIdNumber_tooShortToHideAnything_isMaskedEntirely() {
    assertThat(Masking.maskIdNumber("AB12")).isEqualTo("****");
  }
}
