package io.getstream.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the emulator does for one GET of a task, before headers and delays are applied.
 */
sealed interface StepAction {

	/**
	 * HTTP 200 with the task JSON.
	 *
	 * @param status the {@code status} field
	 * @param result the {@code result} object, omitted when {@code null}
	 * @param error the {@code error} object, omitted when {@code null}
	 */
	record TaskResponse(String status, @Nullable Map<String, Object> result,
			@Nullable Map<String, Object> error) implements StepAction {

	}

	/**
	 * Non-2xx response with Stream's JSON error body.
	 *
	 * @param httpStatus the HTTP status code
	 * @param code the Stream error code
	 * @param message the {@code message} field, sent verbatim
	 * @param exceptionFields the {@code exception_fields} object, omitted when empty
	 * @param unrecoverable whether the body carries {@code "unrecoverable": true}
	 */
	record ErrorResponse(int httpStatus, int code, String message, Map<String, String> exceptionFields,
			boolean unrecoverable) implements StepAction {

	}

	/**
	 * HTTP 429 with code 9 and one way of telling the client when to retry.
	 *
	 * @param retryAfter the {@code Retry-After} delay in seconds, or {@code null}
	 * @param retryAfterDate the {@code Retry-After} HTTP date, or {@code null}
	 * @param resetEpochSecond the {@code X-RateLimit-Reset} value to send instead of the
	 * one from the emulator's window, or {@code null}
	 */
	record RateLimitResponse(@Nullable Duration retryAfter, @Nullable Instant retryAfterDate,
			@Nullable Long resetEpochSecond) implements StepAction {

	}

	/**
	 * Response with a body sent exactly as given.
	 *
	 * @param httpStatus the HTTP status code
	 * @param contentType the {@code Content-Type} header
	 * @param body the body text, sent as UTF-8
	 */
	record RawResponse(int httpStatus, String contentType, String body) implements StepAction {

	}

	/**
	 * No response at all: the handler waits until the emulator closes, so the client sees
	 * only its own timeout.
	 */
	record Hang() implements StepAction {

	}

	/**
	 * Connection closed without any response bytes.
	 */
	record DropConnection() implements StepAction {

	}

}
