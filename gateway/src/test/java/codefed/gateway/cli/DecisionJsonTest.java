package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionJsonTest {
  @Test
  void quote_escapesControlCharactersAndQuotes() {
    assertThat(DecisionJson.quote("a\"b\\c\nd\u0001张")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001张\"");
  }
}
