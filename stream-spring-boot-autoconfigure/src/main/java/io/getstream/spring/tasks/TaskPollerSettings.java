package io.getstream.spring.tasks;

import java.time.Duration;

/**
 * Settings of a {@link DefaultTaskPoller}.
 *
 * @param pollInterval the default time between two polls
 * @param timeout the default maximum time a wait may take
 * @param minPollInterval the minimum time between two requests of one wait, whatever
 * interval a caller passes
 * @param maxRetries the number of consecutive failed requests retried before a wait fails
 * with the last error
 * @param initialBackoff the delay before the first retry, doubled for each further one
 * @param maxBackoff the maximum delay before a retry, including delays requested by the
 * server
 * @param notFoundGrace how long after a wait starts an HTTP 404 response counts as "not
 * ready yet" rather than an error; zero fails at once
 * @param maxConcurrentRequests the number of requests that asynchronous waits may have in
 * flight at once
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public record TaskPollerSettings(Duration pollInterval, Duration timeout, Duration minPollInterval, int maxRetries,
		Duration initialBackoff, Duration maxBackoff, Duration notFoundGrace, int maxConcurrentRequests) {

	/**
	 * Maximum duration of a poll interval, timeout, back-off or grace.
	 */
	public static final Duration MAX_DURATION = Duration.ofDays(1);

	/**
	 * Default settings: poll every second for up to 60 seconds, at most one request per
	 * 100 ms, 3 retries with back-off from 250 ms up to 30 s, no 404 grace, 64 concurrent
	 * requests.
	 */
	public static final TaskPollerSettings DEFAULTS = new TaskPollerSettings(Duration.ofSeconds(1),
			Duration.ofSeconds(60), Duration.ofMillis(100), 3, Duration.ofMillis(250), Duration.ofSeconds(30),
			Duration.ZERO, 64);

	/**
	 * Creates settings, checking each value.
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public TaskPollerSettings {
		requirePositive("pollInterval", pollInterval);
		requirePositive("timeout", timeout);
		requirePositive("minPollInterval", minPollInterval);
		requirePositive("initialBackoff", initialBackoff);
		requirePositive("maxBackoff", maxBackoff);
		requireNotNegative("notFoundGrace", notFoundGrace);
		if (pollInterval.compareTo(minPollInterval) < 0) {
			throw new IllegalArgumentException(
					"Invalid pollInterval " + pollInterval + ": it is shorter than minPollInterval " + minPollInterval
							+ "; use a poll interval of at least the minimum");
		}
		if (pollInterval.compareTo(timeout) > 0) {
			throw new IllegalArgumentException("Invalid pollInterval " + pollInterval + ": it is longer than timeout "
					+ timeout + "; use a poll interval no longer than the timeout");
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException(
					"Invalid maxRetries " + maxRetries + ": use 0 to disable retries or a positive number");
		}
		if (maxConcurrentRequests < 1) {
			throw new IllegalArgumentException(
					"Invalid maxConcurrentRequests " + maxConcurrentRequests + ": use a positive number");
		}
	}

	static Duration requirePositive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("Invalid " + name + " " + value + ": use a positive duration");
		}
		requireAtMostOneDay(name, value);
		return value;
	}

	private static void requireNotNegative(String name, Duration value) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException("Invalid " + name + " " + value + ": use zero or a positive duration");
		}
		requireAtMostOneDay(name, value);
	}

	private static void requireAtMostOneDay(String name, Duration value) {
		if (value.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException(
					"Invalid " + name + " " + value + ": it is longer than one day; use a duration of at most one day");
		}
	}

}
