package io.getstream.spring.tasks;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamRateLimitException;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.test.RecordedRequest;
import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault matrix: each server behaviour and the outcome a wait must end with, against the
 * Stream emulator on loopback.
 */
class TaskPollerFaultTests {

	/**
	 * How far past its timeout a wait may end.
	 */
	private static final long OVERSHOOT_MILLIS = 250;

	private static StreamEmulator emulator;

	@BeforeAll
	static void startEmulator() {
		emulator = StreamEmulator.start();
	}

	@AfterAll
	static void closeEmulator() {
		emulator.close();
	}

	private static void run(Consumer<EmulatorPollers.Fixture> test, String... properties) {
		EmulatorPollers.run(emulator, test, properties);
	}

	@Test
	void pendingTwiceThenCompletedReturnsLastSnapshotAfterThreeGets() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.status("pending"), TaskStep.status("pending"),
				TaskStep.completed(Map.of("url", "https://example.invalid/export.json"))));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(task.status()).isEqualTo("completed");
			assertThat(task.result()).isEqualTo(Map.of("url", "https://example.invalid/export.json"));
			assertThat(fixture.gets(taskId)).hasSize(3);
		});
	}

	@Test
	void errorStatusOnFirstAnswerFailsAfterOneGet() {
		String errorId = emulator.scriptTask(TaskScript.of(TaskStep.task("error", null,
				Map.of("type", "delete_failed", "description", "channel locked", "stacktrace", "", "version", "v1"))));
		String failedId = emulator.scriptTask(TaskScript.of(TaskStep.failed("export_failed", "quota", "trace", "v2")));
		run((fixture) -> {
			assertThatExceptionOfType(StreamTaskException.class).isThrownBy(() -> fixture.poller().waitForTask(errorId))
				.satisfies((ex) -> {
					assertThat(ex.getErrorType()).isEqualTo("delete_failed");
					assertThat(ex.getDescription()).isEqualTo("channel locked");
					assertThat(ex.getTask().status()).isEqualTo("error");
				});
			assertThatExceptionOfType(StreamTaskException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(failedId))
				.satisfies((ex) -> {
					assertThat(ex.getErrorType()).isEqualTo("export_failed");
					assertThat(ex.getDescription()).isEqualTo("quota");
				});
			assertThat(fixture.gets(errorId)).hasSize(1);
			assertThat(fixture.gets(failedId)).hasSize(1);
		});
	}

	@Test
	void pendingForeverTimesOutOnTime() {
		String taskId = emulator
			.scriptTask(TaskScript.of(TaskStep.delayed(Duration.ofMillis(20), TaskStep.status("pending"))));
		run((fixture) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(StreamTransportException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(1)))
				.satisfies((ex) -> {
					assertThat(ex.getErrorType()).isEqualTo("timeout");
					assertThat(ex.getMessage()).contains("waiting for Stream task '" + taskId + "'")
						.containsPattern("Timed out after \\d+ ms \\(timeout 1000 ms\\)")
						.containsPattern("after \\d+ polls; last status 'pending'")
						.contains("The task may still be running on the server.");
				});
			assertThat(EmulatorPollers.elapsedMillis(start)).isBetween(1000L, 1000L + OVERSHOOT_MILLIS);
			assertThat(fixture.gets(taskId)).hasSizeBetween(8, 11);
			assertThat(fixture.waits("timeout")).isEqualTo(1);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "simple" })
	void serverThatNeverAnswersTimesOutOnTime(String requestFactory) {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		run((fixture) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(StreamTransportException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(1)))
				.satisfies((ex) -> assertThat(ex.getErrorType()).isEqualTo("timeout"));
			assertThat(EmulatorPollers.elapsedMillis(start)).isBetween(1000L, 1000L + OVERSHOOT_MILLIS);
		}, "stream.http.request-factory=" + requestFactory);
	}

	@Test
	void asyncWaitOnServerThatNeverAnswersTimesOutOnTime() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		run((fixture) -> {
			long start = System.nanoTime();
			CompletableFuture<Task> future = fixture.poller()
				.waitForTaskAsync(taskId, Duration.ofMillis(100), Duration.ofSeconds(1));
			assertThat(future).failsWithin(Duration.ofSeconds(2))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.isInstanceOf(StreamTransportException.class);
			assertThat(EmulatorPollers.elapsedMillis(start)).isBetween(1000L, 1000L + OVERSHOOT_MILLIS);
		});
	}

	@Test
	void retryAfterIsHonouredBeforeEachRetry() {
		String taskId = emulator
			.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(1)).times(2), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			assertThat(task.isCompleted()).isTrue();
			List<RecordedRequest> gets = fixture.gets(taskId);
			assertThat(gets).hasSize(3);
			assertThat(DefaultTaskPollerTests.gapsMillis(gets))
				.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(990));
			assertThat(fixture.retries("rate_limited")).isEqualTo(2.0);
		});
	}

	@Test
	void retryAfterHttpDateIsHonoured() {
		Instant until = Instant.now().plusSeconds(2);
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.rateLimitedUntil(until), TaskStep.completed()));
		run((fixture) -> {
			fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			List<RecordedRequest> gets = fixture.gets(taskId);
			assertThat(gets).hasSize(2);
			// HTTP dates have whole seconds, so the retry comes at the start of that
			// second.
			assertThat(gets.get(1).receivedAt())
				.isAfterOrEqualTo(until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		});
	}

	@Test
	void rateLimitResetIsHonouredWithoutRetryAfter() {
		long reset = Instant.now().getEpochSecond() + 2;
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.rateLimitedWithReset(reset), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			assertThat(task.isCompleted()).isTrue();
			List<RecordedRequest> gets = fixture.gets(taskId);
			assertThat(gets).hasSize(2);
			assertThat(gets.get(1).receivedAt()).isAfterOrEqualTo(Instant.ofEpochSecond(reset));
		});
	}

	@Test
	void serverRetryHintIsClampedToMaxBackoff() {
		String taskId = emulator
			.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(60)), TaskStep.completed()));
		run((fixture) -> {
			long start = System.nanoTime();
			fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			assertThat(EmulatorPollers.elapsedMillis(start)).isLessThan(5000);
			assertThat(DefaultTaskPollerTests.gapsMillis(fixture.gets(taskId)).get(0)).isGreaterThanOrEqualTo(490);
		}, "stream.tasks.max-backoff=500ms", "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void rateLimitLongerThanDeadlineTimesOutWithRateLimitCause() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(1))));
		run((fixture) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(StreamTransportException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofMillis(1500)))
				.satisfies((ex) -> {
					assertThat(ex.getErrorType()).isEqualTo("timeout");
					assertThat(ex.getMessage()).contains("last failed request: rate limited (HTTP 429)");
					assertThat(ex.getCause()).isInstanceOf(StreamRateLimitException.class);
					assertThat(((StreamRateLimitException) ex.getCause()).getCode()).isEqualTo(9);
				});
			assertThat(EmulatorPollers.elapsedMillis(start)).isBetween(1500L, 1500L + OVERSHOOT_MILLIS);
			assertThat(fixture.gets(taskId)).hasSize(2);
		});
	}

	@Test
	void unavailableLongerThanDeadlineTimesOutWithServerErrorCause() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(503, -1, "service unavailable")));
		run((fixture) -> assertThatExceptionOfType(StreamTransportException.class)
			.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorType()).isEqualTo("timeout");
				assertThat(ex.getMessage()).contains("last failed request: service unavailable (HTTP 503)");
				assertThat(ex.getCause()).isInstanceOf(StreamApiException.class);
				assertThat(((StreamApiException) ex.getCause()).getStatusCode()).isEqualTo(503);
			}), "stream.tasks.initial-backoff=400ms", "stream.tasks.max-retries=10");
	}

	@Test
	void gatewayTimeoutWithPlainTextBodyIsRetried() {
		String taskId = emulator.scriptTask(
				TaskScript.of(TaskStep.raw(504, "text/plain", "upstream request timeout"), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(task.isCompleted()).isTrue();
			assertThat(fixture.gets(taskId)).hasSize(2);
		}, "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void persistentGatewayTimeoutFailsWithStatusAndBodyExcerpt() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.raw(504, "text/plain", "upstream request timeout")));
		run((fixture) -> {
			assertThatExceptionOfType(StreamApiException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10)))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(504);
					assertThat(ex.getCode()).isNull();
					assertThat(ex.getRawResponseBody()).isEqualTo("upstream request timeout");
					assertThat(ex.getMessage()).endsWith(
							"with HTTP 504 and a body that is not a Stream error (text/plain): upstream request timeout");
				});
			assertThat(fixture.gets(taskId)).hasSize(3);
		}, "stream.tasks.initial-backoff=100ms", "stream.tasks.max-retries=2");
	}

	@Test
	void clientErrorsFailAfterOneGet() {
		assertFailsAtOnce(TaskStep.error(400, 4, "GetTask failed with error: \"invalid task id\""), 400, 4,
				"GetTask failed with error: \"invalid task id\"");
		assertFailsAtOnce(TaskStep.error(401, 5, "auth failed"), 401, 5, "auth failed");
		assertFailsAtOnce(TaskStep.error(403, 17, "not allowed"), 403, 17, "not allowed");
		assertFailsAtOnce(TaskStep.error(404, 16, "task not found"), 404, 16, "task not found");
		assertFailsAtOnce(TaskStep.unrecoverableError(503, -1, "app suspended"), 503, -1, "app suspended");
	}

	private void assertFailsAtOnce(TaskStep step, int status, int code, String serverMessage) {
		String taskId = emulator.scriptTask(TaskScript.of(step, TaskStep.completed()));
		run((fixture) -> {
			assertThatExceptionOfType(StreamApiException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5)))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode()).isEqualTo(status);
					assertThat(ex.getCode()).isEqualTo(code);
					assertThat(ex.getMessage()).isEqualTo("Stream responded to GET /api/v2/tasks/{id} for task '"
							+ taskId + "' with HTTP " + status + " (code " + code + "): " + serverMessage);
				});
			assertThat(fixture.gets(taskId)).hasSize(1);
			assertThat(fixture.waits("error")).isEqualTo(1);
		});
	}

	@Test
	void droppedConnectionsAreRetried() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.dropConnection().times(2), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(task.isCompleted()).isTrue();
			assertThat(fixture.gets(taskId)).hasSize(3);
		}, "stream.tasks.initial-backoff=100ms");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http-components", "simple" })
	void connectionDroppedForeverFailsWithConnectionReset(String requestFactory) {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.dropConnection()));
		run((fixture) -> {
			assertThatExceptionOfType(StreamTransportException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10)))
				.satisfies((ex) -> {
					assertThat(ex.getErrorType()).isEqualTo("connection_reset");
					assertThat(ex.getCause()).isInstanceOf(IOException.class);
				});
			// HttpURLConnection resends a GET once by itself after a dropped connection.
			assertThat(fixture.gets(taskId)).hasSize(requestFactory.equals("simple") ? 8 : 4);
		}, "stream.tasks.initial-backoff=100ms", "stream.http.request-factory=" + requestFactory);
	}

	@Test
	void notFoundWithinGraceCountsAsNotReady() {
		String taskId = emulator
			.scriptTask(TaskScript.of(TaskStep.error(404, 16, "task not found").times(2), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(task.isCompleted()).isTrue();
			assertThat(fixture.gets(taskId)).hasSize(3);
		}, "stream.tasks.not-found-grace=2s");
	}

	@Test
	void notFoundAfterGraceFails() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(404, 16, "task not found")));
		run((fixture) -> {
			assertThatExceptionOfType(StreamApiException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5)))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
			assertThat(fixture.gets(taskId)).hasSizeBetween(3, 5);
		}, "stream.tasks.not-found-grace=300ms");
	}

	@Test
	void cancellingAsyncWaitStopsPolling() throws Exception {
		String taskId = emulator.scriptTask(TaskScript.statuses("pending"));
		run((fixture) -> {
			CompletableFuture<Task> future = fixture.poller()
				.waitForTaskAsync(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			EmulatorPollers.sleep(250);
			assertThat(future.cancel(true)).isTrue();
			long cancelledAt = System.nanoTime();
			EmulatorPollers.sleep(400);
			long getsAfterCancel = fixture.gets(taskId)
				.stream()
				.filter((request) -> request.receivedNanos() > cancelledAt)
				.count();
			assertThat(getsAfterCancel).isLessThanOrEqualTo(1);
			assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> future.get(1, TimeUnit.SECONDS));
			assertThat(fixture.waits("cancelled")).isEqualTo(1);
			assertThat(fixture.activeWaits()).isZero();
		});
	}

	@Test
	void interruptingBlockingWaitEndsItAndKeepsInterruptFlag() throws Exception {
		String taskId = emulator.scriptTask(TaskScript.statuses("pending"));
		run((fixture) -> {
			AtomicReference<Throwable> failure = new AtomicReference<>();
			AtomicBoolean interruptFlag = new AtomicBoolean();
			Thread waiter = new Thread(() -> {
				try {
					fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
				}
				catch (RuntimeException ex) {
					failure.set(ex);
					interruptFlag.set(Thread.currentThread().isInterrupted());
				}
			});
			waiter.start();
			EmulatorPollers.sleep(250);
			long interruptedAt = System.nanoTime();
			waiter.interrupt();
			join(waiter);
			assertThat(EmulatorPollers.elapsedMillis(interruptedAt)).isLessThan(200);
			assertThat(failure.get()).isInstanceOf(StreamTransportException.class);
			assertThat(((StreamTransportException) failure.get()).getErrorType()).isEqualTo("interrupted");
			assertThat(interruptFlag.get()).isTrue();
			assertThat(fixture.waits("cancelled")).isEqualTo(1);
		});
	}

	@Test
	void instantAnswersNeverExceedMinimumPollInterval() {
		String taskId = emulator.scriptTask(TaskScript.statuses("pending"));
		run((fixture) -> {
			assertThatExceptionOfType(StreamTransportException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(1), Duration.ofSeconds(1)));
			List<RecordedRequest> gets = fixture.gets(taskId);
			assertThat(gets).hasSizeBetween(9, 11);
			assertThat(DefaultTaskPollerTests.gapsMillis(gets))
				.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(95));
		});
	}

	@Test
	void retriesNeverExceedMinimumPollInterval() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ZERO)));
		run((fixture) -> {
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> fixture.poller()
					.waitForTaskAsync(taskId, Duration.ofMillis(100), Duration.ofSeconds(1))
					.orTimeout(10, TimeUnit.SECONDS)
					.join())
				.withCauseInstanceOf(StreamTransportException.class);
			assertThat(DefaultTaskPollerTests.gapsMillis(fixture.gets(taskId)))
				.allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(95));
		}, "stream.tasks.max-retries=100");
	}

	@Test
	void timeoutAfterServerErrorsKeepsLastServerErrorAsCause() {
		String taskId = emulator
			.scriptTask(TaskScript.of(TaskStep.error(500, -1, "internal error"), TaskStep.status("pending")));
		run((fixture) -> assertThatExceptionOfType(StreamTransportException.class)
			.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.getErrorType()).isEqualTo("timeout");
				assertThat(ex.getCause()).isInstanceOf(StreamApiException.class);
				assertThat(((StreamApiException) ex.getCause()).getStatusCode()).isEqualTo(500);
				assertThat(ex.getMessage()).contains("last status 'pending'")
					.contains("last failed request: error response (HTTP 500)");
			}), "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void retriesStopAfterMaxRetriesWithLastError() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(502, -1, "bad gateway")));
		run((fixture) -> {
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> fixture.poller()
					.waitForTaskAsync(taskId, Duration.ofMillis(100), Duration.ofSeconds(10))
					.orTimeout(20, TimeUnit.SECONDS)
					.join())
				.withCauseInstanceOf(StreamApiException.class);
			assertThat(fixture.gets(taskId)).hasSize(3);
		}, "stream.tasks.initial-backoff=100ms", "stream.tasks.max-retries=2");
	}

	private static void join(Thread thread) {
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
