package codefed.gateway.audit;

import codefed.gateway.audit.VerificationReport.Problem;
import codefed.gateway.audit.merkle.MerkleHasher;
import codefed.gateway.audit.merkle.MerkleTree;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.signing.SignatureVerificationException;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The auditor's check of a log directory, read-only and trusting nothing in it: framing and
 * CRCs, record sequences, each record's evidence (a {@link RecordCheck}: node answer signatures,
 * sealed evidence), the Merkle root recomputed against every checkpoint, and every checkpoint's
 * signature. Stops at the first problem.
 */
public final class LogVerifier {
  private final Path dir;
  private final VerificationKeys keys;
  private final RecordCheck evidence;
  private final MerkleTree tree = new MerkleTree();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> segmentNames = new ArrayList<>();
  private final List<Long> segmentFirsts = new ArrayList<>();

  private LogVerifier(Path dir, VerificationKeys keys, RecordCheck evidence) {
    this.dir = dir;
    this.keys = keys;
    this.evidence = evidence;
  }

  /** Verifies without the auditors' key: sealed evidence is reported as not checked. */
  public static VerificationReport verify(Path logDir, VerificationKeys keys) throws IOException {
    return verify(logDir, keys, EvidenceCheck.of(keys, Optional.empty()));
  }

  public static VerificationReport verify(Path logDir, VerificationKeys keys, RecordCheck evidence) throws IOException {
    return new LogVerifier(logDir, keys, evidence).run();
  }

  private VerificationReport run() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a log directory: " + dir);
    }
    List<String> checkpointProblems = new ArrayList<>();
    List<SignedCheckpoint> checkpoints;
    try {
      checkpoints = CheckpointStore.readAll(dir, checkpointProblems);
    } catch (LogCorruptedException e) {
      return new VerificationReport(0, 0, java.util.Optional.of(new Problem(-1,
          CheckpointStore.FILE_NAME, e.offset(), e.reason())), warnings);
    }
    Problem problem = verifyRecords();
    if (problem == null) {
      problem = verifyCheckpoints(checkpoints, checkpointProblems);
    }
    warnings.addAll(evidence.notes());
    return new VerificationReport(tree.size(), checkpoints.size(),
        java.util.Optional.ofNullable(problem), warnings);
  }

  private Problem verifyRecords() throws IOException {
    List<Path> files = Segment.list(dir);
    if (files.isEmpty()) {
      warnings.add("no segment files");
    }
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName().toString();
      long first;
      try {
        first = Segment.firstSequenceOf(file);
      } catch (LogCorruptedException e) {
        return new Problem(tree.size(), name, 0, e.reason());
      }
      segmentNames.add(name);
      segmentFirsts.add(first);
      if (first != tree.size()) {
        return new Problem(tree.size(), name, 0,
            "segment starts at sequence " + first + ", expected " + tree.size()
                + " (records missing or out of order)");
      }
      byte[] data = Files.readAllBytes(file);
      Problem[] found = new Problem[1];
      FrameScanner.Result result;
      try {
        result = FrameScanner.scan(data, (frame, bytes, off, len) -> {
          Problem p = checkRecord(name, frame, bytes, off, len);
          if (p != null) {
            found[0] = p;
            throw new StopScan();
          }
          tree.append(MerkleHasher.leafHash(bytes, off, len));
        });
      } catch (StopScan stop) {
        return found[0];
      }
      boolean last = i == files.size() - 1;
      if (result.ending() == FrameScanner.Ending.TORN_TAIL && last) {
        warnings.add("torn tail of " + (data.length - result.validEnd()) + " bytes at " + name
            + " byte " + result.validEnd() + " (" + result.reason()
            + "): an append cut short by a crash, never acknowledged; the gateway drops it at its next start");
      } else if (!result.clean()) {
        return new Problem(tree.size(), name, result.badOffset(), result.reason()
            + (last ? " followed by valid frames" : " in a sealed segment"));
      }
    }
    return null;
  }

  private Problem checkRecord(String segment, int frame, byte[] bytes, int off, int len) {
    long expected = tree.size();
    AuditRecord record;
    try {
      record = AuditRecord.parseFrom(ByteBuffer.wrap(bytes, off, len));
    } catch (InvalidProtocolBufferException e) {
      return new Problem(expected, segment, frame, "not an AuditRecord");
    }
    if (record.getSequence() != expected) {
      return new Problem(expected, segment, frame, "holds sequence " + record.getSequence()
          + " (records deleted, inserted or reordered)");
    }
    String bad = evidence.check(record);
    return bad == null ? null : new Problem(expected, segment, frame, bad);
  }

  private Problem verifyCheckpoints(List<SignedCheckpoint> checkpoints, List<String> fileProblems) {
    long previousSize = 0;
    for (int i = 0; i < checkpoints.size(); i++) {
      SignedCheckpoint signed = checkpoints.get(i);
      Checkpoint cp;
      try {
        cp = Checkpoint.parseFrom(signed.getCheckpoint());
      } catch (InvalidProtocolBufferException e) {
        return checkpointProblem(i, "not a Checkpoint");
      }
      try {
        PublicKey key = keys.checkpointKey(signed, cp);
        String expectedId = CheckpointSignatures.keyId(cp.getGateway(), key);
        if (!signed.getKeyId().equals(expectedId)) {
          return checkpointProblem(i, "signed with key " + signed.getKeyId() + ", but gateway "
              + cp.getGateway() + "'s key is " + expectedId);
        }
        CheckpointSignatures.verify(key, signed.getCheckpoint().toByteArray(), signed.getSignature().toByteArray());
      } catch (VerificationFailure | SignatureVerificationException e) {
        return checkpointProblem(i, "bad signature: " + e.getMessage());
      }
      long size = cp.getTreeSize();
      if (size < 0) {
        return checkpointProblem(i, "tree size " + size + " (expected: >= 0)");
      }
      if (size > tree.size()) {
        return new Problem(tree.size(), null, -1, "missing: checkpoint " + i + " covers " + size
            + " records but the log holds " + tree.size() + " (records deleted or truncated)");
      }
      if (!MessageDigest.isEqual(cp.getRootHash().toByteArray(), tree.root(size))) {
        long from = Math.min(previousSize, size);
        return new Problem(from, segmentOf(from), -1, "checkpoint " + i + " (tree size " + size
            + ") does not match the records: a record in [" + from + ", " + size
            + ") was altered, inserted or deleted, or the checkpoint is a fork");
      }
      previousSize = Math.max(previousSize, size);
    }
    for (String p : fileProblems) {
      warnings.add("checkpoints file: " + p + " (a torn checkpoint after a crash)");
    }
    if (checkpoints.isEmpty() && tree.size() > 0) {
      return new Problem(-1, CheckpointStore.FILE_NAME, -1,
          "no checkpoint: none of the " + tree.size() + " records is signed");
    }
    if (tree.size() > previousSize) {
      warnings.add((tree.size() - previousSize) + " records after the last checkpoint are not yet signed");
    }
    return null;
  }

  private Problem checkpointProblem(int index, String reason) {
    return new Problem(-1, CheckpointStore.FILE_NAME, -1, "checkpoint " + index + ": " + reason);
  }

  private String segmentOf(long sequence) {
    String name = null;
    for (int i = 0; i < segmentNames.size(); i++) {
      if (segmentFirsts.get(i) <= sequence) {
        name = segmentNames.get(i);
      }
    }
    return name;
  }

  /** Ends a scan early at the first bad record. */
  private static final class StopScan extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopScan() {
      super(null, null, false, false);
    }
  }
}
