package codefed.node.registry;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a node keeps its issued codes. A real province plugs in its own store (a database); the
 * simulator uses {@link InMemoryCodeRegistry}.
 *
 * <p>Implementations must be safe for concurrent use. The node serializes its own writes, so an
 * implementation need not make read-modify-write sequences atomic.
 */
public interface CodeRegistry {

  /**
   * Stores a newly issued code.
   *
   * @throws IllegalStateException if a code with the same id exists
   */
  void insert(CodeRecord record);

  /** The code with this id, if the node issued it. */
  Optional<CodeRecord> find(CodeId id);

  /**
   * Replaces the stored record with the same id.
   *
   * @throws java.util.NoSuchElementException if no such code exists
   */
  void replace(CodeRecord record);

  /** Number of stored codes (active and revoked). */
  int size();

  /**
   * Visits every stored code (e.g. to recolor codes when an area's risk level changes). Records
   * inserted or replaced during the walk may or may not be seen.
   */
  void forEach(Consumer<CodeRecord> action);
}
