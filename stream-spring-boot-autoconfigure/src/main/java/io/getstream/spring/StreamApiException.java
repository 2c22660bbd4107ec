package io.getstream.spring;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Exception raised when Stream responds with an HTTP error status. The fields come from
 * Stream's JSON error body; when the body is not JSON (a gateway's plain text or HTML
 * page, for example), {@link #getCode()} is {@code null} and
 * {@link #getRawResponseBody()} keeps the start of the body.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamApiException extends StreamException {

	private final int statusCode;

	private final @Nullable Integer code;

	private final @Nullable String moreInfo;

	private final Map<String, String> exceptionFields;

	private final boolean unrecoverable;

	private final String rawResponseBody;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception from an HTTP error response.
	 * @param statusCode the HTTP status code
	 * @param code Stream's error code, or {@code null} when the body had none
	 * @param message the message, including the server's message when it sent one
	 * @param moreInfo the documentation link sent by the server, or {@code null}
	 * @param exceptionFields the per-field errors sent by the server
	 * @param unrecoverable whether the server marked the error as not worth retrying
	 * @param rawResponseBody an excerpt of the response body
	 * @param retryAfter the wait asked for by the {@code Retry-After} header, or
	 * {@code null}
	 */
	public StreamApiException(int statusCode, @Nullable Integer code, String message, @Nullable String moreInfo,
			Map<String, String> exceptionFields, boolean unrecoverable, String rawResponseBody,
			@Nullable Duration retryAfter) {
		super(message, null);
		this.statusCode = statusCode;
		this.code = code;
		this.moreInfo = moreInfo;
		this.exceptionFields = Map.copyOf(exceptionFields);
		this.unrecoverable = unrecoverable;
		this.rawResponseBody = rawResponseBody;
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns the HTTP status code of the response.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Returns Stream's error code, such as {@code 4} for an input error or {@code 9} for
	 * a rate limit.
	 * @return the code, or {@code null} when the body carried none
	 */
	public @Nullable Integer getCode() {
		return this.code;
	}

	/**
	 * Returns the documentation link that Stream sent with the error.
	 * @return the link, or {@code null}
	 */
	public @Nullable String getMoreInfo() {
		return this.moreInfo;
	}

	/**
	 * Returns the per-field error messages that Stream sent with an input error.
	 * @return the field errors, empty when none were sent
	 */
	public Map<String, String> getExceptionFields() {
		return this.exceptionFields;
	}

	/**
	 * Returns whether Stream marked this error as unrecoverable, meaning a retry cannot
	 * succeed.
	 * @return whether the error is unrecoverable
	 */
	public boolean isUnrecoverable() {
		return this.unrecoverable;
	}

	/**
	 * Returns the start of the response body, at most 512 characters.
	 * @return the body excerpt, empty when the body was empty
	 */
	public String getRawResponseBody() {
		return this.rawResponseBody;
	}

	/**
	 * Returns the wait that the server asked for in its {@code Retry-After} header, sent
	 * with 429 and sometimes with 503 responses.
	 * @return the wait, or {@code null} when the header was absent or unreadable
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
