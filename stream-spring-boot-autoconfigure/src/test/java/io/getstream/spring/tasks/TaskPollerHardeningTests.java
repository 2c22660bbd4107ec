package io.getstream.spring.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the poller's defences against hostile or broken servers and callers.
 */
@ExtendWith(OutputCaptureExtension.class)
class TaskPollerHardeningTests {

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

	@Test
	void slowBodyCannotOutliveDeadline() throws Exception {
		for (String factory : List.of("http-components", "simple")) {
			try (SlowBodyServer server = new SlowBodyServer()) {
				EmulatorPollers
					.contextRunner(emulator, "stream.base-url=" + server.baseUrl(),
							"stream.http.request-factory=" + factory)
					.run((context) -> {
						TaskPoller poller = context.getBean(TaskPoller.class);
						long start = System.nanoTime();
						assertThatExceptionOfType(StreamTransportException.class)
							.isThrownBy(() -> poller.waitForTask("slow", Duration.ofMillis(100), Duration.ofSeconds(1)))
							.satisfies((ex) -> assertThat(ex.getErrorType()).as(factory).isEqualTo("timeout"));
						assertThat(EmulatorPollers.elapsedMillis(start)).as(factory)
							.isBetween(1000L, 1000L + OVERSHOOT_MILLIS);
						assertThat(server.requests()).as(factory).isEqualTo(1);
					});
			}
		}
	}

	@Test
	void slowCallbackDoesNotDelayOtherWaits() {
		String slowCallbackId = emulator.scriptTask(TaskScript.statuses("pending"));
		String otherId = emulator.scriptTask(TaskScript.statuses("pending"));
		EmulatorPollers.run(emulator, (fixture) -> {
			TaskPoller poller = fixture.poller();
			poller.waitForTaskAsync(slowCallbackId, Duration.ofMillis(100), Duration.ofMillis(300))
				.whenComplete((task, failure) -> EmulatorPollers.sleep(3000));
			long start = System.nanoTime();
			CompletableFuture<Task> other = poller.waitForTaskAsync(otherId, Duration.ofMillis(100),
					Duration.ofSeconds(1));
			assertThat(other).failsWithin(Duration.ofSeconds(2));
			assertThat(EmulatorPollers.elapsedMillis(start)).isBetween(1000L, 1000L + OVERSHOOT_MILLIS);
			assertThat(fixture.gets(otherId)).hasSizeGreaterThanOrEqualTo(9);
		});
	}

	@Test
	void hugeRetryAfterIsClampedToMaxBackoff() {
		String retryAfterId = emulator.scriptTask(TaskScript.of(
				TaskStep.error(429, 9, "Too many requests").withHeader("Retry-After", "10000000000000000"),
				TaskStep.completed()));
		String resetId = emulator.scriptTask(TaskScript.of(
				TaskStep.error(429, 9, "Too many requests").withHeader("X-RateLimit-Reset", "31556889864403199"),
				TaskStep.completed()));
		EmulatorPollers.run(emulator, (fixture) -> {
			assertThat(fixture.poller().waitForTask(retryAfterId).isCompleted()).isTrue();
			assertThat(DefaultTaskPollerTests.gapsMillis(fixture.gets(retryAfterId)).get(0)).isBetween(190L, 2000L);
			assertThat(await(fixture.poller().waitForTaskAsync(resetId)).isCompleted()).isTrue();
			assertThat(DefaultTaskPollerTests.gapsMillis(fixture.gets(resetId)).get(0)).isBetween(190L, 2000L);
		}, "stream.tasks.max-backoff=200ms", "stream.tasks.initial-backoff=100ms", "stream.tasks.poll-interval=100ms");
	}

