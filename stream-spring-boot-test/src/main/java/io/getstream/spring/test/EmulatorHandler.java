package io.getstream.spring.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.getstream.spring.test.Route.Match;

/**
 * Entry point for every request: records it, counts it against the endpoint's rate limit
 * window, authenticates it and hands it to the endpoint.
 */
final class EmulatorHandler implements HttpHandler {

	private static final Log logger = LogFactory.getLog(EmulatorHandler.class);

	private static final String UNMATCHED_ENDPOINT = "Unmatched";

	private final RequestLog requestLog;

	private final RateLimiter rateLimiter;

	private final TokenVerifier tokenVerifier;

	private final TaskEndpoint taskEndpoint;

	private final TaskStarter taskStarter;

	private final Map<String, String> exports;

	private final StreamResponses responses;

	EmulatorHandler(RequestLog requestLog, RateLimiter rateLimiter, TokenVerifier tokenVerifier,
			TaskEndpoint taskEndpoint, TaskStarter taskStarter, Map<String, String> exports,
			StreamResponses responses) {
		this.requestLog = requestLog;
		this.rateLimiter = rateLimiter;
		this.tokenVerifier = tokenVerifier;
		this.taskEndpoint = taskEndpoint;
		this.taskStarter = taskStarter;
		this.exports = exports;
		this.responses = responses;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		long startNanos = System.nanoTime();
		Instant now = Instant.now();
		try {
			RecordedRequest request = record(exchange, now, startNanos);
			if (logger.isDebugEnabled()) {
				logger.debug("Received " + request.method() + " " + request.rawPath());
			}
			dispatch(exchange, request, now, startNanos);
		}
		catch (StreamApiException ex) {
			sendError(exchange, ex, startNanos);
		}
		catch (IOException ex) {
			logger.debug("Failed to send a response because the client closed the connection", ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Failed to handle " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
					+ ", responding with 500", ex);
			sendError(exchange, new StreamApiException(500, -1, "Emulator error: " + ex), startNanos);
		}
		finally {
			// Dropped connections and hangs end here: closing an exchange that has
			// not sent a response closes the connection without any response bytes.
			exchange.close();
		}
	}

	private void dispatch(HttpExchange exchange, RecordedRequest request, Instant now, long startNanos)
			throws IOException {
		Match match = Route.match(request.method(), request.rawPath());
		if (match != null && !match.route().requiresAuthentication()) {
			sendExport(exchange, match, startNanos);
			return;
		}
		String endpoint = (match != null) ? match.route().operation() : UNMATCHED_ENDPOINT;
		RateLimiter.Usage usage = this.rateLimiter.acquire(endpoint, now);
		setRateLimitHeaders(exchange.getResponseHeaders(), usage);
		if (usage.exceeded()) {
			exchange.getResponseHeaders().set("Retry-After", Long.toString(usage.retryAfterSeconds()));
			throw new StreamApiException(429, 9, StreamResponses.rateLimitedMessage(endpoint));
		}
		if (match == null) {
			throw new StreamApiException(404, 16,
					"Not found: no endpoint serves " + request.method() + " " + request.path());
		}
		authenticate(request, match.route(), now);
		if (match.route() == Route.GET_TASK) {
			this.taskEndpoint.get(exchange, Objects.requireNonNull(match.id()), match.unified(), now, startNanos);
			return;
		}
		String taskId = this.taskStarter.start(match.route(), request.body(), now);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("task_id", taskId);
		body.put("duration", StreamResponses.duration(startNanos));
		this.responses.sendJson(exchange, 200, body);
	}

	private void sendError(HttpExchange exchange, StreamApiException error, long startNanos) {
		try {
			this.responses.sendError(exchange, error, startNanos);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Failed to send the " + error.httpStatus() + " response", ex);
		}
	}

	private void authenticate(RecordedRequest request, Route route, Instant now) {
		TokenVerifier.Failure failure = this.tokenVerifier.verify(request.queryParameter("api_key"),
				request.header("stream-auth-type"), request.header("authorization"), now);
		if (failure != null) {
			throw new StreamApiException(401, failure.code(),
					route.operation() + " failed with error: \"" + failure.detail() + "\"");
		}
	}

	private void sendExport(HttpExchange exchange, Match match, long startNanos) throws IOException {
		String id = match.id();
		String content = (id != null && id.endsWith(".json")) ? this.exports.get(id.substring(0, id.length() - 5))
				: null;
		if (content == null) {
			throw new StreamApiException(404, 16, "GetExportFile failed with error: \"export file not found\"");
		}
		StreamResponses.sendText(exchange, 200, StreamResponses.JSON_CONTENT_TYPE, content, Map.of());
	}

	// NOTE: The JDK 17 HttpServer sends header names in its own case, such as
	// X-ratelimit-limit, while Stream sends X-Ratelimit-Limit. Clients must match names
	// case-insensitively, as HTTP requires.
	private static void setRateLimitHeaders(Headers headers, RateLimiter.Usage usage) {
		headers.set("X-RateLimit-Limit", Integer.toString(usage.limit()));
		headers.set("X-RateLimit-Remaining", Integer.toString(usage.remaining()));
		headers.set("X-RateLimit-Reset", Long.toString(usage.resetEpochSecond()));
	}

	private RecordedRequest record(HttpExchange exchange, Instant now, long startNanos) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8), now, startNanos);
		this.requestLog.add(request);
		return request;
	}

}
