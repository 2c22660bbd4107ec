package io.getstream.spring.tasks;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLHandshakeException;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamRateLimitException;
import io.getstream.spring.StreamTransportException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorResponses}.
 */
class ErrorResponsesTests {

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

	@Test
	void retryAfterReadsSeconds() {
		assertThat(ErrorResponses.retryAfter("3", NOW)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void retryAfterReadsHttpDate() {
		assertThat(ErrorResponses.retryAfter("Fri, 04 Dec 2026 10:00:02 GMT", NOW)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterInThePastIsZero() {
		assertThat(ErrorResponses.retryAfter("Fri, 04 Dec 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void retryAfterUsesFirstOfDuplicatedValues() {
		assertThat(ErrorResponses.retryAfter("2, 2", NOW)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterIgnoresGarbage() {
		assertThat(ErrorResponses.retryAfter("soon", NOW)).isNull();
		assertThat(ErrorResponses.retryAfter("-1", NOW)).isNull();
		assertThat(ErrorResponses.retryAfter(null, NOW)).isNull();
	}

	@Test
	void rateLimitResetReadsDuplicatedValues() {
		assertThat(ErrorResponses.rateLimitReset("1764842400, 1764842400"))
			.isEqualTo(Instant.ofEpochSecond(1764842400L));
		assertThat(ErrorResponses.rateLimitReset("x")).isNull();
	}

	@Test
	void apiExceptionReadsStreamErrorBody() {
		HttpHeaders headers = new HttpHeaders();
		String body = """
				{"code":4,"message":"GetTask failed with error: \\"bad id\\"","StatusCode":400,"duration":"0.1ms",
				 "more_info":"https://getstream.io/chat/docs/api_errors_response","details":[],
				 "exception_fields":{"id":"invalid"}}""";
		StreamApiException exception = ErrorResponses.apiException("t-1", 400, headers,
				body.getBytes(StandardCharsets.UTF_8));
		assertThat(exception).isExactlyInstanceOf(StreamApiException.class);
		assertThat(exception.getStatusCode()).isEqualTo(400);
		assertThat(exception.getCode()).isEqualTo(4);
		assertThat(exception.getMessage()).isEqualTo(
				"Stream responded to GET /api/v2/tasks/{id} for task 't-1' with HTTP 400 (code 4): GetTask failed with error: \"bad id\"");
		assertThat(exception.getMoreInfo()).isEqualTo("https://getstream.io/chat/docs/api_errors_response");
		assertThat(exception.getExceptionFields())
			.containsExactly(org.assertj.core.api.Assertions.entry("id", "invalid"));
		assertThat(exception.isUnrecoverable()).isFalse();
	}

	@Test
	void apiExceptionKeepsExcerptOfNonJsonBody() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "text/html");
		String body = "<html><body>" + "x".repeat(1000) + "</body></html>";
		StreamApiException exception = ErrorResponses.apiException("t-1", 502, headers,
				body.getBytes(StandardCharsets.UTF_8));
		assertThat(exception.getCode()).isNull();
		assertThat(exception.getRawResponseBody()).hasSize(ErrorResponses.BODY_EXCERPT_LENGTH + 3)
			.startsWith("<html><body>xxx");
		assertThat(exception.getMessage()).startsWith(
				"Stream responded to GET /api/v2/tasks/{id} for task 't-1' with HTTP 502 and a body that is not a Stream error (text/html): <html>");
	}

	@Test
	void apiExceptionForSuccessWithoutTaskSaysSo() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
		StreamApiException exception = ErrorResponses.apiException("t-1", 200, headers,
				"{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
		assertThat(exception.getStatusCode()).isEqualTo(200);
		assertThat(exception.getCode()).isNull();
		assertThat(exception.getMessage()).isEqualTo(
				"Stream responded to GET /api/v2/tasks/{id} for task 't-1' with HTTP 200 and a body that is not a task (application/json): {\"ok\":true}");
	}

	@Test
	void apiExceptionFor429IsRateLimitExceptionWithHints() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "7");
		headers.set("X-RateLimit-Reset", "1764842460");
		StreamApiException exception = ErrorResponses.apiException("t-1", 429, headers,
				"{\"code\":9,\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(exception).isInstanceOf(StreamRateLimitException.class);
		StreamRateLimitException rateLimit = (StreamRateLimitException) exception;
		assertThat(rateLimit.getCode()).isEqualTo(9);
		assertThat(rateLimit.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(rateLimit.getRateLimitReset()).isEqualTo(Instant.ofEpochSecond(1764842460L));
	}

	@Test
	void apiExceptionReadsUnrecoverableFlag() {
		StreamApiException exception = ErrorResponses.apiException("t-1", 503, new HttpHeaders(),
				"{\"code\":-1,\"message\":\"gone\",\"unrecoverable\":true}".getBytes(StandardCharsets.UTF_8));
		assertThat(exception.isUnrecoverable()).isTrue();
		assertThat(exception.getCode()).isEqualTo(-1);
	}

	@Test
	void transportErrorTypesFollowTheIoExceptionKind() {
		assertThat(type(new UnknownHostException("stream.invalid"))).isEqualTo(StreamTransportException.DNS_FAILURE);
		assertThat(type(new SSLHandshakeException("bad cert")))
			.isEqualTo(StreamTransportException.TLS_HANDSHAKE_FAILED);
		assertThat(type(new ConnectException("refused"))).isEqualTo(StreamTransportException.CONNECTION_REFUSED);
		assertThat(type(new SocketTimeoutException("read timed out")))
			.isEqualTo(StreamTransportException.REQUEST_TIMEOUT);
		assertThat(type(new SocketException("Connection reset"))).isEqualTo(StreamTransportException.CONNECTION_RESET);
		assertThat(type(new EOFException())).isEqualTo(StreamTransportException.CONNECTION_RESET);
		assertThat(type(new IOException("other"))).isEqualTo(StreamTransportException.UNKNOWN);
	}

	@Test
	void transportExceptionKeepsCauseAndNamesTask() {
		SocketException cause = new SocketException("Connection reset");
		StreamTransportException exception = ErrorResponses.transportException("t-9", cause);
		assertThat(exception.getCause()).isSameAs(cause);
		assertThat(exception.getErrorType()).isEqualTo(StreamTransportException.CONNECTION_RESET);
		assertThat(exception.getMessage())
			.isEqualTo("GET /api/v2/tasks/{id} for task 't-9' failed with connection reset (SocketException)");
	}

	private static String type(IOException failure) {
		return ErrorResponses.transportErrorType(failure);
	}

}
