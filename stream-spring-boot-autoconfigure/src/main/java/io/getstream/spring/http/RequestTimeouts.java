package io.getstream.spring.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Per-request timeout for the request made on the current thread. The request factories
 * of this package cap their connect and read timeouts by it, and register a way to abort
 * the request, which a watchdog thread calls when the timeout passes. So a server that
 * sends its body one byte at a time cannot keep a request open past the time a wait has
 * left, as each single read would stay within the read timeout.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public final class RequestTimeouts {

	private static final ThreadLocal<@Nullable Budget> current = new ThreadLocal<>();

	private static final ScheduledThreadPoolExecutor watchdog = createWatchdog();

	private RequestTimeouts() {
	}

	private static ScheduledThreadPoolExecutor createWatchdog() {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("stream-request-watchdog-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threadFactory);
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/**
	 * Runs the given action with a per-request timeout for the requests it makes on this
	 * thread. A request still running when the timeout passes is aborted, if its request
	 * factory registered a way to abort it with {@link #onTimeout(Runnable)}.
	 * @param <T> the result type
	 * @param timeout the maximum time a request may take to connect and respond
	 * @param action the action that makes the request
	 * @return the action's result
	 */
	public static <T> T withTimeout(Duration timeout, Supplier<T> action) {
		Budget previous = current.get();
		Budget budget = new Budget(timeout);
		current.set(budget);
		budget.schedule(toMillis(timeout));
		try {
			return action.get();
		}
		finally {
			budget.finish();
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		}
	}

	/**
	 * Registers how to abort the request about to be sent on this thread. Does nothing
	 * outside {@link #withTimeout}.
	 * @param abort the action that aborts the request, for example by closing its
	 * connection
	 */
	public static void onTimeout(Runnable abort) {
		Budget budget = current.get();
		if (budget != null) {
			budget.abort = abort;
		}
	}

	/**
	 * Registers how to close the connection of the request about to be sent on this
	 * thread without reading the rest of its response. Does nothing outside
	 * {@link #withTimeout}.
	 * @param close the action that closes the connection
	 */
	public static void onAbandon(Runnable close) {
		Budget budget = current.get();
		if (budget != null) {
			budget.close = close;
		}
	}

	/**
	 * Closes the connection of the current request, as registered with
	 * {@link #onAbandon(Runnable)}, so that closing the response does not wait for a body
	 * that the caller gave up on.
	 */
	public static void abandon() {
		Budget budget = current.get();
		Runnable close = (budget != null) ? budget.close : null;
		if (close != null) {
			close.run();
		}
	}

	/**
	 * Returns the timeout for a request made now on this thread: the smaller of the
	 * configured timeout and the per-request timeout set by {@link #withTimeout}.
	 * @param configured the configured timeout, or {@code null} for none
	 * @return the timeout to apply, or {@code null} for none
	 */
	public static @Nullable Duration cap(@Nullable Duration configured) {
		Budget budget = current.get();
		if (budget == null) {
			return configured;
		}
		if (configured == null || configured.isZero()) {
			return budget.timeout;
		}
		return (budget.timeout.compareTo(configured) < 0) ? budget.timeout : configured;
	}

	static int toMillis(Duration timeout) {
		// A zero timeout means "no timeout" to both HttpURLConnection and HttpClient, so
		// an exhausted budget becomes the smallest real timeout. Sub-millisecond parts
		// round up.
		long millis = Math.max(1, timeout.plusNanos(999_999).toMillis());
		return (int) Math.min(Integer.MAX_VALUE, millis);
	}

	private static final class Budget {

		private final Duration timeout;

		private volatile @Nullable Runnable abort;

		private volatile @Nullable Runnable close;

		private volatile @Nullable ScheduledFuture<?> expiry;

		private volatile boolean finished;

		Budget(Duration timeout) {
			this.timeout = timeout;
		}

		void schedule(long delayMillis) {
			if (!this.finished) {
				this.expiry = watchdog.schedule(this::expire, delayMillis, TimeUnit.MILLISECONDS);
			}
		}

		void expire() {
			Runnable action = this.abort;
			if (action != null && !this.finished) {
				action.run();
			}
		}

		void finish() {
			this.finished = true;
			ScheduledFuture<?> scheduled = this.expiry;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
