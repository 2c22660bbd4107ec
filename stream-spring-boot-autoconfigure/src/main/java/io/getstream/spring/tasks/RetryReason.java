package io.getstream.spring.tasks;

import java.util.Locale;

/**
 * Reason for retrying a request to Stream.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public enum RetryReason {

	/**
	 * HTTP 429: the rate limit was reached.
	 */
	RATE_LIMITED,

	/**
	 * HTTP 500, 502, 503 or 504.
	 */
	SERVER_ERROR,

	/**
	 * HTTP 408, or a connect or read timeout of a single request.
	 */
	REQUEST_TIMEOUT,

	/**
	 * An error response whose body was not JSON, such as a gateway's HTML page.
	 */
	INVALID_RESPONSE,

	/**
	 * The connection failed or was reset before a response arrived.
	 */
	CONNECTION;

	/**
	 * Returns the lowercase name used as a metric tag value.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
