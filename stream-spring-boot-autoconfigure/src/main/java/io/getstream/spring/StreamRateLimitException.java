package io.getstream.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Exception raised when Stream responds with HTTP 429 (too many requests).
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamRateLimitException extends StreamApiException {

	private final @Nullable Instant rateLimitReset;

	/**
	 * Creates an exception from an HTTP 429 response.
	 * @param code Stream's error code, or {@code null} when the body had none
	 * @param message the message, including the server's message when it sent one
	 * @param moreInfo the documentation link sent by the server, or {@code null}
	 * @param exceptionFields the per-field errors sent by the server
	 * @param unrecoverable whether the server marked the error as not worth retrying
	 * @param rawResponseBody an excerpt of the response body
	 * @param retryAfter the wait asked for by the {@code Retry-After} header, or
	 * {@code null}
	 * @param rateLimitReset the end of the rate-limit window from the
	 * {@code X-RateLimit-Reset} header, or {@code null}
	 */
	public StreamRateLimitException(@Nullable Integer code, String message, @Nullable String moreInfo,
			Map<String, String> exceptionFields, boolean unrecoverable, String rawResponseBody,
			@Nullable Duration retryAfter, @Nullable Instant rateLimitReset) {
		super(429, code, message, moreInfo, exceptionFields, unrecoverable, rawResponseBody, retryAfter);
		this.rateLimitReset = rateLimitReset;
	}

	/**
	 * Returns when the current rate-limit window ends, from the {@code X-RateLimit-Reset}
	 * header.
	 * @return the reset instant, or {@code null} when the header was absent or unreadable
	 */
	public @Nullable Instant getRateLimitReset() {
		return this.rateLimitReset;
	}

}
