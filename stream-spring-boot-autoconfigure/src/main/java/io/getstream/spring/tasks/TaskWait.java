package io.getstream.spring.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamException;
import io.getstream.spring.StreamRateLimitException;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * State and decisions of one wait for a task, shared by the blocking and the asynchronous
 * driver in {@link DefaultTaskPoller}.
 * <p>
 * The wait's {@link RetryPolicy} decides which failures are retried and how long to back
 * off: exponential with jitter from the initial back-off, replaced by the server's
 * {@code Retry-After} or {@code X-RateLimit-Reset} when present, clamped to the maximum
 * back-off and raised to the minimum poll interval. Its back-off stops after the
 * configured number of consecutive retries.
 */
final class TaskWait {

	private final StreamTaskClient client;

	private final TaskPollerSettings settings;

	private final TaskPollerListener listener;

	private final StatusWarnings statusWarnings;

	private final TaskPollerListener.WaitObservation observation;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final RetryPolicy retryPolicy;

	final String taskId;

	final Duration pollInterval;

	final Duration timeout;

	private final long startNanos;

	private final long deadlineNanos;

	private volatile int polls;

	private volatile @Nullable String lastStatus;

	private volatile @Nullable StreamException lastFailure;

	private @Nullable BackOffExecution retryBackOff;

	TaskWait(StreamTaskClient client, TaskPollerSettings settings, TaskPollerListener listener,
			StatusWarnings statusWarnings, String taskId, Duration pollInterval, Duration timeout) {
		this.client = client;
		this.settings = settings;
		this.listener = listener;
		this.statusWarnings = statusWarnings;
		this.taskId = taskId;
		this.pollInterval = pollInterval;
		this.timeout = timeout;
		this.retryPolicy = RetryPolicy.builder().predicate(this::isRetryable).backOff(this::startRetryBackOff).build();
		this.startNanos = System.nanoTime();
		this.deadlineNanos = this.startNanos + timeout.toNanos();
		this.observation = listener.waitStarted();
	}

	RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

	boolean isDeadlinePassed() {
		return remainingNanos() <= 0;
	}

	/**
	 * Sends one GET of the task with a request timeout capped by the time left.
	 * @return the task, or {@code null} when the server responded with 404 within the
	 * not-found grace period
	 * @throws StreamException when the request failed or the deadline has passed
	 */
	@Nullable Task fetch() {
		long remaining = remainingNanos();
		if (remaining <= 0) {
			throw timeoutException();
		}
		this.polls++;
		Task task;
		try {
			task = this.client.fetch(this.taskId, Duration.ofNanos(remaining));
		}
		catch (StreamException ex) {
			this.lastFailure = ex;
			if (isNotFoundWithinGrace(ex)) {
				return null;
			}
			throw ex;
		}
		this.lastStatus = task.status();
		this.listener.polled(task.status());
		return task;
	}

	private boolean isNotFoundWithinGrace(StreamException failure) {
		return failure instanceof StreamApiException api && api.getStatusCode() == 404
				&& System.nanoTime() - this.startNanos < this.settings.notFoundGrace().toNanos();
	}

	/**
	 * Decides what follows a poll that returned a task.
	 * @return the task when it completed, or {@code null} when polling goes on
	 * @throws StreamTaskException when the task failed
	 */
	@Nullable Task onTask(Task task) {
		this.retryBackOff = null;
		if (task.isCompleted()) {
			return task;
		}
		if (task.isFailed()) {
			throw new StreamTaskException(task);
		}
		this.statusWarnings.warnIfUnknown(task.status(), this.taskId);
		return null;
	}

	/**
	 * Decides what follows a failed request in the asynchronous driver.
	 * @return the delay in milliseconds before the retry
	 * @throws StreamException the failure itself when it must not be retried, or when the
	 * retries are used up
	 */
	long onFailure(StreamException failure) {
		if (!this.retryPolicy.shouldRetry(failure)) {
			throw failure;
		}
		if (this.retryBackOff == null) {
			this.retryBackOff = this.retryPolicy.getBackOff().start();
		}
		long delay = this.retryBackOff.nextBackOff();
		if (delay == BackOffExecution.STOP) {
			throw failure;
		}
		return delay;
	}

	/**
	 * Returns the time to sleep before the next poll, never past the deadline.
	 */
	long nextPollDelayMillis() {
		return Math.min(this.pollInterval.toMillis(), remainingMillisRoundedUp());
	}

	private long remainingMillisRoundedUp() {
		long remaining = remainingNanos();
		return (remaining <= 0) ? 0 : TimeUnit.NANOSECONDS.toMillis(remaining + 999_999);
	}

	private boolean isRetryable(Throwable failure) {
		if (failure instanceof StreamApiException api) {
			return isRetryable(api);
		}
		if (failure instanceof StreamTransportException transport) {
			return switch (transport.getErrorType()) {
				case StreamTransportException.TIMEOUT, StreamTransportException.INTERRUPTED,
						StreamTransportException.TLS_HANDSHAKE_FAILED ->
					false;
				default -> true;
			};
		}
		return false;
	}

	private static boolean isRetryable(StreamApiException failure) {
		if (failure.isUnrecoverable()) {
			return false;
		}
		int status = failure.getStatusCode();
		if (status >= 200 && status <= 299) {
			// A success whose body is not a task, such as a proxy's page.
			return true;
		}
		if (status >= 300 && status <= 399) {
			// Redirects are not followed, since they could lead to another origin.
			return false;
		}
		return switch (status) {
			case 408, 429, 500, 502, 503, 504 -> true;
			case 400, 401, 403, 404 -> false;
			// A body that is not Stream's JSON error comes from a proxy or gateway.
			default -> failure.getCode() == null;
		};
	}

