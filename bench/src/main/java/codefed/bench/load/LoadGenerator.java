package codefed.bench.load;

import codefed.threads.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives an {@link AsyncCall} by a {@link LoadPlan}: warm-up (recorded, then thrown away), a
 * measured window, then it stops starting operations and waits (bounded) for those in flight.
 * Latencies go into HdrHistogram recorders, one per category.
 */
public final class LoadGenerator {
  private static final Duration DRAIN = Duration.ofSeconds(15);

  /** The longest a {@link WindowListener} may extend a warm-up. */
  public static final Duration MAX_EXTENSION = Duration.ofSeconds(30);

  private static final int MAX_SAMPLES = 5;

  /** Completions that arrive on the starting thread recurse; past this depth hand off. */
  private static final int MAX_SYNC_DEPTH = 16;

  private final List<String> categories;
  private final Recorder[] recorders;
  private final LongAdder failed = new LongAdder();
  private final List<String> samples = new ArrayList<>();
  private final AtomicLong nextIndex = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private final ExecutorService handoff =
      Executors.newSingleThreadExecutor(DaemonThreads.named("load-handoff"));
  private volatile boolean stopping;

  /** Open loop: no arrival is scheduled at or after this; set once the window's end is known. */
  private volatile long sendUntil = Long.MAX_VALUE;

  private double extendedSeconds;

