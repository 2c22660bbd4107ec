package io.getstream.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.getstream.spring.test.StepAction.DropConnection;
import io.getstream.spring.test.StepAction.ErrorResponse;
import io.getstream.spring.test.StepAction.Hang;
import io.getstream.spring.test.StepAction.RateLimitResponse;
import io.getstream.spring.test.StepAction.RawResponse;
import io.getstream.spring.test.StepAction.TaskResponse;

/**
 * One response of a {@link TaskScript}: what the emulator sends for one GET of a scripted
 * task. Steps are immutable: {@link #after(Duration)}, {@link #times(int)} and
 * {@link #withHeader(String, String)} return a modified copy.
 * <p>
 * Every response also carries the emulator's {@code X-RateLimit-*} headers, and error
 * messages are sent exactly as given.
 *
 * @since 0.1.0
 * @see TaskScript
 */
public final class TaskStep {

	private static final String NOT_FOUND_MESSAGE = "GetTask failed with error: \"task not found\"";

	private final StepAction action;

	private final Duration delay;

	private final int times;

	private final Map<String, String> headers;

	private TaskStep(StepAction action, Duration delay, int times, Map<String, String> headers) {
		this.action = action;
		this.delay = delay;
		this.times = times;
		this.headers = headers;
	}

	private static TaskStep of(StepAction action) {
		return new TaskStep(action, Duration.ZERO, 1, Map.of());
	}

	/**
	 * Creates a step that responds with 200 with the task JSON in the given status and no
	 * {@code result} or {@code error}. Any text is accepted, so unknown statuses can be
	 * sent too.
	 * @param status the {@code status} field, such as {@code waiting}, {@code pending},
	 * {@code running}, {@code completed}, {@code failed} or {@code error}
	 * @return the step
	 */
	public static TaskStep status(String status) {
		return task(status, null, null);
	}

	/**
	 * Creates a step that responds with 200 with a {@code completed} task without a
	 * {@code result}.
	 * @return the step
	 */
	public static TaskStep completed() {
		return status("completed");
	}

	/**
	 * Creates a step that responds with 200 with a {@code completed} task and the given
	 * {@code result} object.
	 * @param result the {@code result} object, serialized as JSON
	 * @return the step
	 */
	public static TaskStep completed(Map<String, ?> result) {
		return task("completed", result, null);
	}

	/**
	 * Creates a step that responds with 200 with a {@code failed} task without an
	 * {@code error} object, which Stream sends for some failures.
	 * @return the step
	 */
	public static TaskStep failed() {
		return status("failed");
	}

