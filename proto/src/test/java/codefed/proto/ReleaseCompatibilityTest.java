package codefed.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message, enum and rpc of the first release (its descriptors, {@code buf/v1-release.binpb})
 * is still read and written the same way: same field numbers, names, JSON names, types and
 * cardinality, same enum values, same rpcs. A message may have moved from healthcode.federation.v1
 * to a file-format package (config, trust, witness) under the same name — a move buf's breaking
 * check cannot follow — because binary and text encodings never carry the package.
 */
class ReleaseCompatibilityTest {
  static final Path RELEASE = Path.of("buf/v1-release.binpb");
  static final String WIRE = "healthcode.federation.v1.";
  static final List<String> FILE_FORMATS =
      List.of("healthcode.config.v1.", "healthcode.trust.v1.", "healthcode.witness.v1.");

  static final Map<String, Descriptor> messages = new HashMap<>();
  static final Map<String, EnumDescriptor> enums = new HashMap<>();
  static final Map<String, ServiceDescriptor> services = new HashMap<>();
  static List<FileDescriptor> release;

  @BeforeAll
  static void load() throws Exception {
    for (FileDescriptor f :
        List.of(
            healthcode.federation.v1.RecognitionProto.getDescriptor(),
            healthcode.federation.v1.NodeProto.getDescriptor(),
            healthcode.federation.v1.AuditProto.getDescriptor(),
            healthcode.federation.v1.DrillProto.getDescriptor(),
            healthcode.config.v1.PolicyProto.getDescriptor(),
            healthcode.config.v1.GatewayConfigProto.getDescriptor(),
            healthcode.trust.v1.TrustProto.getDescriptor(),
            healthcode.witness.v1.WitnessProto.getDescriptor())) {
      index(f);
    }
    release = build(FileDescriptorSet.parseFrom(Files.readAllBytes(RELEASE)));
  }

  @Test
  void everyReleasedMessageKeepsItsFields() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (FileDescriptor file : release) {
      for (Descriptor old : allMessages(file.getMessageTypes())) {
        Descriptor now = messages.get(current(old.getFullName(), messages));
        if (now == null) {
          problems.add(old.getFullName() + ": gone");
          continue;
        }
        checked++;
        for (FieldDescriptor f : old.getFields()) {
          FieldDescriptor g = now.findFieldByNumber(f.getNumber());
          String where = old.getFullName() + "." + f.getName() + " = " + f.getNumber();
          if (g == null) {
            if (!now.isReservedNumber(f.getNumber()) || !now.isReservedName(f.getName())) {
              problems.add(where + ": removed without reserving its number and name");
            }
          } else if (!describe(f).equals(describe(g))) {
            problems.add(where + ": " + describe(f) + " became " + describe(g));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("messages compared").isGreaterThan(60);
  }

  @Test
  void everyReleasedEnumKeepsItsValues() {
    List<String> problems = new ArrayList<>();
    for (FileDescriptor file : release) {
      List<EnumDescriptor> all = new ArrayList<>(file.getEnumTypes());
      allMessages(file.getMessageTypes()).forEach(m -> all.addAll(m.getEnumTypes()));
      for (EnumDescriptor old : all) {
        EnumDescriptor now = enums.get(current(old.getFullName(), enums));
        if (now == null) {
          problems.add(old.getFullName() + ": gone");
          continue;
        }
        for (EnumValueDescriptor v : old.getValues()) {
          EnumValueDescriptor w = now.findValueByNumber(v.getNumber());
          if (w == null ? !now.isReservedNumber(v.getNumber()) : !w.getName().equals(v.getName())) {
            problems.add(
                v.getFullName()
                    + " = "
                    + v.getNumber()
                    + ": "
                    + (w == null ? "removed" : "now " + w.getName()));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyReleasedRpcIsStillServedWithTheSameMessages() {
    List<String> problems = new ArrayList<>();
    for (FileDescriptor file : release) {
      for (ServiceDescriptor old : file.getServices()) {
        ServiceDescriptor now = services.get(old.getFullName());
        for (MethodDescriptor m : old.getMethods()) {
          MethodDescriptor n = now == null ? null : now.findMethodByName(m.getName());
          if (n == null || !rpc(m).equals(rpc(n))) {
            problems.add(
                m.getFullName() + ": " + rpc(m) + " became " + (n == null ? "nothing" : rpc(n)));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(services).containsKeys(WIRE + "RecognitionService", WIRE + "AuditService");
  }

  /**
   * The name a released type has today: unchanged, or moved from the wire package to a file format.
   */
  static String current(String released, Map<String, ?> today) {
    if (today.containsKey(released) || !released.startsWith(WIRE)) {
      return released;
    }
    String relative = released.substring(WIRE.length());
    List<String> moved =
        FILE_FORMATS.stream().map(p -> p + relative).filter(today::containsKey).toList();
    return moved.size() == 1 ? moved.get(0) : released;
  }

  private static String describe(FieldDescriptor f) {
    String type =
        switch (f.getJavaType()) {
          case MESSAGE -> current(f.getMessageType().getFullName(), messages);
          case ENUM -> current(f.getEnumType().getFullName(), enums);
          default -> f.getType().name();
        };
    return (f.isRepeated() ? "repeated " : f.hasPresence() ? "optional " : "")
        + type
        + " "
        + f.getName()
        + " (json "
        + f.getJsonName()
        + ")";
  }

  private static String rpc(MethodDescriptor m) {
    return (m.isClientStreaming() ? "stream " : "")
        + current(m.getInputType().getFullName(), messages)
        + " -> "
        + (m.isServerStreaming() ? "stream " : "")
        + current(m.getOutputType().getFullName(), messages);
  }

  private static void index(FileDescriptor file) {
    allMessages(file.getMessageTypes())
        .forEach(
            m -> {
              messages.put(m.getFullName(), m);
              m.getEnumTypes().forEach(e -> enums.put(e.getFullName(), e));
            });
    file.getEnumTypes().forEach(e -> enums.put(e.getFullName(), e));
    file.getServices().forEach(s -> services.put(s.getFullName(), s));
    file.getDependencies().forEach(ReleaseCompatibilityTest::index);
  }

  private static List<Descriptor> allMessages(List<Descriptor> top) {
    List<Descriptor> all = new ArrayList<>();
    for (Descriptor d : top) {
      all.add(d);
      all.addAll(allMessages(d.getNestedTypes()));
    }
    return all;
  }

  /**
   * The release's own healthcode files, linked against each other (dependencies come first in the
   * set).
   */
  private static List<FileDescriptor> build(FileDescriptorSet set) throws Exception {
    Map<String, FileDescriptor> built = new LinkedHashMap<>();
    for (FileDescriptorProto proto : set.getFileList()) {
      FileDescriptor[] deps =
          proto.getDependencyList().stream().map(built::get).toArray(FileDescriptor[]::new);
      built.put(proto.getName(), FileDescriptor.buildFrom(proto, deps));
    }
    List<FileDescriptor> own =
        built.values().stream().filter(f -> f.getPackage().startsWith("healthcode.")).toList();
    assertThat(own).as("files in " + RELEASE).hasSize(12);
    return own;
  }
}
