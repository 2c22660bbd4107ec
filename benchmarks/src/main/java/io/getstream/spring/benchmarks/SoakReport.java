package io.getstream.spring.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.getstream.spring.benchmarks.SoakPlan.Expected;
import io.getstream.spring.benchmarks.SoakPlan.Fault;
import io.getstream.spring.benchmarks.SoakTally.Outcome;

/**
 * Figures of one {@link SoakRunner} run, filled in as the run goes, and the checks that
 * decide whether it passed.
 */
final class SoakReport {

	final long seed;

	final int plannedWaits;

	final int batchSize;

	final String requestFactory;

	final SoakTally warmUp = new SoakTally();

	final SoakTally tally = new SoakTally();

	String loadAtStart = "";

	String loadAtEnd = "";

	String pollerClass = "";

	int scriptedTasks;

	int batchesRun;

	long warmUpNanos;

	long elapsedNanos;

	SoakMeters metersBefore = new SoakMeters(Map.of(), Map.of(), Map.of(), 0);

	SoakMeters metersAfter = this.metersBefore;

	int pollerThreadsBefore;

	int pollerThreadsAfterClose;

	int liveThreadsBefore;

	int liveThreadsAfterClose;

	long heapBefore;

	long heapAfterRun;

	long heapAfterClose;

	SoakReport(long seed, int plannedWaits, int batchSize, String requestFactory) {
		this.seed = seed;
		this.plannedWaits = plannedWaits;
		this.batchSize = batchSize;
		this.requestFactory = requestFactory;
	}

	/**
	 * Returns the waits whose end the poller's {@code stream.tasks.wait} timer recorded
	 * more often than the waits that ended: a wait reported as ended twice.
	 * @return the surplus, zero when every ended wait was recorded once
	 */
	long meterSurplus() {
		long ended = this.tally.waits() - this.tally.lost();
		return Math.max(0, this.metersAfter.since(this.metersBefore).totalWaits() - ended);
	}

	/**
	 * Lists why the run failed.
	 * @return the failed checks, empty when the run passed
	 */
	List<String> failures() {
		List<String> failures = new ArrayList<>();
		if (this.tally.waits() != this.plannedWaits) {
			failures.add("ran " + this.tally.waits() + " of " + this.plannedWaits + " waits before the time limit");
		}
		if (this.tally.mismatches() > 0) {
			failures.add(this.tally.mismatches() + " waits ended otherwise than scripted");
		}
		if (this.tally.lost() > 0) {
			failures.add(this.tally.lost() + " waits never ended");
		}
		if (this.tally.duplicated() > 0 || meterSurplus() > 0) {
			failures.add("waits ended more than once");
		}
		SoakMeters meters = this.metersAfter.since(this.metersBefore);
		Fault.BY_RETRY_REASON.forEach((reason, kinds) -> {
			long retries = meters.retries().getOrDefault(reason, 0L);
			if (retries < this.tally.faultsBeforeEnd(kinds) || retries > this.tally.faults(kinds)) {
				failures.add(retries + " " + reason + " retries for " + this.tally.faults(kinds) + " such faults, "
						+ this.tally.faultsBeforeEnd(kinds) + " of them before a planned end");
			}
		});
		if (this.metersAfter.activeWaits() != 0) {
			failures.add(this.metersAfter.activeWaits() + " waits still active after the run");
		}
		if (this.pollerThreadsAfterClose != this.pollerThreadsBefore) {
			failures.add(this.pollerThreadsAfterClose + " poller threads alive 10 s after the context closed");
		}
		return failures;
	}

	boolean passed() {
		return failures().isEmpty();
	}

	/**
	 * Prints the report as plain text, ending with a {@code Result:} line.
	 * @param out the stream to print to
	 */
	void print(PrintStream out) {
		printSetup(out);
		out.println();
		printFaultsAndOutcomes(out, this.metersAfter.since(this.metersBefore));
		out.println();
		printTimingAndResources(out);
		List<String> failures = failures();
		out.println(failures.isEmpty() ? "Result: PASSED" : "Result: FAILED: " + String.join("; ", failures));
	}

