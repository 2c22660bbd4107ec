package io.getstream.spring.http;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Per-request timeout that the request factories of this package apply to the request
 * made on the current thread. A wait sets it to the time it has left, so that no single
 * request outlives the wait's deadline.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public final class RequestTimeouts {

	private static final ThreadLocal<@Nullable Duration> current = new ThreadLocal<>();

	private RequestTimeouts() {
	}

	/**
	 * Runs the given action with a per-request timeout for the requests it makes on this
	 * thread.
	 * @param <T> the result type
	 * @param timeout the longest time a request may take to connect or to respond
	 * @param action the action that makes the request
	 * @return the action's result
	 */
	public static <T> T withTimeout(Duration timeout, Supplier<T> action) {
		Duration previous = current.get();
		current.set(timeout);
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		}
	}

	/**
	 * Returns the timeout for a request made now on this thread: the smaller of the
	 * configured timeout and the per-request timeout set by {@link #withTimeout}.
	 * @param configured the configured timeout, or {@code null} for none
	 * @return the timeout to apply, or {@code null} for none
	 */
	public static @Nullable Duration cap(@Nullable Duration configured) {
		Duration perRequest = current.get();
		if (perRequest == null) {
			return configured;
		}
		if (configured == null || configured.isZero()) {
			return perRequest;
		}
		return (perRequest.compareTo(configured) < 0) ? perRequest : configured;
	}

	static int toMillis(Duration timeout) {
		// A zero timeout means "no timeout" to both HttpURLConnection and HttpClient, so
		// an exhausted budget becomes the smallest real timeout.
		long millis = Math.max(1, timeout.toMillis());
		return (int) Math.min(Integer.MAX_VALUE, millis);
	}

}
