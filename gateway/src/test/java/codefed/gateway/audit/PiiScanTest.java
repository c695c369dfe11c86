package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.StatusSummaries;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.StatusAssertion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A population-sized run writes records as the gateway does (HMAC of the code id, the node's signed
 * answer with the code id and masked name and ID number sealed for the auditors); no name, ID
 * number (full or masked), phone number or code id of the population may appear in any file of the
 * log directory, and the auditors' key opens each answer.
 */
class PiiScanTest {
  private static final long SEED = 4_000_002L;
  private static final int POPULATION = 2000;
  private static final String SURNAMES =
      "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  private static final String GIVEN =
      "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志宏海波宇浩然欣怡子涵梓轩雨泽俊杰思远嘉怡晨阳";
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = "10X98765432".toCharArray();

  @TempDir Path tmp;

  record Person(String name, String idNumber, String phone, byte[] codeId) {}

  @Test
  void populationRun_leavesNoNameIdNumberOrPhoneInTheLogDirectory() throws Exception {
    Random random = new Random(SEED);
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < POPULATION; i++) {
      byte[] codeId = new byte[16];
      random.nextBytes(codeId);
      people.add(
          new Person(
              name(random),
              idNumber(random),
              "1" + (30 + random.nextInt(60)) + String.format("%08d", random.nextInt(100_000_000)),
              codeId));
    }
    KeyPair issuer = TestKeys.p256();
    byte[] hmacKey = new byte[32];
    random.nextBytes(hmacKey);
    Path dir = tmp.resolve("audit");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (AuditLog log =
        AuditLog.open(dir, AuditLogOptions.defaults("150000", TestKeys.signer(TestKeys.p256())))) {
      log.archivePolicy(new byte[32], "jurisdiction: \"150000\"\nversion: \"2020-03-19\"\n");
      List<Future<Long>> acks = new ArrayList<>();
      for (Person p : people) {
        acks.add(pool.submit(() -> log.append(recordFor(p, issuer, hmacKey))));
      }
      for (Future<Long> f : acks) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(log.size()).isEqualTo(POPULATION);
    } finally {
      pool.shutdownNow();
    }

    Map<Integer, Set<String>> needles = new HashMap<>();
    for (Person p : people) {
      add(needles, p.name().getBytes(StandardCharsets.UTF_8));
      add(needles, p.idNumber().getBytes(StandardCharsets.US_ASCII));
      add(needles, p.phone().getBytes(StandardCharsets.US_ASCII));
      add(needles, maskId(p.idNumber()).getBytes(StandardCharsets.US_ASCII));
      add(needles, p.codeId());
      if (p.name().length() > 2) {
        add(needles, maskName(p.name()).getBytes(StandardCharsets.UTF_8));
      }
    }
    List<String> found = new ArrayList<>();
    try (var files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String data = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (Map.Entry<Integer, Set<String>> e : needles.entrySet()) {
          int len = e.getKey();
          for (int i = 0; i + len <= data.length(); i++) {
            if (e.getValue().contains(data.substring(i, i + len))) {
              found.add(file.getFileName() + "@" + i);
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
    // The answers are there, sealed (the check would be vacuous if nothing were written).
    List<String> opened = new ArrayList<>();
    LogReader.forEach(
        dir,
        r -> {
          try {
            opened.add(
                StatusAssertion.parseFrom(TestSealKeys.OPENER.open(r).getAssertion().getAssertion())
                    .getMaskedName());
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    assertThat(opened)
        .hasSize(POPULATION)
        .containsAll(people.stream().map(p -> maskName(p.name())).toList());
  }

  private static AuditRecord recordFor(Person p, KeyPair issuer, byte[] hmacKey) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
    StatusAssertion assertion =
        StatusAssertion.newBuilder()
            .setIssuer("140000")
            .setCodeId(ByteString.copyFrom(p.codeId())) // what the node signs
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .setMaskedName(maskName(p.name()))
            .setMaskedIdNumber(maskId(p.idNumber()))
            .setAssertedAt(Timestamp.newBuilder().setSeconds(TestRecords.T0.getEpochSecond()))
            .build();
    AuditRecord.Builder r =
        AuditRecord.newBuilder()
            .setTime(Timestamp.newBuilder().setSeconds(TestRecords.T0.getEpochSecond()))
            .setGateway("150000")
            .setCheckpointId("cp-1")
            .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
            .setKind(RecordKind.RECORD_KIND_DECISION)
            .setCodeIdHmac(ByteString.copyFrom(mac.doFinal(p.codeId())))
            .setHmacKeyId("hmac-1")
            .setCode(CodeFacts.newBuilder().setIssuer("140000").setKeyId("140000-ec-1"))
            .setJurisdiction("150000")
            .setPolicyVersion("150000@2020-03-19")
            .setOutcome(Outcome.OUTCOME_PASS)
            .setNodeReachable(true);
    AssertedStatus status = AssertedStatus.of(TestIssuers.sign(issuer, assertion));
    r.setStatus(StatusSummaries.of(status, RiskLevel.RISK_LEVEL_UNSPECIFIED));
    return TestSealKeys.SEALER
        .sealInto(r, Evidence.newBuilder().setAssertion(status.signed()).build())
        .build();
  }

  private static void add(Map<Integer, Set<String>> needles, byte[] bytes) {
    needles
        .computeIfAbsent(bytes.length, k -> new HashSet<>())
        .add(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private static String name(Random r) {
    StringBuilder s = new StringBuilder().append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
    int given = 1 + r.nextInt(2);
    for (int i = 0; i < given; i++) {
      s.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
    }
    return s.toString();
  }

  /** A resident ID number with a valid GB 11643 check digit. */
  private static String idNumber(Random r) {
    String body =
        String.format(
            "%06d%04d%02d%02d%03d",
            110101 + r.nextInt(500000),
            1930 + r.nextInt(90),
            1 + r.nextInt(12),
            1 + r.nextInt(28),
            r.nextInt(1000));
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (body.charAt(i) - '0') * WEIGHTS[i];
    }
    return body + CHECK[sum % 11];
  }

  private static String maskName(String name) {
    return name.charAt(0) + "*".repeat(name.length() - 1);
  }

  private static String maskId(String id) {
    return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }
}
