package io.getstream.spring.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

import io.getstream.spring.StreamException;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.tasks.Task;
import org.jspecify.annotations.Nullable;

import io.getstream.spring.benchmarks.SoakPlan.Expected;
import io.getstream.spring.benchmarks.SoakPlan.Fault;
import io.getstream.spring.benchmarks.SoakPlan.PlannedWait;

/**
 * Counts of a soak run: waits, injected faults, outcomes, mismatches against the plan and
 * how far past its deadline each wait ended.
 */
final class SoakTally {

	private static final int MAX_MISMATCH_EXAMPLES = 10;

	private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);

	private final Map<Fault, Integer> faultsBeforeEnd = new EnumMap<>(Fault.class);

	private final Map<Expected, Integer> planned = new EnumMap<>(Expected.class);

	private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);

	private final List<String> mismatchExamples = new ArrayList<>();

	private final Overshoots timeoutOvershoots = new Overshoots();

	private final Overshoots allOvershoots = new Overshoots();

	private int waits;

	private int mismatches;

	private int lost;

	private int duplicated;

	/**
	 * Records a wait whose future completed.
	 * @param wait the planned wait
	 * @param result what the wait ended with
	 * @param deadlineNanos the {@link System#nanoTime()} of the wait's deadline
	 */
	void recordEnded(PlannedWait wait, End result, long deadlineNanos) {
		countPlanned(wait);
		Throwable failure = Outcome.unwrap(result.failure());
		Outcome outcome = Outcome.of(result.task(), failure);
		this.outcomes.merge(outcome, 1, Integer::sum);
		String mismatch = mismatch(wait, outcome, result.task(), failure);
		if (mismatch != null) {
			this.mismatches++;
			if (this.mismatchExamples.size() < MAX_MISMATCH_EXAMPLES) {
				this.mismatchExamples.add(mismatch);
			}
		}
		if (result.callbacks() > 1) {
			this.duplicated++;
		}
		long overshoot = result.endNanos() - deadlineNanos;
		this.allOvershoots.add(overshoot);
		if (wait.expected() == Expected.PENDING_FOREVER) {
			this.timeoutOvershoots.add(overshoot);
		}
	}

	/**
	 * Records a wait whose future had not completed when its batch's time ran out.
	 * @param wait the planned wait
	 */
	void recordLost(PlannedWait wait) {
		countPlanned(wait);
		this.lost++;
		if (this.mismatchExamples.size() < MAX_MISMATCH_EXAMPLES) {
			this.mismatchExamples.add(wait.taskId() + ": no outcome (lost)");
		}
	}

	private void countPlanned(PlannedWait wait) {
		this.waits++;
		this.planned.merge(wait.expected(), 1, Integer::sum);
		wait.faults().forEach((fault) -> this.faults.merge(fault, 1, Integer::sum));
		if (wait.expected() != Expected.PENDING_FOREVER) {
			wait.faults().forEach((fault) -> this.faultsBeforeEnd.merge(fault, 1, Integer::sum));
		}
	}

	private static @Nullable String mismatch(PlannedWait wait, Outcome outcome, @Nullable Task task,
			@Nullable Throwable failure) {
		boolean matches = switch (wait.expected()) {
			case COMPLETED -> outcome == Outcome.COMPLETED && task != null && wait.taskId().equals(task.taskId())
					&& String.valueOf(wait.index()).equals(String.valueOf(task.result().get("wait")));
			case FAILED ->
				failure instanceof StreamTaskException taskFailure && wait.taskId().equals(taskFailure.getTaskId())
						&& SoakPlan.FAILURE_TYPE.equals(taskFailure.getErrorType())
						&& ("wait " + wait.index()).equals(taskFailure.getDescription());
			case PENDING_FOREVER -> outcome == Outcome.TIMEOUT;
		};
		if (matches) {
			return null;
		}
		return wait.taskId() + ": expected " + wait.expected() + " but got " + outcome
				+ ((failure != null) ? " (" + failure + ")" : " (" + task + ")");
	}

	int waits() {
		return this.waits;
	}

	int mismatches() {
		return this.mismatches;
	}

	int lost() {
		return this.lost;
	}

	int duplicated() {
		return this.duplicated;
	}

	int planned(Expected expected) {
		return this.planned.getOrDefault(expected, 0);
	}

	int outcomes(Outcome outcome) {
		return this.outcomes.getOrDefault(outcome, 0);
	}

	int faults(Fault fault) {
		return this.faults.getOrDefault(fault, 0);
	}

	/**
	 * Returns the faults of the given kinds in the scripts of waits planned to complete
	 * or fail. A wait reaches its scripted end only after it has met every one of them,
	 * so the poller must have retried at least this many times. A timed-out wait may not
	 * reach all of its faults.
	 * @param kinds the fault kinds
	 * @return the number of faults
	 */
	int faultsBeforeEnd(Set<Fault> kinds) {
		return kinds.stream().mapToInt((fault) -> this.faultsBeforeEnd.getOrDefault(fault, 0)).sum();
	}

	/**
	 * Returns the injected faults of the given kinds.
	 * @param kinds the fault kinds
	 * @return the number of faults
	 */
	int faults(Set<Fault> kinds) {
		return kinds.stream().mapToInt(this::faults).sum();
	}

	int totalFaults() {
		return this.faults.values().stream().mapToInt(Integer::intValue).sum();
	}

	List<String> mismatchExamples() {
		return List.copyOf(this.mismatchExamples);
	}

	Overshoots timeoutOvershoots() {
		return this.timeoutOvershoots;
	}

	Overshoots allOvershoots() {
		return this.allOvershoots;
	}

	/**
	 * Outcome of a wait as its caller sees it.
	 */
	enum Outcome {

		COMPLETED, FAILED, TIMEOUT, ERROR, CANCELLED_OR_OTHER;

		static @Nullable Throwable unwrap(@Nullable Throwable failure) {
			return (failure instanceof CompletionException) ? failure.getCause() : failure;
		}

		static Outcome of(@Nullable Task task, @Nullable Throwable failure) {
			Throwable cause = unwrap(failure);
			if (cause == null) {
				return (task != null) ? COMPLETED : CANCELLED_OR_OTHER;
			}
			if (cause instanceof StreamTaskException) {
				return FAILED;
			}
			if (cause instanceof StreamTransportException transport && transport.isTimeout()) {
				return TIMEOUT;
			}
			return (cause instanceof StreamException) ? ERROR : CANCELLED_OR_OTHER;
		}

	}

	/**
	 * Result that one wait's future completed with.
	 *
	 * @param task the completed task, or {@code null}
	 * @param failure the failure, or {@code null}
	 * @param endNanos the {@link System#nanoTime()} when the future completed
	 * @param callbacks the number of times the wait's completion callback ran
	 */
	record End(@Nullable Task task, @Nullable Throwable failure, long endNanos, int callbacks) {

	}

	/**
	 * Times by which waits ended after their deadline; negative when a wait ended before
	 * it.
	 */
	static final class Overshoots {

		private long[] nanos = new long[1024];

		private int size;

		void add(long overshootNanos) {
			if (this.size == this.nanos.length) {
				this.nanos = Arrays.copyOf(this.nanos, this.size * 2);
			}
			this.nanos[this.size++] = overshootNanos;
		}

		int size() {
			return this.size;
		}

		/**
		 * Describes the 50th and 99th percentiles and the maximum in milliseconds.
		 * @return the description, or {@code none} when empty
		 */
		String describe() {
			if (this.size == 0) {
				return "none";
			}
			long[] sorted = Arrays.copyOf(this.nanos, this.size);
			Arrays.sort(sorted);
			return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(sorted, 50) / 1e6,
					percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
		}

		/**
		 * Returns the given percentile by the nearest-rank method.
		 */
		private static long percentile(long[] sorted, int percent) {
			int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
			return sorted[Math.max(0, rank - 1)];
		}

	}

}