  private LoadGenerator(List<String> categories) {
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("categories: [] (expected: at least one name)");
    }
    this.categories = List.copyOf(categories);
    this.recorders = new Recorder[categories.size()];
    for (int i = 0; i < recorders.length; i++) {
      recorders[i] = new Recorder(3);
    }
  }

  /** Runs {@code call} by {@code plan}; category 0 is the only one when none are named. */
  public static LoadResult run(AsyncCall call, LoadPlan plan, WindowListener listener) {
    return run(call, plan, List.of("ok"), listener);
  }

  public static LoadResult run(
      AsyncCall call, LoadPlan plan, List<String> categories, WindowListener listener) {
    LoadGenerator g = new LoadGenerator(categories);
    try {
      return g.execute(Objects.requireNonNull(call, "call"), plan, listener);
    } finally {
      g.handoff.shutdownNow();
    }
  }

  private LoadResult execute(AsyncCall call, LoadPlan plan, WindowListener listener) {
    long start = System.nanoTime();
    long plannedWindowStart = start + plan.warmup().toNanos();
    List<ScheduledExecutorService> pacers = call.pacers();
    ScheduledExecutorService own = null;
    if (plan.mode() == LoadPlan.Mode.OPEN && pacers.isEmpty()) {
      own = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("load-open-loop"));
      pacers = List.of(own);
    }
    CountDownLatch sender =
        new CountDownLatch(plan.mode() == LoadPlan.Mode.OPEN ? pacers.size() : 0);
    if (plan.mode() == LoadPlan.Mode.CLOSED) {
      for (int i = 0; i < plan.concurrency(); i++) {
        inFlight.incrementAndGet();
        next(call);
      }
    } else {
      for (int j = 0; j < pacers.size(); j++) {
        ScheduledExecutorService loop = pacers.get(j);
        loop.execute(new PacedSends(loop, j, pacers.size(), call, plan, start, sender));
      }
    }
    sleepUntil(plannedWindowStart);
    listener.warmupEnding(plannedWindowStart + maxExtension(plan.warmup()).toNanos());
    long windowStart = System.nanoTime();
    long windowEnd = windowStart + plan.duration().toNanos();
    sendUntil = windowEnd;
    extendedSeconds = (windowStart - plannedWindowStart) / 1e9;
    for (Recorder r : recorders) {
      r.getIntervalHistogram(); // warm-up: thrown away
    }
    long failedBefore = failed.sum();
    synchronized (samples) {
      samples.clear();
    }
    listener.windowStarted();
    long opened = System.nanoTime();
    sleepUntil(windowEnd);
    Histogram[] measured = new Histogram[recorders.length];
    for (int i = 0; i < recorders.length; i++) {
      measured[i] = recorders[i].getIntervalHistogram();
    }
    long failedInWindow = failed.sum() - failedBefore;
    long closed = System.nanoTime();
    listener.windowEnded();
    stopping = true;
    awaitDrain(sender);
    if (own != null) {
      own.shutdownNow();
    }
    return result(plan, (closed - opened) / 1e9, measured, failedInWindow);
  }

  /**
   * How long a warm-up of {@code planned} may be extended: not at all when there is none (smoke
   * runs), else by {@link #MAX_EXTENSION}; a short planned warm-up says nothing about how long a
   * path the target has not run yet needs.
   */
  public static Duration maxExtension(Duration planned) {
    return planned.isZero() ? Duration.ZERO : MAX_EXTENSION;
  }

  /** Completions are counted by the histograms themselves: one source, no race between counts. */
  private LoadResult result(
      LoadPlan plan, double seconds, Histogram[] measured, long failedInWindow) {
    Histogram all = new Histogram(3);
    Map<String, LoadResult.Category> by = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < measured.length; i++) {
      all.add(measured[i]);
      long n = measured[i].getTotalCount();
      total += n;
      by.put(categories.get(i), new LoadResult.Category(n, LatencySummary.of(measured[i])));
    }
    List<String> failureSamples;
    synchronized (samples) {
      failureSamples = List.copyOf(samples);
    }
    return new LoadResult(
        plan,
        seconds,
        total,
        failedInWindow,
        LatencySummary.of(all),
        by,
        failureSamples,
        plan.mode() == LoadPlan.Mode.OPEN ? plan.ratePerSecond() : 0,
        extendedSeconds);
  }

  /** Closed loop: start one operation; its completion starts the next until stopping. */
  private void next(AsyncCall call) {
    if (stopping) {
      inFlight.decrementAndGet();
      return;
    }
    long started = System.nanoTime();
    launch(call, started, () -> next(call));
  }

  /**
   * One share of the open loop, run on a transport event loop (or on a pacing thread of its own
   * when the call names none): arrivals {@code share}, {@code share + shares}, … of the plan's
   * schedule (call number = arrival number, so they go to this loop's channels). Each run starts
   * every operation whose intended time has come, then schedules itself for the next one. Latency
   * still counts from the intended time, so a late tick (a busy loop, a pause) shows in the
   * results.
   */
  private final class PacedSends implements Runnable {
    private final ScheduledExecutorService loop;
    private final int shares;
    private final AsyncCall call;
    private final LoadPlan plan;
    private final long start;
    private final double period;
    private final CountDownLatch done;
    private long i;

    PacedSends(
        ScheduledExecutorService loop,
        int share,
        int shares,
        AsyncCall call,
        LoadPlan plan,
        long start,
        CountDownLatch done) {
      this.loop = loop;
      this.shares = shares;
      this.i = share;
      this.call = call;
      this.plan = plan;
      this.start = start;
      this.period = 1e9 / plan.ratePerSecond();
      this.done = done;
    }

    @Override
    public void run() {
      try {
        while (!stopping) {
          long intended = start + (long) (i * period);
          if (intended >= sendUntil) {
            break;
          }
          long now = System.nanoTime();
          if (now < intended) {
            loop.schedule(this, intended - now, TimeUnit.NANOSECONDS);
            return;
          }
          if (inFlight.get() >= plan.maxInFlight()) {
            loop.schedule(this, 50, TimeUnit.MICROSECONDS);
            return;
          }
          inFlight.incrementAndGet();
          launch(call, i, intended, inFlight::decrementAndGet);
          i += shares;
        }
      } catch (RuntimeException e) {
        sample("pacing stopped: " + e);
      }
      done.countDown();
    }
  }

  /** Starts one operation whose latency counts from {@code origin}; {@code then} runs after. */
  private void launch(AsyncCall call, long origin, Runnable then) {
    launch(call, nextIndex.getAndIncrement(), origin, then);
  }

  private void launch(AsyncCall call, long index, long origin, Runnable then) {
    Once once = new Once(origin, then);
    try {
      call.start(index, once);
    } catch (RuntimeException e) {
      once.failed("start threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void sample(String reason) {
    synchronized (samples) {
      if (samples.size() < MAX_SAMPLES && !samples.contains(reason)) {
        samples.add(reason);
      }
    }
  }

  private void continueWith(Runnable then) {
    int[] d = depth.get();
    if (d[0] >= MAX_SYNC_DEPTH) {
      handoff.execute(then);
      return;
    }
    d[0]++;
    try {
      then.run();
    } finally {
      d[0]--;
    }
  }

  private void awaitDrain(CountDownLatch sender) {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    try {
      if (!sender.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static void sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(left);
    }
  }

  /** Reports at most once per operation, then continues the loop. */
  private final class Once implements AsyncCall.Outcome {
    private final long origin;
    private final Runnable then;
    private final AtomicInteger done = new AtomicInteger();

    Once(long origin, Runnable then) {
      this.origin = origin;
      this.then = then;
    }

    @Override
    public void succeeded(int category) {
      if (!done.compareAndSet(0, 1)) {
        return;
      }
      long latency = System.nanoTime() - origin;
      if (category < 0 || category >= recorders.length) {
        failed.increment();
        sample("category " + category + " out of range");
      } else {
        recorders[category].recordValue(Math.max(0, latency));
      }
      continueWith(then);
    }

    @Override
    public void failed(String reason) {
      if (!done.compareAndSet(0, 1)) {
        return;
      }
      failed.increment();
      sample(reason);
      continueWith(then);
    }
  }
}
