package io.getstream.spring.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

import io.getstream.spring.test.StepAction.TaskResponse;

/**
 * Bodies and headers in the shape Stream sends them.
 */
final class StreamResponses {

	static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

	private static final String MORE_INFO = "https://getstream.io/chat/docs/api_errors_response";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final JsonMapper jsonMapper;

	StreamResponses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Builds the GetTask body. Timestamps are integer nanoseconds since the epoch on the
	 * unified API and RFC 3339 text on the legacy chat API, as Stream sends them.
	 * @param taskId the task id
	 * @param task the status, result and error to send
	 * @param createdAt the {@code created_at} time
	 * @param updatedAt the {@code updated_at} time
	 * @param unified whether the request used the unified {@code /api/v2} path
	 * @param startNanos the {@link System#nanoTime()} when the request arrived
	 * @return the body fields in Stream's order
	 */
	Map<String, Object> taskBody(String taskId, TaskResponse task, Instant createdAt, Instant updatedAt,
			boolean unified, long startNanos) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("task_id", taskId);
		body.put("status", task.status());
		body.put("created_at", timestamp(createdAt, unified));
		body.put("updated_at", timestamp(updatedAt, unified));
		if (task.result() != null) {
			body.put("result", task.result());
		}
		if (task.error() != null) {
			body.put("error", task.error());
		}
		body.put("duration", duration(startNanos));
		return body;
	}

	/**
	 * Builds Stream's error body.
	 * @param httpStatus the HTTP status, repeated in {@code StatusCode}
	 * @param code the Stream error code
	 * @param message the message
	 * @param exceptionFields the {@code exception_fields} object, omitted when empty
	 * @param unrecoverable whether to add {@code "unrecoverable": true}
	 * @param startNanos the {@link System#nanoTime()} when the request arrived
	 * @return the body fields in Stream's order
	 */
	Map<String, Object> errorBody(int httpStatus, int code, String message, Map<String, String> exceptionFields,
			boolean unrecoverable, long startNanos) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("message", message);
		if (!exceptionFields.isEmpty()) {
			body.put("exception_fields", exceptionFields);
		}
		body.put("StatusCode", httpStatus);
		body.put("duration", duration(startNanos));
		body.put("more_info", MORE_INFO);
		body.put("details", List.of());
		if (unrecoverable) {
			body.put("unrecoverable", true);
		}
		return body;
	}

	void sendError(HttpExchange exchange, StreamApiException ex, long startNanos) throws IOException {
		sendJson(exchange, ex.httpStatus(),
				errorBody(ex.httpStatus(), ex.code(), ex.getMessage(), ex.exceptionFields(), false, startNanos));
	}

	void sendJson(HttpExchange exchange, int httpStatus, Object body) throws IOException {
		sendJson(exchange, httpStatus, body, Map.of());
	}

	void sendJson(HttpExchange exchange, int httpStatus, Object body, Map<String, String> headers) throws IOException {
		send(exchange, httpStatus, JSON_CONTENT_TYPE, this.jsonMapper.writeValueAsBytes(body), headers);
	}

	/**
	 * Sends a complete response.
	 * @param exchange the exchange to respond to
	 * @param httpStatus the HTTP status
	 * @param contentType the {@code Content-Type} header
	 * @param body the body bytes, possibly empty
	 * @param headers headers that replace any of the same name set so far, including
	 * {@code Content-Type}
	 * @throws IOException if the client has gone away
	 */
	static void send(HttpExchange exchange, int httpStatus, String contentType, byte[] body,
			Map<String, String> headers) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		headers.forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(httpStatus, (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	static void sendText(HttpExchange exchange, int httpStatus, String contentType, String body,
			Map<String, String> headers) throws IOException {
		send(exchange, httpStatus, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	/**
	 * Returns Stream's message for a request over the rate limit.
	 * @param operation the operation name, such as {@code GetTask}
	 * @return the message
	 */
	static String rateLimitedMessage(String operation) {
		return operation + " failed with error: \"Too many requests, check response headers for more information.\"";
	}

	/**
	 * Formats the server time of a request the way Stream's {@code duration} field does,
	 * such as {@code "0.42ms"}.
	 * @param startNanos the {@link System#nanoTime()} when the request arrived
	 * @return the formatted duration
	 */
	static String duration(long startNanos) {
		return String.format(Locale.ROOT, "%.2fms", (System.nanoTime() - startNanos) / 1_000_000.0);
	}

	static String httpDate(Instant instant) {
		return HTTP_DATE.format(instant);
	}

	static long epochNanos(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
	}

	private static Object timestamp(Instant instant, boolean unified) {
		return unified ? epochNanos(instant) : DateTimeFormatter.ISO_INSTANT.format(instant);
	}

}
