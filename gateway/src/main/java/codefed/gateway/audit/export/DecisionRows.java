package codefed.gateway.audit.export;

import codefed.gateway.audit.report.ReportData;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.merkle.MerkleHasher;
import com.google.protobuf.ProtocolMessageEnum;
import healthcode.federation.v1.AuditRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * One row per audit record: only the record's clear fields (outcomes, policy and routing data,
 * flags), never the code-id HMAC, the node's signed assertion or anything sealed, plus the RFC 9162
 * leaf hash of the record's exact bytes so that every row can be proved against its shard's signed
 * checkpoint. Enum values lose their protobuf prefix ({@code OUTCOME_PASS} → {@code PASS});
 * unspecified values and empty strings become NULL. {@code node_answer}: the record holds the
 * issuer's node answer (sealed or not — only the fact is exported); {@code rejection}: the class of
 * a failed verification ({@code BAD_SIGNATURE}), never its free-text detail.
 */
final class DecisionRows {
  /** The staging table: the Parquet columns plus {@code day}, which goes into the path instead. */
  static final String CREATE_TABLE =
      """
      CREATE TABLE staged (
        sequence BIGINT NOT NULL,
        leaf_hash VARCHAR NOT NULL,
        time TIMESTAMPTZ NOT NULL,
        checkpoint_id VARCHAR,
        checkpoint_type VARCHAR,
        kind VARCHAR,
        jurisdiction VARCHAR,
        issuer VARCHAR,
        outcome VARCHAR,
        measures VARCHAR[],
        reasons VARCHAR[],
        policy_version VARCHAR,
        offline BOOLEAN NOT NULL,
        from_cache BOOLEAN NOT NULL,
        node_reachable BOOLEAN NOT NULL,
        node_answer BOOLEAN NOT NULL,
        rejection VARCHAR,
        temperature DOUBLE,
        day DATE NOT NULL
      )""";

  private static final HexFormat HEX = HexFormat.of();

  private DecisionRows() {}

  /** The UTC day a record belongs to (its partition). */
  static LocalDate day(AuditRecord r) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(r.getTime().getSeconds()), ZoneOffset.UTC);
  }

  static void append(DuckDBAppender a, AuditRecord r, byte[] data, int offset, int length)
      throws SQLException {
    a.beginRow();
    a.append(r.getSequence());
    a.append(HEX.formatHex(MerkleHasher.leafHash(data, offset, length)));
    a.appendEpochMicros(r.getTime().getSeconds() * 1_000_000L + r.getTime().getNanos() / 1_000);
    text(a, r.getCheckpointId());
    text(a, name(r.getCheckpointType(), "CHECKPOINT_TYPE_"));
    text(a, name(r.getKind(), "RECORD_KIND_"));
    text(a, r.getJurisdiction());
    text(a, r.getCode().getIssuer());
    text(a, name(r.getOutcome(), "OUTCOME_"));
    a.append(names(r.getMeasuresList(), "MEASURE_"));
    a.append(names(r.getReasonsList(), "REASON_"));
    text(a, r.getPolicyVersion());
    a.append(r.getOffline());
    a.append(r.getFromCache());
    a.append(r.getNodeReachable());
    a.append(RecordInputs.hasNodeAnswer(r));
    text(
        a,
        r.getCode().getRejection().isEmpty()
            ? null
            : ReportData.rejectionClass(r.getCode().getRejection()));
    if (r.hasTemperatureCelsius()) {
      a.append(r.getTemperatureCelsius());
    } else {
      a.appendNull();
    }
    a.append(day(r));
    a.endRow();
  }

  private static void text(DuckDBAppender a, String s) throws SQLException {
    if (s == null || s.isEmpty()) {
      a.appendNull();
    } else {
      a.append(s);
    }
  }

  /** {@code OUTCOME_PASS} → {@code PASS}; the unspecified value → null. */
  static String name(ProtocolMessageEnum e, String prefix) {
    String n = ((Enum<?>) e).name();
    if (n.endsWith("_UNSPECIFIED")) {
      return null;
    }
    return n.startsWith(prefix) ? n.substring(prefix.length()) : n;
  }

  private static List<String> names(List<? extends ProtocolMessageEnum> values, String prefix) {
    List<String> out = new ArrayList<>(values.size());
    for (ProtocolMessageEnum v : values) {
      String n = name(v, prefix);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }
}
