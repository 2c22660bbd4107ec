package io.getstream.spring.test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-endpoint request counter over fixed one-minute windows aligned to the minute, the
 * way Stream reports {@code X-RateLimit-*} headers.
 */
final class RateLimiter {

	private static final long WINDOW_SECONDS = 60;

	private final int limit;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	RateLimiter(int limit) {
		this.limit = limit;
	}

	/**
	 * Counts one request to the given endpoint.
	 * @param endpoint the endpoint name
	 * @param now the time of the request
	 * @return the window after counting the request
	 */
	Usage acquire(String endpoint, Instant now) {
		long windowStart = Math.floorDiv(now.getEpochSecond(), WINDOW_SECONDS) * WINDOW_SECONDS;
		int count = this.windows.computeIfAbsent(endpoint, (key) -> new Window()).increment(windowStart);
		long reset = windowStart + WINDOW_SECONDS;
		long retryAfterSeconds = Math.max(1, reset - now.getEpochSecond());
		return new Usage(this.limit, Math.max(0, this.limit - count), reset, count > this.limit, retryAfterSeconds);
	}

	/**
	 * State of one endpoint's window after a request.
	 *
	 * @param limit the requests allowed per window
	 * @param remaining the requests left in the window
	 * @param resetEpochSecond the end of the window in seconds since the Unix epoch
	 * @param exceeded whether this request went over the limit
	 * @param retryAfterSeconds the whole seconds until the window ends, at least 1
	 */
	record Usage(int limit, int remaining, long resetEpochSecond, boolean exceeded, long retryAfterSeconds) {

	}

	private static final class Window {

		private long start = Long.MIN_VALUE;

		private int count;

		synchronized int increment(long windowStart) {
			if (windowStart != this.start) {
				this.start = windowStart;
				this.count = 0;
			}
			this.count++;
			return this.count;
		}

	}

}