	@Test
	void oversizedBodyFailsWithoutRetry() {
		String body = "{\"task_id\":\"big\",\"status\":\"pending\",\"pad\":\""
				+ "x".repeat(StreamTaskClient.MAX_BODY_SIZE) + "\"}";
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.raw(200, "application/json", body)));
		EmulatorPollers.run(emulator, (fixture) -> {
			assertThatExceptionOfType(StreamApiException.class).isThrownBy(() -> fixture.poller().waitForTask(taskId))
				.satisfies((ex) -> {
					assertThat(ex.isUnrecoverable()).isTrue();
					assertThat(ex.getMessage())
						.endsWith("with HTTP 200 and a body larger than 8388608 bytes, which was not read");
				});
			assertThat(fixture.gets(taskId)).hasSize(1);
			assertThat(failureOf(fixture.poller().waitForTaskAsync(taskId))).isInstanceOf(StreamApiException.class);
		});
	}

	@Test
	void redirectIsNotFollowed() {
		for (String factory : List.of("http-components", "simple")) {
			String taskId = emulator.scriptTask(TaskScript
				.of(TaskStep.raw(302, "text/plain", "moved").withHeader("Location", "http://127.0.0.1:1/elsewhere")));
			EmulatorPollers.run(emulator, (fixture) -> {
				assertThatExceptionOfType(StreamApiException.class)
					.isThrownBy(() -> fixture.poller().waitForTask(taskId))
					.satisfies((ex) -> assertThat(ex.getStatusCode()).as(factory).isEqualTo(302));
				assertThat(fixture.gets(taskId)).as(factory).hasSize(1);
			}, "stream.http.request-factory=" + factory);
		}
	}

	@Test
	void nonJsonForbiddenIsNotRetried() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.raw(403, "text/html", "<html>denied</html>")));
		EmulatorPollers.run(emulator, (fixture) -> {
			assertThatExceptionOfType(StreamApiException.class).isThrownBy(() -> fixture.poller().waitForTask(taskId))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(403));
			assertThat(fixture.gets(taskId)).hasSize(1);
		});
	}

	@Test
	void nonStringStatusIsInvalidResponse() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.raw(200, "application/json", "{\"status\":1}")));
		EmulatorPollers.run(emulator, (fixture) -> {
			assertThatExceptionOfType(StreamApiException.class).isThrownBy(() -> fixture.poller().waitForTask(taskId))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("with HTTP 200 and a body that is not a task"));
			assertThat(fixture.gets(taskId)).hasSize(4);
			assertThat(fixture.retries("invalid_response")).isEqualTo(3.0);
		}, "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void retryReasonsFollowTheFailure() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(408, 23, "request timeout"),
				TaskStep.raw(200, "text/html", "<html>proxy</html>"), TaskStep.completed()));
		EmulatorPollers.run(emulator, (fixture) -> {
			fixture.poller().waitForTask(taskId);
			assertThat(fixture.retries("request_timeout")).isEqualTo(1.0);
			assertThat(fixture.retries("invalid_response")).isEqualTo(1.0);
			assertThat(fixture.retries("server_error")).isZero();
			assertThat(fixture.retries("connection")).isZero();
		}, "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void requestTimeoutIsRetriedAsRequestTimeout() {
		String taskId = emulator.scriptTask(TaskScript
			.of(TaskStep.delayed(Duration.ofMillis(600), TaskStep.status("pending")), TaskStep.completed()));
		EmulatorPollers.run(emulator, (fixture) -> {
			fixture.poller().waitForTask(taskId);
			assertThat(fixture.retries("request_timeout")).isEqualTo(1.0);
			assertThat(fixture.retries("connection")).isZero();
		}, "stream.tasks.initial-backoff=100ms", "stream.http.read-timeout=200ms");
	}

	@Test
	void listenersReceiveOutcomeAndFailure() {
		String failedId = emulator.scriptTask(TaskScript.of(TaskStep.failed("t", "d", "s", "v")));
		String forbiddenId = emulator.scriptTask(TaskScript.of(TaskStep.error(403, 17, "not allowed")));
		List<String> ended = Collections.synchronizedList(new ArrayList<>());
		TaskPollerListener recording = new TaskPollerListener() {

			@Override
			public WaitObservation waitStarted() {
				return (outcome, failure) -> ended
					.add(outcome + ":" + ((failure != null) ? failure.getClass().getSimpleName() : "none"));
			}

		};
		EmulatorPollers.contextRunner(emulator)
			.withBean("recording", TaskPollerListener.class, () -> recording)
			.run((context) -> {
				TaskPoller poller = context.getBean(TaskPoller.class);
				assertThatExceptionOfType(StreamException.class).isThrownBy(() -> poller.waitForTask(failedId));
				assertThat(failureOf(poller.waitForTaskAsync(forbiddenId))).isInstanceOf(StreamApiException.class);
				assertThat(ended).containsExactly("FAILED:StreamTaskException", "ERROR:StreamApiException");
				// The metrics listener is called too, beside the user's listener.
				assertThat(context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
					.get("stream.tasks.wait")
					.tag("outcome", "failed")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void closeFailsPendingAsyncWaitsPromptly() {
		String hangingId = emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		String pendingId = emulator.scriptTask(TaskScript.statuses("pending"));
		AtomicReference<DefaultTaskPoller> poller = new AtomicReference<>();
		List<CompletableFuture<Task>> futures = new ArrayList<>();
		EmulatorPollers.run(emulator, (fixture) -> {
			poller.set(fixture.context().getBean(DefaultTaskPoller.class));
			futures.add(fixture.poller().waitForTaskAsync(hangingId, Duration.ofMillis(100), Duration.ofSeconds(30)));
			futures.add(fixture.poller().waitForTaskAsync(pendingId, Duration.ofMillis(100), Duration.ofSeconds(30)));
			EmulatorPollers.sleep(300);
			long start = System.nanoTime();
			poller.get().close();
			assertThat(EmulatorPollers.elapsedMillis(start)).isLessThan(2500);
		});
		for (CompletableFuture<Task> future : futures) {
			assertThat(failureOf(future)).isInstanceOf(StreamException.class)
				.hasMessageContaining("TaskPoller is closed");
		}
	}

	@Test
	void shortIntervalIsRaisedToMinimumWithWarning(CapturedOutput output) {
		String taskId = emulator.scriptTask(TaskScript.statuses("pending", "completed"));
		EmulatorPollers.run(emulator, (fixture) -> {
			fixture.poller().waitForTask(taskId, Duration.ofMillis(5), Duration.ofSeconds(5));
			assertThat(DefaultTaskPollerTests.gapsMillis(fixture.gets(taskId)).get(0)).isGreaterThanOrEqualTo(95);
			assertThat(output.getAll()).containsOnlyOnce(
					"Poll interval 5 ms is shorter than stream.tasks.min-poll-interval (100 ms); polling every 100 ms instead");
		});
	}

	@Test
	void pathSegmentAndControlCharacterIdsAreRejected() {
		EmulatorPollers.run(emulator, (fixture) -> {
			int before = emulator.requests().size();
			assertThatIllegalArgumentException().isThrownBy(() -> fixture.poller().getTask(".."))
				.withMessage(
						"Invalid task id '..': it would be read as a relative path segment; pass the task_id returned by the Stream operation");
			assertThatIllegalArgumentException().isThrownBy(() -> fixture.poller().waitForTask("."));
			assertThatIllegalArgumentException().isThrownBy(() -> fixture.poller().waitForTask("a\nb"))
				.withMessage(
						"Invalid task id 'a?b': it contains control characters; pass the task_id returned by the Stream operation");
			assertThat(emulator.requests()).hasSize(before);
		});
	}

	@Test
	void timeoutLongerThanOneDayIsRejected() {
		EmulatorPollers.run(emulator, (fixture) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> fixture.poller().waitForTaskAsync("t", Duration.ofSeconds(1), Duration.ofDays(300_000)))
			.withMessage("Invalid timeout PT7200000H: it is longer than one day; use a duration of at most one day"));
	}

	static Task await(CompletableFuture<Task> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Wait did not complete", ex);
		}
	}

	static Throwable failureOf(CompletableFuture<Task> future) {
		try {
			future.get(30, TimeUnit.SECONDS);
			throw new AssertionError("Expected the future to fail");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError("Wait did not end", ex);
		}
	}

}
