package codefed.bench.client;

/** Puts an answer into a result category (an index into the scenario's category names). */
@FunctionalInterface
public interface Classifier<T> {
  /**
   * @param index the operation number the answer belongs to
   * @throws UnexpectedAnswer when the answer means the scenario is not measuring what it should
   */
  int category(long index, T answer);
}
