package codefed.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.TestData;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The transparency-dev/merkle proof vectors and the hasher table of their README. */
class MerkleVectorsTest {

  static Stream<Path> inclusionVectors() throws IOException {
    return jsonFiles("inclusion");
  }

  static Stream<Path> consistencyVectors() throws IOException {
    return jsonFiles("consistency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void inclusionVector_acceptedExactlyWhenWantErrIsFalse(Path file) throws IOException {
    JsonObject v = read(file);
    boolean accepted;
    try {
      MerkleProofs.verifyInclusion(
          unsigned(v, "leafIdx"),
          unsigned(v, "treeSize"),
          bytes(v, "leafHash"),
          proof(v),
          bytes(v, "root"));
      accepted = true;
    } catch (ProofException e) {
      accepted = false;
    }
    assertThat(accepted)
        .as(v.get("desc").getAsString())
        .isEqualTo(!v.get("wantErr").getAsBoolean());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consistencyVectors")
  void consistencyVector_acceptedExactlyWhenWantErrIsFalse(Path file) throws IOException {
    JsonObject v = read(file);
    boolean accepted;
    try {
      MerkleProofs.verifyConsistency(
          unsigned(v, "size1"),
          unsigned(v, "size2"),
          proof(v),
          bytes(v, "root1"),
          bytes(v, "root2"));
      accepted = true;
    } catch (ProofException e) {
      accepted = false;
    }
    assertThat(accepted)
        .as(v.get("desc").getAsString())
        .isEqualTo(!v.get("wantErr").getAsBoolean());
  }

  @Test
  void vectorDirectories_holdEveryPublishedCase() throws IOException {
    try (Stream<Path> inc = inclusionVectors();
        Stream<Path> con = consistencyVectors()) {
      assertThat(inc.count() + con.count()).isEqualTo(196);
    }
  }

  @Test
  void hasher_matchesTheReadmeTable() {
    HexFormat hex = HexFormat.of();
    assertThat(hex.formatHex(MerkleHasher.emptyRoot()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(hex.formatHex(MerkleHasher.leafHash(new byte[0])))
        .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    assertThat(hex.formatHex(MerkleHasher.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    assertThat(
            hex.formatHex(
                MerkleHasher.nodeHash(
                    "N123".getBytes(StandardCharsets.US_ASCII),
                    "N456".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    assertThat(new MerkleTree().root()).isEqualTo(MerkleHasher.emptyRoot());
  }

  private static Stream<Path> jsonFiles(String kind) throws IOException {
    Path dir = TestData.dir().resolve("merkle-vectors").resolve(kind);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream().map(p -> dir.relativize(p)).map(dir::resolve);
  }

  private static JsonObject read(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  private static long unsigned(JsonObject v, String name) {
    return Long.parseUnsignedLong(v.get(name).getAsString());
  }

  private static byte[] bytes(JsonObject v, String name) {
    JsonElement e = v.get(name);
    return e == null || e.isJsonNull() ? new byte[0] : Base64.getDecoder().decode(e.getAsString());
  }

  private static List<byte[]> proof(JsonObject v) {
    List<byte[]> out = new ArrayList<>();
    JsonElement e = v.get("proof");
    if (e != null && !e.isJsonNull()) {
      JsonArray a = e.getAsJsonArray();
      for (JsonElement h : a) {
        out.add(h.isJsonNull() ? new byte[0] : Base64.getDecoder().decode(h.getAsString()));
      }
    }
    return out;
  }
}
