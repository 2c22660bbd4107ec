package io.getstream.spring.tasks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamRateLimitException;
import io.getstream.spring.StreamTransportException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Turns HTTP error responses and I/O failures into the library's typed exceptions.
 */
final class ErrorResponses {

	static final int BODY_EXCERPT_LENGTH = 512;

	private static final int MESSAGE_EXCERPT_LENGTH = 120;

	private ErrorResponses() {
	}

	/**
	 * Builds the exception for a non-2xx response, or for a 2xx response whose body is
	 * not a task.
	 */
	static StreamApiException apiException(String taskId, int statusCode, HttpHeaders headers, byte[] body) {
		String bodyText = new String(body, StandardCharsets.UTF_8);
		String excerpt = excerpt(bodyText, BODY_EXCERPT_LENGTH);
		Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), Instant.now());
		if (statusCode >= 200 && statusCode <= 299) {
			String message = "Stream responded to GET /api/v2/tasks/{id} for task '%s' with HTTP %d and a body that is not a task (%s): %s"
				.formatted(taskId, statusCode, contentType(headers), excerpt(bodyText, MESSAGE_EXCERPT_LENGTH));
			return create(statusCode, null, message, null, Map.of(), false, excerpt, retryAfter, headers);
		}
		JsonNode json = TaskJsonReader.readObject(body);
		if (json == null) {
			String contentType = contentType(headers);
			String message = "Stream responded to GET /api/v2/tasks/{id} for task '%s' with HTTP %d and a body that is not a Stream error (%s): %s"
				.formatted(taskId, statusCode, contentType, excerpt(bodyText, MESSAGE_EXCERPT_LENGTH));
			return create(statusCode, null, message, null, Map.of(), false, excerpt, retryAfter, headers);
		}
		Integer code = TaskJsonReader.integer(json, "code");
		String serverMessage = TaskJsonReader.textOrEmpty(json, "message");
		String message = "Stream responded to GET /api/v2/tasks/{id} for task '%s' with HTTP %d%s: %s".formatted(taskId,
				statusCode, (code != null) ? " (code " + code + ")" : "",
				serverMessage.isEmpty() ? excerpt(bodyText, MESSAGE_EXCERPT_LENGTH) : serverMessage);
		JsonNode unrecoverable = json.get("unrecoverable");
		return create(statusCode, code, message, TaskJsonReader.text(json, "more_info"),
				TaskJsonReader.stringMap(json.get("exception_fields")),
				unrecoverable != null && unrecoverable.asBoolean(false), excerpt, retryAfter, headers);
	}

	private static StreamApiException create(int statusCode, @Nullable Integer code, String message,
			@Nullable String moreInfo, Map<String, String> exceptionFields, boolean unrecoverable, String excerpt,
			@Nullable Duration retryAfter, HttpHeaders headers) {
		if (statusCode == 429) {
			return new StreamRateLimitException(code, message, moreInfo, exceptionFields, unrecoverable, excerpt,
					retryAfter, rateLimitReset(headers.getFirst("X-RateLimit-Reset")));
		}
		return new StreamApiException(statusCode, code, message, moreInfo, exceptionFields, unrecoverable, excerpt,
				retryAfter);
	}

	/**
	 * Builds the exception for a request that got no usable response. The message names
	 * the path template, never the full URL, which carries the API key.
	 */
	static StreamTransportException transportException(String taskId, IOException failure) {
		String errorType = transportErrorType(failure);
		String message = "GET /api/v2/tasks/{id} for task '%s' failed with %s (%s)".formatted(taskId,
				errorType.replace('_', ' '), failure.getClass().getSimpleName());
		return new StreamTransportException(errorType, message, failure);
	}

	static String transportErrorType(IOException failure) {
		if (failure instanceof UnknownHostException) {
			return StreamTransportException.DNS_FAILURE;
		}
		if (failure instanceof SSLException) {
			return StreamTransportException.TLS_HANDSHAKE_FAILED;
		}
		if (failure instanceof ConnectException) {
			return StreamTransportException.CONNECTION_REFUSED;
		}
		if (failure instanceof InterruptedIOException) {
			return StreamTransportException.REQUEST_TIMEOUT;
		}
		if (failure instanceof SocketException || failure instanceof EOFException || isConnectionClosed(failure)) {
			return StreamTransportException.CONNECTION_RESET;
		}
		return StreamTransportException.UNKNOWN;
	}

	// Apache HttpClient reports a connection closed before the response with its own
	// types; they are matched by name because HttpClient is an optional dependency.
	private static boolean isConnectionClosed(IOException failure) {
		String name = failure.getClass().getName();
		return name.equals("org.apache.hc.core5.http.NoHttpResponseException")
				|| name.equals("org.apache.hc.core5.http.ConnectionClosedException")
				|| name.equals("org.apache.hc.core5.http.MalformedChunkCodingException");
	}

	/**
	 * Reads a {@code Retry-After} value given in seconds or as an HTTP date. Duplicated,
	 * comma-joined values use the first one.
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
		String first = firstValue(value);
		if (first == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(first);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			// An HTTP date, tried below.
		}
		try {
			Instant until = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, until);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Reads an {@code X-RateLimit-Reset} value in Unix seconds. Duplicated, comma-joined
	 * values use the first one.
	 */
	static @Nullable Instant rateLimitReset(@Nullable String value) {
		String first = firstValue(value);
		if (first == null) {
			return null;
		}
		try {
			return Instant.ofEpochSecond(Long.parseLong(first));
		}
		catch (NumberFormatException | DateTimeException ex) {
			return null;
		}
	}

	private static @Nullable String firstValue(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		// HTTP dates contain a comma after the day name, so only numbers are split.
		String trimmed = value.trim();
		int comma = trimmed.indexOf(',');
		if (comma > 0 && trimmed.substring(0, comma).trim().chars().allMatch(Character::isDigit)) {
			return trimmed.substring(0, comma).trim();
		}
		return trimmed;
	}

	private static String contentType(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		return (contentType != null) ? contentType : "no content type";
	}

	static String excerpt(String text, int maxLength) {
		String singleLine = text.strip().replaceAll("\\s+", " ");
		return (singleLine.length() <= maxLength) ? singleLine : singleLine.substring(0, maxLength) + "...";
	}

}