	private BackOffExecution startRetryBackOff() {
		ExponentialBackOff exponential = new ExponentialBackOff(this.settings.initialBackoff().toMillis(), 2.0);
		exponential.setMaxInterval(this.settings.maxBackoff().toMillis());
		exponential.setJitter(this.settings.initialBackoff().toMillis() / 2);
		exponential.setMaxAttempts(this.settings.maxRetries());
		BackOffExecution execution = exponential.start();
		return () -> {
			long delay = execution.nextBackOff();
			StreamException failure = this.lastFailure;
			if (delay == BackOffExecution.STOP || failure == null) {
				return BackOffExecution.STOP;
			}
			long retryDelay = retryDelay(failure, delay);
			if (retryDelay < remainingMillisRoundedUp()) {
				// A delay that reaches the deadline ends the wait with a timeout, not a
				// retry.
				this.listener.retrying(retryReason(failure));
			}
			return retryDelay;
		};
	}

	/**
	 * Applies the server's hint, the maximum back-off, the minimum poll interval and the
	 * deadline to a back-off delay. A delay that reaches past the deadline ends at the
	 * deadline, where the next attempt fails with a timeout.
	 */
	private long retryDelay(StreamException failure, long backOffMillis) {
		Duration hint = serverRetryHint(failure);
		Duration maxBackoff = this.settings.maxBackoff();
		// Durations are compared before any conversion, because a server may send a
		// hint too large for a long of milliseconds.
		long delay = (hint == null) ? backOffMillis : ((hint.compareTo(maxBackoff) > 0) ? maxBackoff : hint).toMillis();
		delay = Math.min(delay, maxBackoff.toMillis());
		delay = Math.max(delay, this.settings.minPollInterval().toMillis());
		return Math.min(delay, remainingMillisRoundedUp());
	}

	private static @Nullable Duration serverRetryHint(StreamException failure) {
		if (!(failure instanceof StreamApiException api)) {
			return null;
		}
		if (api.getRetryAfter() != null) {
			return api.getRetryAfter();
		}
		if (api instanceof StreamRateLimitException rateLimit && rateLimit.getRateLimitReset() != null) {
			Duration untilReset = Duration.between(Instant.now(), rateLimit.getRateLimitReset());
			return untilReset.isNegative() ? Duration.ZERO : untilReset;
		}
		return null;
	}

	private static RetryReason retryReason(StreamException failure) {
		if (failure instanceof StreamApiException api) {
			int status = api.getStatusCode();
			if (status == 429) {
				return RetryReason.RATE_LIMITED;
			}
			if (status == 408) {
				return RetryReason.REQUEST_TIMEOUT;
			}
			if (status >= 500 && status <= 599) {
				return RetryReason.SERVER_ERROR;
			}
			return RetryReason.INVALID_RESPONSE;
		}
		if (failure instanceof StreamTransportException transport
				&& StreamTransportException.REQUEST_TIMEOUT.equals(transport.getErrorType())) {
			return RetryReason.REQUEST_TIMEOUT;
		}
		return RetryReason.CONNECTION;
	}

	/**
	 * Builds the exception of a wait whose deadline passed. Its cause is the last failed
	 * request, if any.
	 */
	StreamTransportException timeoutException() {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startNanos);
		StringBuilder message = new StringBuilder();
		message.append("Timed out after ")
			.append(elapsed.toMillis())
			.append(" ms (timeout ")
			.append(this.timeout.toMillis())
			.append(" ms) waiting for Stream task '")
			.append(this.taskId)
			.append("' after ")
			.append(this.polls)
			.append(this.polls == 1 ? " poll" : " polls");
		String status = this.lastStatus;
		message.append((status != null) ? "; last status '" + status + "'" : "; no status received");
		if (status != null && !StatusWarnings.isKnown(status)) {
			message.append(" (not a status this library knows)");
		}
		StreamException failure = this.lastFailure;
		if (failure != null) {
			message.append("; last failed request: ").append(describe(failure));
		}
		message.append(". The task may still be running on the server.");
		return new StreamTransportException(StreamTransportException.TIMEOUT, message.toString(), failure);
	}

	private static String describe(StreamException failure) {
		if (failure instanceof StreamApiException api) {
			String kind = switch (api.getStatusCode()) {
				case 429 -> "rate limited";
				case 502, 503, 504 -> "service unavailable";
				default -> "error response";
			};
			return kind + " (HTTP " + api.getStatusCode() + ")";
		}
		if (failure instanceof StreamTransportException transport) {
			return transport.getErrorType().replace('_', ' ');
		}
		return failure.getClass().getSimpleName();
	}

	StreamTransportException interruptedException() {
		return new StreamTransportException(StreamTransportException.INTERRUPTED,
				"Interrupted while waiting for Stream task '" + this.taskId + "' after " + this.polls
						+ " polls; the task may still be running on the server",
				null);
	}

	/**
	 * Tells the listener how the wait ended, once.
	 */
	void end(WaitOutcome outcome, @Nullable StreamException failure) {
		if (this.ended.compareAndSet(false, true)) {
			this.observation.ended(outcome, failure);
		}
	}

	static WaitOutcome outcomeOf(Throwable failure) {
		if (failure instanceof StreamTaskException) {
			return WaitOutcome.FAILED;
		}
		if (failure instanceof StreamTransportException transport) {
			if (transport.isTimeout()) {
				return WaitOutcome.TIMEOUT;
			}
			if (StreamTransportException.INTERRUPTED.equals(transport.getErrorType())) {
				return WaitOutcome.CANCELLED;
			}
		}
		return WaitOutcome.ERROR;
	}

}
