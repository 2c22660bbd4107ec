package io.getstream.spring.sample;

import java.time.Duration;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamException;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the Stream exceptions of the sample's endpoints into RFC 9457 problem details:
 * <ul>
 * <li>a failed task: 502, with Stream's {@code errorType} and {@code description}.</li>
 * <li>a wait whose timeout passed: 504. The task may still be running on Stream.</li>
 * <li>Stream's HTTP 400 input error: 400, because the request's cids were invalid.</li>
 * <li>Stream's HTTP 429: 503, with Stream's {@code Retry-After} when it sent one.</li>
 * <li>any other Stream or transport error: 502.</li>
 * </ul>
 *
 * @author Stream Spring Boot contributors
 */
@RestControllerAdvice
class StreamExceptionHandler {

	private static final Log logger = LogFactory.getLog(StreamExceptionHandler.class);

	@ExceptionHandler
	ProblemDetail handleTaskFailure(StreamTaskException ex) {
		logger.warn("Stream task " + ex.getTaskId() + " failed: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Stream task failed");
		problem.setProperty("taskId", ex.getTaskId());
		problem.setProperty("errorType", ex.getErrorType());
		problem.setProperty("description", ex.getDescription());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail handleTransportFailure(StreamTransportException ex) {
		logger.warn("Call to Stream failed with error type '" + ex.getErrorType() + "': " + ex.getMessage());
		HttpStatus status = ex.isTimeout() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(ex.isTimeout() ? "Timed out waiting for Stream task" : "Stream unreachable");
		problem.setProperty("errorType", ex.getErrorType());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleApiError(StreamApiException ex) {
		logger.warn("Stream responded with HTTP " + ex.getStatusCode() + " with code " + ex.getCode() + ": "
				+ ex.getMessage());
		HttpStatus status = switch (ex.getStatusCode()) {
			case 400 -> HttpStatus.BAD_REQUEST;
			case 429 -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.BAD_GATEWAY;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle((status == HttpStatus.BAD_REQUEST) ? "Stream rejected the request" : "Stream error");
		problem.setProperty("streamStatus", ex.getStatusCode());
		problem.setProperty("streamCode", ex.getCode());
		HttpHeaders headers = new HttpHeaders();
		Duration retryAfter = ex.getRetryAfter();
		if (status == HttpStatus.SERVICE_UNAVAILABLE && retryAfter != null) {
			long seconds = (long) Math.ceil(retryAfter.toMillis() / 1000.0);
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
	}

	@ExceptionHandler
	ProblemDetail handleStreamError(StreamException ex) {
		logger.warn("Call to Stream failed: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Stream error");
		return problem;
	}

}
