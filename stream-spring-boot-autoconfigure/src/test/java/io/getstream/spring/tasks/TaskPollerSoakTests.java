package io.getstream.spring.tasks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak test: thousands of concurrent asynchronous waits against an emulator that injects
 * server errors, dropped connections, rate limits and latency. Every wait must end once,
 * with the outcome its script calls for, and no later than 250 ms after its deadline.
 */
class TaskPollerSoakTests {

	private static final int WAITS = 2000;

	private static final long OVERSHOOT_MILLIS = 250;

	private static final int[] SERVER_ERRORS = { 500, 502, 503, 504 };

	@Test
	void concurrentWaitsUnderFaultsEndWithScriptedOutcomes() throws Exception {
		try (StreamEmulator emulator = StreamEmulator.start()) {
			SoakRun warmUp = SoakRun.prepare(emulator, 200, new Random(7));
			EmulatorPollers.run(emulator, warmUp::execute, soakProperties());
			long heapBefore = usedHeapAfterGc();
			int threadsBefore = pollerThreads();

			SoakRun run = SoakRun.prepare(emulator, WAITS, new Random(42));
			EmulatorPollers.run(emulator, (fixture) -> {
				run.execute(fixture);
				assertThat(fixture.activeWaits()).isZero();
				assertThat(fixture.waits("completed") + fixture.waits("failed") + fixture.waits("timeout"))
					.isEqualTo(WAITS);
				assertThat(fixture.waits("error")).isZero();
				assertThat(fixture.waits("cancelled")).isZero();
			}, soakProperties());

			assertThat(run.faultsInjected()).isGreaterThan(WAITS / 5);
			waitForPollerThreadsToEnd(threadsBefore);
			assertThat(pollerThreads()).isEqualTo(threadsBefore);
			assertThat(usedHeapAfterGc() - heapBefore).isLessThan(32L * 1024 * 1024);
		}
	}

	private static String[] soakProperties() {
		return new String[] { "stream.tasks.initial-backoff=100ms", "stream.tasks.max-retries=3",
				"stream.tasks.max-concurrent-requests=64" };
	}

	private static int pollerThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("stream-tasks-"))
			.count();
	}

	private static void waitForPollerThreadsToEnd(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (pollerThreads() > expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	/**
	 * Expected end of one wait.
	 */
	enum Expected {

		COMPLETED, FAILED, TIMEOUT

	}

	/**
	 * One scripted wait and what it must end with.
	 */
	record ScriptedWait(String taskId, Expected expected, Duration timeout) {

	}

	/**
	 * A batch of scripted waits, run concurrently.
	 */
	static final class SoakRun {

		private final List<ScriptedWait> waits;

		private final int faultsInjected;

		private SoakRun(List<ScriptedWait> waits, int faultsInjected) {
			this.waits = waits;
			this.faultsInjected = faultsInjected;
		}

		int faultsInjected() {
			return this.faultsInjected;
		}

		/**
		 * Scripts each wait: up to three polls before the end, each delayed by random
		 * latency, each preceded at random by a fault (10% server error, 5% dropped
		 * connection, 2% rate limit). At most two faults come in a row, so with three
		 * retries a fault never ends a wait; the last step decides the outcome.
		 */
		static SoakRun prepare(StreamEmulator emulator, int count, Random random) {
			List<ScriptedWait> waits = new ArrayList<>(count);
			int faults = 0;
			for (int i = 0; i < count; i++) {
				List<TaskStep> steps = new ArrayList<>();
				int polls = random.nextInt(4);
				for (int poll = 0; poll <= polls; poll++) {
					for (int fault = 0; fault < 2; fault++) {
						TaskStep faultStep = randomFault(random);
						if (faultStep != null) {
							steps.add(faultStep);
							faults++;
						}
					}
					if (poll < polls) {
						steps.add(TaskStep.delayed(latency(random), TaskStep.status("pending")));
					}
				}
				int end = random.nextInt(100);
				Expected expected = (end < 85) ? Expected.COMPLETED : (end < 95) ? Expected.FAILED : Expected.TIMEOUT;
				steps.add(switch (expected) {
					case COMPLETED -> TaskStep.delayed(latency(random), TaskStep.completed(Map.of("wait", i)));
					case FAILED -> TaskStep.failed("soak_failure", "wait " + i, "", "v1");
					case TIMEOUT -> TaskStep.delayed(latency(random), TaskStep.status("running"));
				});
				TaskScript script = TaskScript.of(steps.get(0),
						steps.subList(1, steps.size()).toArray(TaskStep[]::new));
				Duration timeout = (expected == Expected.TIMEOUT) ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
				waits.add(new ScriptedWait(emulator.scriptTask(script), expected, timeout));
			}
			return new SoakRun(waits, faults);
		}

		private static TaskStep randomFault(Random random) {
			int roll = random.nextInt(100);
			if (roll < 10) {
				return TaskStep.error(SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)], -1, "injected server error");
			}
			if (roll < 15) {
				return TaskStep.dropConnection();
			}
			if (roll < 17) {
				return TaskStep.rateLimited(Duration.ZERO);
			}
			return null;
		}

		private static Duration latency(Random random) {
			return Duration.ofMillis(random.nextInt(30));
		}

		void execute(EmulatorPollers.Fixture fixture) {
			TaskPoller poller = fixture.poller();
			List<CompletableFuture<Long>> ends = new ArrayList<>(this.waits.size());
			List<Long> deadlines = new ArrayList<>(this.waits.size());
			for (ScriptedWait wait : this.waits) {
				deadlines.add(System.nanoTime() + wait.timeout().toNanos());
				ends.add(poller.waitForTaskAsync(wait.taskId(), Duration.ofMillis(250), wait.timeout())
					.handle((task, failure) -> {
						assertOutcome(wait, task, failure);
						return System.nanoTime();
					}));
			}
			// Bounded, so that a wait that never ends fails the test rather than hang it.
			CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).orTimeout(2, TimeUnit.MINUTES).join();
			for (int i = 0; i < ends.size(); i++) {
				long overshootMillis = (ends.get(i).join() - deadlines.get(i)) / 1_000_000;
				assertThat(overshootMillis).as("overshoot of wait %s", this.waits.get(i).taskId())
					.isLessThanOrEqualTo(OVERSHOOT_MILLIS);
			}
		}

		private static void assertOutcome(ScriptedWait wait, Task task, Throwable failure) {
			Throwable cause = (failure instanceof java.util.concurrent.CompletionException) ? failure.getCause()
					: failure;
			switch (wait.expected()) {
				case COMPLETED -> {
					assertThat(cause).as("failure of %s", wait.taskId()).isNull();
					assertThat(task.taskId()).isEqualTo(wait.taskId());
					assertThat(task.isCompleted()).isTrue();
				}
				case FAILED -> {
					assertThat(cause).isInstanceOf(StreamTaskException.class);
					assertThat(((StreamTaskException) cause).getErrorType()).isEqualTo("soak_failure");
				}
				case TIMEOUT -> {
					assertThat(cause).isInstanceOf(StreamTransportException.class);
					assertThat(((StreamTransportException) cause).getErrorType()).isEqualTo("timeout");
				}
			}
		}

	}

}