	/**
	 * Creates a step that responds with 200 with a {@code failed} task and an
	 * {@code error} object with the given fields.
	 * @param type the {@code error.type} field
	 * @param description the {@code error.description} field
	 * @param stacktrace the {@code error.stacktrace} field
	 * @param version the {@code error.version} field
	 * @return the step
	 */
	public static TaskStep failed(String type, String description, String stacktrace, String version) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("type", type);
		error.put("description", description);
		error.put("stacktrace", stacktrace);
		error.put("version", version);
		return task("failed", null, error);
	}

	/**
	 * Creates a step that responds with 200 with the task JSON built from the given
	 * fields.
	 * @param status the {@code status} field
	 * @param result the {@code result} object, or {@code null} to omit it
	 * @param error the {@code error} object, or {@code null} to omit it
	 * @return the step
	 */
	public static TaskStep task(String status, @Nullable Map<String, ?> result, @Nullable Map<String, ?> error) {
		Objects.requireNonNull(status, "'status' must not be null");
		return of(new TaskResponse(status, copy(result), copy(error)));
	}

	/**
	 * Creates a step that responds with Stream's JSON error body and the Stream error
	 * code that usually comes with the HTTP status. The codes are 4 for 400, 5 for 401,
	 * 17 for 403, 16 for 404, 23 for 408, 22 for 413, 9 for 429, 24 for 431 and -1 for
	 * any other status.
	 * @param httpStatus the HTTP status code, 400 to 599
	 * @return the step
	 */
	public static TaskStep error(int httpStatus) {
		return error(httpStatus, defaultCode(httpStatus), defaultMessage(httpStatus));
	}

	/**
	 * Creates a step that responds with Stream's JSON error body.
	 * @param httpStatus the HTTP status code, 400 to 599
	 * @param code the Stream error code
	 * @param message the {@code message} field, sent verbatim
	 * @return the step
	 */
	public static TaskStep error(int httpStatus, int code, String message) {
		return error(httpStatus, code, message, Map.of());
	}

	/**
	 * Creates a step that responds with Stream's JSON error body including
	 * {@code exception_fields}.
	 * @param httpStatus the HTTP status code, 400 to 599
	 * @param code the Stream error code
	 * @param message the {@code message} field, sent verbatim
	 * @param exceptionFields the {@code exception_fields} object, omitted when empty
	 * @return the step
	 */
	public static TaskStep error(int httpStatus, int code, String message, Map<String, String> exceptionFields) {
		return errorStep(httpStatus, code, message, exceptionFields, false);
	}

	/**
	 * Creates a step that responds with Stream's JSON error body carrying
	 * {@code "unrecoverable": true}, so that clients do not retry.
	 * @param httpStatus the HTTP status code, 400 to 599
	 * @param code the Stream error code
	 * @param message the {@code message} field, sent verbatim
	 * @return the step
	 */
	public static TaskStep unrecoverableError(int httpStatus, int code, String message) {
		return errorStep(httpStatus, code, message, Map.of(), true);
	}

	private static TaskStep errorStep(int httpStatus, int code, String message, Map<String, String> exceptionFields,
			boolean unrecoverable) {
		checkErrorStatus(httpStatus);
		Objects.requireNonNull(message, "'message' must not be null");
		Map<String, String> fields = Collections.unmodifiableMap(new LinkedHashMap<>(exceptionFields));
		return of(new ErrorResponse(httpStatus, code, message, fields, unrecoverable));
	}

	/**
	 * Creates a step that responds with 429 with code 9 and {@code Retry-After} in whole
	 * seconds (rounded up). {@code X-RateLimit-Remaining} is 0 and
	 * {@code X-RateLimit-Reset} is the second the request arrived plus that delay.
	 * @param retryAfter the delay sent in {@code Retry-After}
	 * @return the step
	 */
	public static TaskStep rateLimited(Duration retryAfter) {
		checkNotNegative(retryAfter, "retryAfter");
		return of(new RateLimitResponse(retryAfter, null, null));
	}

	/**
	 * Creates a step that responds with 429 with code 9 and {@code Retry-After} as an
	 * HTTP date (RFC 9110 IMF-fixdate, whole seconds). {@code X-RateLimit-Reset} is that
	 * instant.
	 * @param retryAfterDate the instant sent in {@code Retry-After}
	 * @return the step
	 */
	public static TaskStep rateLimitedUntil(Instant retryAfterDate) {
		Objects.requireNonNull(retryAfterDate, "'retryAfterDate' must not be null");
		return of(new RateLimitResponse(null, retryAfterDate, null));
	}

	/**
	 * Creates a step that responds with 429 with code 9, no {@code Retry-After}, and only
	 * {@code X-RateLimit-Reset} to say when the window reopens.
	 * @param resetEpochSecond the {@code X-RateLimit-Reset} value in seconds since the
	 * Unix epoch
	 * @return the step
	 */
	public static TaskStep rateLimitedWithReset(long resetEpochSecond) {
		return of(new RateLimitResponse(null, null, resetEpochSecond));
	}

	/**
	 * Creates a step that responds with the given body exactly as written, for example
	 * the {@code text/plain} 504 or the HTML 502 that gateways in front of Stream send.
	 * Use {@link #withHeader(String, String)} to add headers.
	 * @param httpStatus the HTTP status code
	 * @param contentType the {@code Content-Type} header
	 * @param body the body text, sent as UTF-8
	 * @return the step
	 */
	public static TaskStep raw(int httpStatus, String contentType, String body) {
		if (httpStatus < 200 || httpStatus > 599) {
			throw new IllegalArgumentException("'httpStatus' must be between 200 and 599, but was " + httpStatus);
		}
		Objects.requireNonNull(contentType, "'contentType' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		return of(new RawResponse(httpStatus, contentType, body));
	}

	/**
	 * Creates a step that reads the request and never responds. The handler waits until
	 * the emulator closes, so the client sees only its own timeout. Other tasks are
	 * served meanwhile.
	 * <p>
	 * NOTE: The JDK {@code HttpServer} does not report a client that gives up, so each
	 * hanging request occupies one emulator thread until {@link StreamEmulator#close()}.
	 * @return the step
	 */
	public static TaskStep hang() {
		return of(new Hang());
	}

	/**
	 * Creates a step that reads the request and closes the connection without sending any
	 * response bytes. The JDK {@code HttpClient} then fails with
	 * {@code IOException: HTTP/1.1 header parser received no bytes} and
	 * {@code HttpURLConnection} with {@code SocketException: Unexpected end of file from
	 * server}.
	 * <p>
	 * NOTE: On JDK 17 both JDK clients resend a GET once on their own after such a drop,
	 * even on a new connection, and the resend consumes the next step. OkHttp 4.12
	 * resends only on a reused connection. Use {@code dropConnection().times(2)} when the
	 * caller must see the failure.
	 * @return the step
	 */
	public static TaskStep dropConnection() {
		return of(new DropConnection());
	}

	/**
	 * Creates a copy of the given step that waits before responding.
	 * @param delay the time to wait after reading the request
	 * @param step the step to delay
	 * @return the delayed step
	 */
	public static TaskStep delayed(Duration delay, TaskStep step) {
		return step.after(delay);
	}

	/**
	 * Returns a copy of this step that waits the given time after reading the request and
	 * before acting. The wait blocks only this request's thread.
	 * @param delay the time to wait
	 * @return the delayed step
	 */
	public TaskStep after(Duration delay) {
		checkNotNegative(delay, "delay");
		return new TaskStep(this.action, delay, this.times, this.headers);
	}

	/**
	 * Returns a copy of this step that is used for the given number of consecutive GETs
	 * before the script moves on. The last step of a script repeats forever whatever its
	 * count.
	 * @param times the number of GETs, at least 1
	 * @return the repeated step
	 */
	public TaskStep times(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("'times' must be at least 1, but was " + times);
		}
		return new TaskStep(this.action, this.delay, times, this.headers);
	}

	/**
	 * Returns a copy of this step that also sends the given response header. It replaces
	 * a header of the same name that the emulator would send, such as
	 * {@code X-RateLimit-Remaining}.
	 * @param name the header name
	 * @param value the header value
	 * @return the step with the header
	 */
	public TaskStep withHeader(String name, String value) {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new TaskStep(this.action, this.delay, this.times, Collections.unmodifiableMap(headers));
	}

	StepAction action() {
		return this.action;
	}

	Duration delay() {
		return this.delay;
	}

	int repeatCount() {
		return this.times;
	}

	Map<String, String> headers() {
		return this.headers;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.action.toString());
		if (!this.delay.isZero()) {
			text.append(" after ").append(this.delay);
		}
		if (this.times > 1) {
			text.append(" x").append(this.times);
		}
		if (!this.headers.isEmpty()) {
			text.append(" with headers ").append(this.headers);
		}
		return text.toString();
	}

	private static @Nullable Map<String, Object> copy(@Nullable Map<String, ?> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : null;
	}

	private static void checkErrorStatus(int httpStatus) {
		if (httpStatus < 400 || httpStatus > 599) {
			throw new IllegalArgumentException("'httpStatus' must be between 400 and 599, but was " + httpStatus);
		}
	}

	private static void checkNotNegative(Duration duration, String name) {
		Objects.requireNonNull(duration, () -> "'" + name + "' must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("'" + name + "' must not be negative, but was " + duration);
		}
	}

	static int defaultCode(int httpStatus) {
		return switch (httpStatus) {
			case 400 -> 4;
			case 401 -> 5;
			case 403 -> 17;
			case 404 -> 16;
			case 408 -> 23;
			case 413 -> 22;
			case 429 -> 9;
			case 431 -> 24;
			default -> -1;
		};
	}

	private static String defaultMessage(int httpStatus) {
		checkErrorStatus(httpStatus);
		if (httpStatus == 404) {
			return NOT_FOUND_MESSAGE;
		}
		if (httpStatus == 429) {
			return StreamResponses.rateLimitedMessage(Route.GET_TASK.operation());
		}
		String reason = switch (httpStatus) {
			case 400 -> "invalid request";
			case 401 -> "JWTAuth error: token is not valid";
			case 403 -> "not allowed to perform action GetTask";
			case 408 -> "request timed out";
			case 413 -> "request body too large";
			case 431 -> "request headers too large";
			case 503 -> "service unavailable";
			default -> "internal error " + httpStatus;
		};
		return String.format(Locale.ROOT, "GetTask failed with error: \"%s\"", reason);
	}

}
