package codefed.node.declaration;

import healthcode.federation.v1.Language;
import java.util.Locale;

/** What is wrong with a declaration field, worded in English and Chinese (seed 004: zh/en). */
public enum Problem {
  MISSING("missing", "必填项未填写"),
  TOO_LONG("too long (expected: at most %s characters)", "过长（最多 %s 个字符）"),
  CONTROL_CHARACTERS("contains control characters", "含有非法字符"),
  UNSPECIFIED("unspecified (expected: one of %s)", "未选择（可选：%s）"),
  ID_LENGTH("%s characters (expected: 18)", "长度为 %s 位（应为 18 位）"),
  ID_FORMAT("bad format (expected: 17 digits then a digit or X)", "格式错误（应为 17 位数字加 1 位数字或 X）"),
  ID_REGION("unknown region prefix %s", "地区码 %s 不存在"),
  ID_BIRTH_DATE("birth date %s does not exist", "出生日期 %s 不存在"),
  ID_BIRTH_FUTURE("birth date %s is in the future", "出生日期 %s 晚于今天"),
  ID_CHECK_DIGIT("bad check digit", "校验码错误"),
  PASSPORT_FORMAT(
      "bad format (expected: 5 to 17 letters and digits)", "护照号码格式错误（应为 5 至 17 位字母或数字）"),
  PHONE_FORMAT(
      "bad format (expected: an 11-digit mobile number or +<country code><number>)",
      "手机号码格式错误（应为 11 位手机号或 +国家码号码）"),
  GENDER_MISMATCH("%s does not match the ID number", "与身份证号码不符"),
  AREA_CODE("%s (expected: a 6-digit area code of a known province)", "地区码 %s 无效（应为已知省份的 6 位地区码）"),
  COUNTRY("%s (expected: an ISO 3166-1 alpha-2 code such as CN)", "国家代码 %s 无效（应为 CN 等两位字母代码）"),
  AREA_FOR_ABROAD("must be empty for arrivals from abroad", "境外来人员不填写国内出发地"),
  TIMESTAMP("not a valid timestamp", "时间无效"),
  ARRIVAL_BEFORE_DEPARTURE("before departed_at", "到达时间早于出发时间"),
  TOO_FAR_AHEAD("%s (expected: at most 30 days ahead)", "时间 %s 超出 30 天"),
  RESIDENCE_OR_TRAVEL("expected exactly one of residence or travel", "居住信息与出行信息须且只能填写一项"),
  COMMITMENT("must be true (the declarant promises the answers are true)", "须勾选承诺（承诺所填信息真实）");

  private final String english;
  private final String chinese;

  Problem(String english, String chinese) {
    this.english = english;
    this.chinese = chinese;
  }

  /** The wording in the declarant's language (English unless LANGUAGE_ZH). */
  public String format(Language language, Object... args) {
    String template = language == Language.LANGUAGE_ZH ? chinese : english;
    return String.format(Locale.ROOT, template, args);
  }
}
