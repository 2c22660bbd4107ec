package io.getstream.spring.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

import io.getstream.spring.tasks.TaskPoller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.getstream.spring.benchmarks.SoakPlan.PlannedWait;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Long soak of the auto-configured {@link TaskPoller}: many asynchronous waits, started
 * in batches of concurrent waits, against an emulator process that injects the faults of
 * a {@link SoakPlan}. Every wait must end once, with the outcome its script calls for.
 * <p>
 * Usage: {@code java -cp benchmarks.jar io.getstream.spring.benchmarks.SoakRunner
 * [--waits 100000] [--batch 2000] [--seed 42] [--max-minutes 15] [--request-factory
 * auto]}. It exits with status 0 when no wait was lost, duplicated or ended otherwise
 * than planned and no poller thread outlived the context, else with status 1.
 */
public final class SoakRunner {

	private static final Set<String> OPTIONS = Set.of("waits", "batch", "seed", "max-minutes", "request-factory");

	/**
	 * Time a batch may take beyond its longest wait's timeout before its unfinished waits
	 * count as lost.
	 */
	private static final Duration BATCH_GRACE = Duration.ofSeconds(60);

	private SoakRunner() {
	}

	/**
	 * Runs the soak.
	 * @param args the options, see the class description
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		CommandLineOptions options = CommandLineOptions.parse(args, OPTIONS);
		int waits = options.intNumber("waits", 100_000, 1);
		int batchSize = options.intNumber("batch", 2_000, 1);
		long seed = options.number("seed", 42, Long.MIN_VALUE);
		long maxMinutes = options.number("max-minutes", 15, 1);
		String requestFactory = options.text("request-factory", "auto");
		if (waits % batchSize != 0) {
			throw new IllegalArgumentException("Invalid --waits " + waits + ": use a multiple of --batch " + batchSize);
		}
		SoakReport report = run(seed, waits / batchSize, batchSize, requestFactory,
				System.nanoTime() + TimeUnit.MINUTES.toNanos(maxMinutes));
		report.print(System.out);
		System.out.flush();
		System.exit(report.passed() ? 0 : 1);
	}

	/**
	 * Runs a soak and returns its report.
	 * @param seed the plan's seed
	 * @param batches the number of batches after the warm-up batch
	 * @param batchSize the concurrent waits per batch
	 * @param requestFactory the value of {@code stream.http.request-factory}
	 * @param stopNanos the {@link System#nanoTime()} after which no batch starts and
	 * unfinished waits count as lost
	 * @return the report
	 * @throws InterruptedException if the thread is interrupted
	 */
	static SoakReport run(long seed, int batches, int batchSize, String requestFactory, long stopNanos)
			throws InterruptedException {
		SoakReport report = new SoakReport(seed, batches * batchSize, batchSize, requestFactory);
		report.loadAtStart = MachineInfo.loadAverage();
		try (EmulatorProcess emulator = EmulatorProcess.startWithSoakPlan(seed, batches, batchSize)) {
			report.scriptedTasks = Integer.parseInt(emulator.value("SCRIPTED_TASKS"));
			report.pollerThreadsBefore = pollerThreads();
			report.liveThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			ConfigurableApplicationContext context = StarterApplication.start(emulator.endpoint(),
					List.of(MeterRegistryConfiguration.class), "stream.tasks.poll-interval=250ms",
					"stream.tasks.timeout=30s", "stream.tasks.initial-backoff=100ms", "stream.tasks.max-retries=3",
					"stream.tasks.max-concurrent-requests=64", "stream.http.request-factory=" + requestFactory);
			try {
				TaskPoller poller = context.getBean(TaskPoller.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				report.pollerClass = poller.getClass().getName();

				long warmUpStart = System.nanoTime();
				runBatch(poller, SoakPlan.batch(seed, SoakPlan.WARM_UP_BATCH, SoakPlan.warmUpSize(batchSize)),
						report.warmUp, stopNanos);
				report.warmUpNanos = System.nanoTime() - warmUpStart;
				report.heapBefore = usedHeapAfterGc();
				report.metersBefore = SoakMeters.read(registry);

				long start = System.nanoTime();
				for (int batch = 0; batch < batches && System.nanoTime() < stopNanos; batch++) {
					runBatch(poller, SoakPlan.batch(seed, batch, batchSize), report.tally, stopNanos);
					report.batchesRun++;
				}
				report.elapsedNanos = System.nanoTime() - start;

				report.metersAfter = SoakMeters.read(registry);
				report.heapAfterRun = usedHeapAfterGc();
			}
			finally {
				context.close();
			}

			report.pollerThreadsAfterClose = awaitPollerThreads(report.pollerThreadsBefore);
			report.liveThreadsAfterClose = ManagementFactory.getThreadMXBean().getThreadCount();
			report.heapAfterClose = usedHeapAfterGc();
		}
		report.loadAtEnd = MachineInfo.loadAverage();
		return report;
	}

	/**
	 * Starts every wait of the batch at once and records how each ended.
	 */
	private static void runBatch(TaskPoller poller, List<PlannedWait> waits, SoakTally tally, long stopNanos)
			throws InterruptedException {
		int size = waits.size();
		long[] deadlines = new long[size];
		AtomicIntegerArray callbacks = new AtomicIntegerArray(size);
		List<CompletableFuture<SoakTally.End>> ends = new ArrayList<>(size);
		Duration longestTimeout = Duration.ZERO;
		for (int i = 0; i < size; i++) {
			PlannedWait wait = waits.get(i);
			int slot = i;
			deadlines[i] = System.nanoTime() + wait.timeout().toNanos();
			ends.add(poller.waitForTaskAsync(wait.taskId(), SoakPlan.POLL_INTERVAL, wait.timeout())
				.handle((task, failure) -> {
					callbacks.incrementAndGet(slot);
					return new SoakTally.End(task, failure, System.nanoTime(), 0);
				}));
			if (wait.timeout().compareTo(longestTimeout) > 0) {
				longestTimeout = wait.timeout();
			}
		}

		long boundNanos = longestTimeout.plus(BATCH_GRACE).toNanos();
		long waitNanos = Math.max(0, Math.min(boundNanos, stopNanos + BATCH_GRACE.toNanos() - System.nanoTime()));
		try {
			CompletableFuture.allOf(ends.toArray(CompletableFuture<?>[]::new)).get(waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// Waits that have not ended are counted as lost below. The futures that
			// handle() returns never complete exceptionally.
		}

		for (int i = 0; i < size; i++) {
			CompletableFuture<SoakTally.End> end = ends.get(i);
			if (end.isDone()) {
				SoakTally.End result = end.join();
				tally.recordEnded(waits.get(i),
						new SoakTally.End(result.task(), result.failure(), result.endNanos(), callbacks.get(i)),
						deadlines[i]);
			}
			else {
				tally.recordLost(waits.get(i));
			}
		}
	}

	private static int pollerThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("stream-tasks-"))
			.count();
	}

	private static int awaitPollerThreads(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (pollerThreads() > expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		return pollerThreads();
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
