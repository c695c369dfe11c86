package codefed.merkle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 definitions (§2.1.1, §2.1.3.1, §2.1.4.1) written out literally over a list of leaf
 * data, sharing no code with the production tree: the reference the tree is tested against.
 */
final class NaiveMerkle {
  private NaiveMerkle() {}

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha(new byte[0]);
    }
    if (n == 1) {
      return sha(concat(new byte[] {0}, d.get(0)));
    }
    int k = k(n);
    return sha(concat(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, n))));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = k(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = k(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> leaves(int n) {
    List<byte[]> d = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      d.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return d;
  }

  private static int k(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  private static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  private static byte[] sha(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