	private void printSetup(PrintStream out) {
		out.println("# Soak of the auto-configured TaskPoller");
		out.println("JVM: " + MachineInfo.jvm());
		out.println("CPU: " + MachineInfo.cpu());
		out.println("Load average: " + this.loadAtStart + " at start, " + this.loadAtEnd + " at end");
		out.println("Poller: " + this.pollerClass + ", stream.http.request-factory=" + this.requestFactory);
		out.printf(Locale.ROOT,
				"Plan: seed %d, %,d waits in batches of %,d concurrent waits after a warm-up batch of %,d; %,d tasks scripted%n",
				this.seed, this.plannedWaits, this.batchSize, this.warmUp.waits(), this.scriptedTasks);
		out.printf(Locale.ROOT, "Elapsed: %.1f s for %d batches (warm-up %.1f s)%n", this.elapsedNanos / 1e9,
				this.batchesRun, this.warmUpNanos / 1e9);
	}

	private void printFaultsAndOutcomes(PrintStream out, SoakMeters meters) {
		out.printf(Locale.ROOT, "Waits: %,d%n", this.tally.waits());
		out.printf(Locale.ROOT,
				"Faults injected: %,d (HTTP 500: %,d, 502: %,d, 503: %,d, 504: %,d, dropped connection: %,d, 429 with Retry-After 0: %,d)%n",
				this.tally.totalFaults(), this.tally.faults(Fault.HTTP_500), this.tally.faults(Fault.HTTP_502),
				this.tally.faults(Fault.HTTP_503), this.tally.faults(Fault.HTTP_504),
				this.tally.faults(Fault.DROPPED_CONNECTION), this.tally.faults(Fault.RATE_LIMITED));
		out.println("Retries recorded by the poller (stream.tasks.retries): " + meters.retries());
		Fault.BY_RETRY_REASON.forEach((reason, kinds) -> out.printf(Locale.ROOT,
				"  %s: %,d retries for %,d faults injected, %,d of them in waits planned to complete or fail%n", reason,
				meters.retries().getOrDefault(reason, 0L), this.tally.faults(kinds),
				this.tally.faultsBeforeEnd(kinds)));

		out.printf(Locale.ROOT,
				"Outcomes: completed %,d (planned %,d), failed %,d (planned %,d), timeout %,d (planned %,d), "
						+ "error %,d, other %,d%n",
				this.tally.outcomes(Outcome.COMPLETED), this.tally.planned(Expected.COMPLETED),
				this.tally.outcomes(Outcome.FAILED), this.tally.planned(Expected.FAILED),
				this.tally.outcomes(Outcome.TIMEOUT), this.tally.planned(Expected.PENDING_FOREVER),
				this.tally.outcomes(Outcome.ERROR), this.tally.outcomes(Outcome.CANCELLED_OR_OTHER));
		out.println("Waits recorded by the poller (stream.tasks.wait): " + meters.waits());
		out.println("Polls recorded by the poller (stream.tasks.polls): " + meters.polls());
		out.printf(Locale.ROOT, "Mismatches against the script: %,d%n", this.tally.mismatches());
		this.tally.mismatchExamples().forEach((example) -> out.println("  " + example));
		out.printf(Locale.ROOT, "Lost completions: %,d; duplicated completions: %,d (callbacks), %,d (wait timer)%n",
				this.tally.lost(), this.tally.duplicated(), meterSurplus());
	}

	private void printTimingAndResources(PrintStream out) {
		out.printf(Locale.ROOT, "Overshoot past the deadline, timed-out waits (%,d): %s%n",
				this.tally.timeoutOvershoots().size(), this.tally.timeoutOvershoots().describe());
		out.printf(Locale.ROOT, "Overshoot past the deadline, all waits (%,d; negative is before it): %s%n",
				this.tally.allOvershoots().size(), this.tally.allOvershoots().describe());
		out.printf(Locale.ROOT, "Poller threads (stream-tasks-*): %d before the context, %d after close%n",
				this.pollerThreadsBefore, this.pollerThreadsAfterClose);
		out.printf(Locale.ROOT, "Live JVM threads: %d before the context, %d after close%n", this.liveThreadsBefore,
				this.liveThreadsAfterClose);
		out.printf(Locale.ROOT, "Heap used after GC: %s before the run, %s after it, %s after close%n",
				megabytes(this.heapBefore), megabytes(this.heapAfterRun), megabytes(this.heapAfterClose));
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

}
