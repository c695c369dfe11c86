package codefed.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class IssuersTest {
  @Test
  void provinces_matchTestdataProvincesCsv() throws IOException {
    var expected =
        Files.readAllLines(TestData.file("provinces.csv")).stream()
            .skip(1)
            .filter(line -> !line.isBlank())
            .map(line -> line.split(",")[0])
            .toList();

    assertThat(Issuers.provinces()).containsExactlyElementsOf(expected).hasSize(31);
  }

  @Test
  void all_isTheProvincesAndNational() {
    assertThat(Issuers.all()).hasSize(32).contains("150000", "420000", Issuers.NATIONAL);
  }

  @Test
  void isProvince_knowsProvincesButNotNationalOrStrangers() {
    assertThat(Issuers.isProvince("140000")).isTrue();
    assertThat(Issuers.isProvince(Issuers.NATIONAL)).isFalse();
    assertThat(Issuers.isProvince("990000")).isFalse();
    assertThat(Issuers.isKnown(Issuers.NATIONAL)).isTrue();
    assertThat(Issuers.isKnown("990000")).isFalse();
  }

  @Test
  void name_givesTheChineseAndEnglishNames() {
    assertThat(Issuers.name("140000")).isEqualTo("山西省");
    assertThat(Issuers.englishName("420000")).isEqualTo("Hubei");
    assertThat(Issuers.name(Issuers.NATIONAL)).isEqualTo("全国");
  }

  @Test
  void name_unknownIssuer_isRefusedNamingIt() {
    assertThatThrownBy(() -> Issuers.name("990000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("issuer: 990000");
  }
}
