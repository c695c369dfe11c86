package codefed.bench.client;

/** Puts an answer into a result category (an index into the scenario's category names). */
@FunctionalInterface
public interface Classifier<T> {
  /** @throws UnexpectedAnswer when the answer means the scenario is not measuring what it should */
  int category(T answer);
}
