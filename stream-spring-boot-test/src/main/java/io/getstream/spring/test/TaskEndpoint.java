package io.getstream.spring.test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

import io.getstream.spring.test.EmulatedTask.Poll;
import io.getstream.spring.test.StepAction.DropConnection;
import io.getstream.spring.test.StepAction.ErrorResponse;
import io.getstream.spring.test.StepAction.Hang;
import io.getstream.spring.test.StepAction.RateLimitResponse;
import io.getstream.spring.test.StepAction.RawResponse;
import io.getstream.spring.test.StepAction.TaskResponse;

/**
 * GetTask endpoint: performs the next step of the requested task.
 */
final class TaskEndpoint {

	private final Map<String, EmulatedTask> tasks;

	private final StreamResponses responses;

	private final CountDownLatch closed;

	TaskEndpoint(Map<String, EmulatedTask> tasks, StreamResponses responses, CountDownLatch closed) {
		this.tasks = tasks;
		this.responses = responses;
		this.closed = closed;
	}

	/**
	 * Responds to one GET of a task. Returns without sending anything when the step drops
	 * the connection or hangs, or when the emulator closes during a delay, so that the
	 * caller's {@link HttpExchange#close()} closes the connection with no response.
	 * @param exchange the exchange
	 * @param taskId the decoded task id
	 * @param unified whether the request used the unified {@code /api/v2} path
	 * @param now the time the request arrived
	 * @param startNanos the {@link System#nanoTime()} when the request arrived
	 * @throws IOException if the client has gone away
	 */
	void get(HttpExchange exchange, String taskId, boolean unified, Instant now, long startNanos) throws IOException {
		EmulatedTask task = this.tasks.get(taskId);
		if (task == null) {
			throw new StreamApiException(404, 16, "GetTask failed with error: \"task not found\"");
		}
		Poll poll = task.poll(now);
		TaskStep step = poll.step();
		if (!step.delay().isZero() && awaitClose(step.delay())) {
			return;
		}
		StepAction action = step.action();
		if (action instanceof TaskResponse taskResponse) {
			Map<String, Object> body = this.responses.taskBody(taskId, taskResponse, poll.createdAt(), poll.updatedAt(),
					unified, startNanos);
			this.responses.sendJson(exchange, 200, body, step.headers());
		}
		else if (action instanceof ErrorResponse error) {
			Map<String, Object> body = this.responses.errorBody(error.httpStatus(), error.code(), error.message(),
					error.exceptionFields(), error.unrecoverable(), startNanos);
			this.responses.sendJson(exchange, error.httpStatus(), body, step.headers());
		}
		else if (action instanceof RateLimitResponse rateLimit) {
			setRateLimitHeaders(exchange.getResponseHeaders(), rateLimit, now);
			Map<String, Object> body = this.responses.errorBody(429, 9,
					StreamResponses.rateLimitedMessage(Route.GET_TASK.operation()), Map.of(), false, startNanos);
			this.responses.sendJson(exchange, 429, body, step.headers());
		}
		else if (action instanceof RawResponse raw) {
			StreamResponses.sendText(exchange, raw.httpStatus(), raw.contentType(), raw.body(), step.headers());
		}
		else if (action instanceof Hang) {
			awaitClose(null);
		}
		else if (!(action instanceof DropConnection)) {
			throw new IllegalStateException("Unsupported step " + step);
		}
	}

	private static void setRateLimitHeaders(Headers headers, RateLimitResponse rateLimit, Instant now) {
		headers.set("X-RateLimit-Remaining", "0");
		Duration retryAfter = rateLimit.retryAfter();
		Instant retryAfterDate = rateLimit.retryAfterDate();
		Long resetEpochSecond = rateLimit.resetEpochSecond();
		if (retryAfter != null) {
			long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
			headers.set("Retry-After", Long.toString(seconds));
			headers.set("X-RateLimit-Reset", Long.toString(now.getEpochSecond() + seconds));
		}
		if (retryAfterDate != null) {
			headers.set("Retry-After", StreamResponses.httpDate(retryAfterDate));
			headers.set("X-RateLimit-Reset", Long.toString(retryAfterDate.getEpochSecond()));
		}
		if (resetEpochSecond != null) {
			headers.set("X-RateLimit-Reset", Long.toString(resetEpochSecond));
		}
	}

	/**
	 * Waits until the emulator closes or the given time passes.
	 * @param timeout the longest wait, or {@code null} to wait until the emulator closes
	 * @return whether the emulator closed (or this thread was interrupted) during the
	 * wait
	 */
	private boolean awaitClose(@Nullable Duration timeout) {
		try {
			if (timeout == null) {
				this.closed.await();
				return true;
			}
			return this.closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

}
