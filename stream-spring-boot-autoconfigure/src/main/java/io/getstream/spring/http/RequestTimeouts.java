package io.getstream.spring.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

	// Requests that registered an abort, swept by one watchdog thread every 50 ms. A
	// sweep costs far less per request than scheduling and cancelling a task for each.
	private static final Set<Budget> abortable = ConcurrentHashMap.newKeySet();

	private static final long SWEEP_MILLIS = 50;

	private RequestTimeouts() {
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
		Budget budget = new Budget(timeout, System.nanoTime() + timeout.toNanos());
		current.set(budget);
		try {
			return action.get();
		}
		finally {
			abortable.remove(budget);
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
			Watchdog.start();
			abortable.add(budget);
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

		private final long deadlineNanos;

		private volatile @Nullable Runnable abort;

		private volatile @Nullable Runnable close;

		Budget(Duration timeout, long deadlineNanos) {
			this.timeout = timeout;
			this.deadlineNanos = deadlineNanos;
		}

	}

	/**
	 * Daemon thread, started on first use, that aborts requests past their timeout.
	 */
	private static final class Watchdog {

		private static final ScheduledThreadPoolExecutor executor = createExecutor();

		private Watchdog() {
		}

		private static ScheduledThreadPoolExecutor createExecutor() {
			CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("stream-request-watchdog-");
			threadFactory.setDaemon(true);
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threadFactory);
			executor.scheduleWithFixedDelay(Watchdog::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
			return executor;
		}

		static void start() {
			// Loading this class starts the executor.
		}

		private static void sweep() {
			long now = System.nanoTime();
			for (Budget budget : abortable) {
				Runnable abort = budget.abort;
				if (now - budget.deadlineNanos >= 0 && abortable.remove(budget) && abort != null) {
					abort.run();
				}
			}
		}

	}

}
