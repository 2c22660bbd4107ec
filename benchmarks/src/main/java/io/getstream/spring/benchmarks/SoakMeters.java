package io.getstream.spring.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.getstream.spring.tasks.RetryReason;
import io.getstream.spring.tasks.WaitOutcome;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Snapshot of the poller's {@code stream.tasks.*} meters.
 *
 * @param waits the ended waits by {@code outcome} tag
 * @param retries the retried requests by {@code reason} tag
 * @param polls the polls that returned a task, by {@code status} tag
 * @param activeWaits the waits in progress
 */
record SoakMeters(Map<String, Long> waits, Map<String, Long> retries, Map<String, Long> polls, int activeWaits) {

	private static final String[] STATUSES = { "waiting", "pending", "running", "completed", "failed", "error",
			"other" };

	static SoakMeters read(MeterRegistry registry) {
		Map<String, Long> waits = new LinkedHashMap<>();
		for (WaitOutcome outcome : WaitOutcome.values()) {
			waits.put(outcome.tagValue(),
					registry.get("stream.tasks.wait").tag("outcome", outcome.tagValue()).timer().count());
		}
		Map<String, Long> retries = new LinkedHashMap<>();
		for (RetryReason reason : RetryReason.values()) {
			retries.put(reason.tagValue(),
					(long) registry.get("stream.tasks.retries").tag("reason", reason.tagValue()).counter().count());
		}
		Map<String, Long> polls = new LinkedHashMap<>();
		for (String status : STATUSES) {
			polls.put(status, (long) registry.get("stream.tasks.polls").tag("status", status).counter().count());
		}
		int activeWaits = registry.get("stream.tasks.wait.active").longTaskTimer().activeTasks();
		return new SoakMeters(waits, retries, polls, activeWaits);
	}

	/**
	 * Returns the counts of this snapshot minus those of an earlier one.
	 * @param earlier the earlier snapshot
	 * @return the differences; {@link #activeWaits()} is this snapshot's
	 */
	SoakMeters since(SoakMeters earlier) {
		return new SoakMeters(minus(this.waits, earlier.waits), minus(this.retries, earlier.retries),
				minus(this.polls, earlier.polls), this.activeWaits);
	}

	long totalWaits() {
		return this.waits.values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
		Map<String, Long> difference = new LinkedHashMap<>();
		later.forEach((key, value) -> difference.put(key, value - earlier.getOrDefault(key, 0L)));
		return difference;
	}

}
