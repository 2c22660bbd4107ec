package io.getstream.spring.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;
import org.jspecify.annotations.Nullable;

/**
 * Scripted waits of a soak run, generated from a seed so that the emulator process and
 * {@link SoakRunner} build the same plan without exchanging it.
 * <p>
 * Each wait polls a task up to three times in {@code pending} before its end. Each poll
 * is preceded by two independent fault rolls (10% server error among 500, 502, 503 and
 * 504, 5% dropped connection, 2% 429 with {@code Retry-After: 0}), so at most two faults
 * come in a row and a poller with three retries always gets past them. Every task
 * response waits 0 to 29 ms before it is sent. The last step decides the end: 85%
 * {@code completed}, 10% {@code failed}, 5% {@code pending} forever with a 3 second
 * timeout; the other waits have a 30 second timeout.
 */
final class SoakPlan {

	/**
	 * Batch number of the warm-up batch, whose task ids start with {@code warmup-}.
	 */
	static final int WARM_UP_BATCH = -1;

	static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final Duration PENDING_FOREVER_TIMEOUT = Duration.ofSeconds(3);

	static final String FAILURE_TYPE = "soak_failure";

	private static final int MAX_WARM_UP_WAITS = 500;

	private static final int MAX_PENDING_POLLS = 3;

	private static final int FAULT_ROLLS_PER_POLL = 2;

	private static final int MAX_LATENCY_MILLIS = 30;

	private SoakPlan() {
	}

	/**
	 * Returns the number of waits in the warm-up batch.
	 * @param batchSize the waits per batch of the run
	 * @return the warm-up size
	 */
	static int warmUpSize(int batchSize) {
		return Math.min(batchSize, MAX_WARM_UP_WAITS);
	}

	/**
	 * Generates the waits of one batch. The same arguments always give the same waits.
	 * @param seed the seed of the run
	 * @param batch the batch number, or {@link #WARM_UP_BATCH}
	 * @param size the waits in the batch
	 * @return the waits, in start order
	 */
	static List<PlannedWait> batch(long seed, int batch, int size) {
		Random random = new Random(seed * 1_000_003L + batch);
		List<PlannedWait> waits = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			int index = (batch == WARM_UP_BATCH) ? i : batch * size + i;
			String taskId = ((batch == WARM_UP_BATCH) ? "warmup-" : "soak-") + index;
			waits.add(plan(index, taskId, random));
		}
		return waits;
	}

	private static PlannedWait plan(int index, String taskId, Random random) {
		List<TaskStep> steps = new ArrayList<>();
		List<Fault> faults = new ArrayList<>();
		int pendingPolls = random.nextInt(MAX_PENDING_POLLS + 1);
		for (int poll = 0; poll <= pendingPolls; poll++) {
			for (int roll = 0; roll < FAULT_ROLLS_PER_POLL; roll++) {
				Fault fault = Fault.roll(random);
				if (fault != null) {
					faults.add(fault);
					steps.add(fault.step());
				}
			}
			if (poll < pendingPolls) {
				steps.add(TaskStep.delayed(latency(random), TaskStep.status("pending")));
			}
		}
		int endRoll = random.nextInt(100);
		Expected expected = (endRoll < 85) ? Expected.COMPLETED
				: (endRoll < 95) ? Expected.FAILED : Expected.PENDING_FOREVER;
		TaskStep end = switch (expected) {
			case COMPLETED -> TaskStep.completed(Map.of("wait", index));
			case FAILED -> TaskStep.failed(FAILURE_TYPE, "wait " + index, "", "v1");
			case PENDING_FOREVER -> TaskStep.status("pending");
		};
		steps.add(TaskStep.delayed(latency(random), end));
		TaskScript script = TaskScript.of(steps.get(0), steps.subList(1, steps.size()).toArray(TaskStep[]::new));
		Duration timeout = (expected == Expected.PENDING_FOREVER) ? PENDING_FOREVER_TIMEOUT : TIMEOUT;
		return new PlannedWait(index, taskId, expected, timeout, script, List.copyOf(faults));
	}

	private static Duration latency(Random random) {
		return Duration.ofMillis(random.nextInt(MAX_LATENCY_MILLIS));
	}

	/**
	 * Planned end of a wait.
	 */
	enum Expected {

		/**
		 * The task completes and the wait returns it.
		 */
		COMPLETED,

		/**
		 * The task fails and the wait raises a task exception.
		 */
		FAILED,

		/**
		 * The task stays pending and the wait times out.
		 */
		PENDING_FOREVER

	}

	/**
	 * Fault injected before a poll.
	 */
	enum Fault {

		HTTP_500, HTTP_502, HTTP_503, HTTP_504, DROPPED_CONNECTION, RATE_LIMITED;

		private static final Fault[] SERVER_ERRORS = { HTTP_500, HTTP_502, HTTP_503, HTTP_504 };

		/**
		 * Faults by the retry reason the poller records for them
		 * ({@code stream.tasks.retries} tag {@code reason}).
		 */
		static final Map<String, Set<Fault>> BY_RETRY_REASON = Map.of("server_error", Set.of(SERVER_ERRORS),
				"connection", Set.of(DROPPED_CONNECTION), "rate_limited", Set.of(RATE_LIMITED));

		static @Nullable Fault roll(Random random) {
			int roll = random.nextInt(100);
			if (roll < 10) {
				return SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
			}
			if (roll < 15) {
				return DROPPED_CONNECTION;
			}
			if (roll < 17) {
				return RATE_LIMITED;
			}
			return null;
		}

		boolean isServerError() {
			return this != DROPPED_CONNECTION && this != RATE_LIMITED;
		}

		TaskStep step() {
			return switch (this) {
				case HTTP_500 -> TaskStep.error(500, -1, "injected server error");
				case HTTP_502 -> TaskStep.error(502, -1, "injected bad gateway");
				case HTTP_503 -> TaskStep.error(503, -1, "injected service unavailable");
				case HTTP_504 -> TaskStep.error(504, -1, "injected gateway timeout");
				case DROPPED_CONNECTION -> TaskStep.dropConnection();
				case RATE_LIMITED -> TaskStep.rateLimited(Duration.ZERO);
			};
		}

	}

	/**
	 * One scripted wait.
	 *
	 * @param index the wait's number in the run, unique outside the warm-up batch
	 * @param taskId the scripted task's id
	 * @param expected how the wait must end
	 * @param timeout the wait's timeout
	 * @param script the emulator's responses to the task's GETs
	 * @param faults the faults in the script, in order
	 */
	record PlannedWait(int index, String taskId, Expected expected, Duration timeout, TaskScript script,
			List<Fault> faults) {

	}

}
