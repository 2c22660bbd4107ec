package io.getstream.spring.tasks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.getstream.spring.StreamApiException;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.test.RecordedRequest;
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
 * Tests for {@link DefaultTaskPoller} against the Stream emulator on loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class DefaultTaskPollerTests {

	private static StreamEmulator emulator;

	@BeforeAll
	static void startEmulator() {
		emulator = StreamEmulator.start();
	}

	@AfterAll
	static void closeEmulator() {
		emulator.close();
	}

	private static void run(java.util.function.Consumer<EmulatorPollers.Fixture> test, String... properties) {
		EmulatorPollers.run(emulator, test, properties);
	}

	@Test
	void waitForTaskReturnsResultWhenTaskCompletes() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.status("waiting"), TaskStep.status("running"),
				TaskStep.completed(Map.of("messaging:general", Map.of("status", "ok")))));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			assertThat(task.taskId()).isEqualTo(taskId);
			assertThat(task.status()).isEqualTo("completed");
			assertThat(task.result()).isEqualTo(Map.of("messaging:general", Map.of("status", "ok")));
			assertThat(task.error()).isNull();
			assertThat(task.createdAt()).isNotNull();
			assertThat(task.updatedAt()).isNotNull();
			assertThat(fixture.gets(taskId)).hasSize(3);
			assertThat(fixture.polls("waiting")).isEqualTo(1.0);
			assertThat(fixture.polls("running")).isEqualTo(1.0);
			assertThat(fixture.polls("completed")).isEqualTo(1.0);
			assertThat(fixture.waits("completed")).isEqualTo(1);
			assertThat(fixture.activeWaits()).isZero();
		});
	}

	@Test
	void requestsCarryStreamAuthentication() {
		String taskId = emulator.scriptTask(TaskScript.statuses("completed"));
		run((fixture) -> {
			fixture.poller().getTask(taskId);
			RecordedRequest request = fixture.gets(taskId).get(0);
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.rawPath()).isEqualTo("/api/v2/tasks/" + taskId);
			assertThat(request.query()).isEqualTo("api_key=" + emulator.apiKey());
			assertThat(request.header("stream-auth-type")).isEqualTo("jwt");
			assertThat(request.header("x-stream-client")).isEqualTo("stream-spring-boot-0.1.0-SNAPSHOT");
			String token = request.header("authorization");
			assertThat(token).doesNotStartWith("Bearer");
			DecodedJWT jwt = JWT.require(Algorithm.HMAC256(emulator.apiSecret())).build().verify(token);
			assertThat(jwt.getClaim("server").asBoolean()).isTrue();
			assertThat(jwt.getIssuedAtAsInstant()).isBefore(java.time.Instant.now().minusSeconds(4));
		});
	}

	@Test
	void getTaskSendsOneRequestWithoutRetry() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(503, -1, "unavailable")));
		run((fixture) -> {
			assertThatExceptionOfType(StreamApiException.class).isThrownBy(() -> fixture.poller().getTask(taskId))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
			assertThat(fixture.gets(taskId)).hasSize(1);
		});
	}

	@Test
	void failedTaskThrowsTaskExceptionWithErrorFields() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.status("pending"),
				TaskStep.failed("export_failed", "channel messaging:x not found", "goroutine 1 [running]", "v2.3.1")));
		run((fixture) -> {
			assertThatExceptionOfType(StreamTaskException.class)
				.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5)))
				.satisfies((ex) -> {
					assertThat(ex.getTaskId()).isEqualTo(taskId);
					assertThat(ex.getErrorType()).isEqualTo("export_failed");
					assertThat(ex.getDescription()).isEqualTo("channel messaging:x not found");
					assertThat(ex.getStackTraceText()).isEqualTo("goroutine 1 [running]");
					assertThat(ex.getVersion()).isEqualTo("v2.3.1");
					assertThat(ex.getTask().status()).isEqualTo("failed");
					assertThat(ex.getMessage()).isEqualTo("Stream task '" + taskId
							+ "' ended with status 'failed': export_failed: channel messaging:x not found");
				});
			assertThat(fixture.gets(taskId)).hasSize(2);
			assertThat(fixture.waits("failed")).isEqualTo(1);
		});
	}

	@Test
	void failedTaskWithoutErrorObjectThrowsWithEmptyFields() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.failed()));
		run((fixture) -> assertThatExceptionOfType(StreamTaskException.class)
			.isThrownBy(() -> fixture.poller().waitForTask(taskId))
			.satisfies((ex) -> {
				assertThat(ex.getErrorType()).isEmpty();
				assertThat(ex.getDescription()).isEmpty();
				assertThat(ex.getStackTraceText()).isEmpty();
				assertThat(ex.getVersion()).isEmpty();
				assertThat(ex.getTask().error()).isNull();
			}));
	}

	@Test
	void unknownStatusKeepsPollingAndWarnsOncePerValue(CapturedOutput output) {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.status("paused"), TaskStep.status("paused"),
				TaskStep.status("queued"), TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(task.isCompleted()).isTrue();
			assertThat(fixture.gets(taskId)).hasSize(4);
			assertThat(fixture.polls("other")).isEqualTo(3.0);
			assertThat(output.getAll()).containsOnlyOnce("has status 'paused', which this library does not know")
				.containsOnlyOnce("has status 'queued', which this library does not know");
		});
	}

	@Test
	void unknownStatusIsNamedInTimeoutMessage() {
		String taskId = emulator.scriptTask(TaskScript.statuses("archived"));
		run((fixture) -> assertThatExceptionOfType(StreamTransportException.class)
			.isThrownBy(() -> fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofMillis(400)))
			.satisfies((ex) -> assertThat(ex.getMessage())
				.contains("last status 'archived' (not a status this library knows)")));
	}

	@Test
	void taskIdIsEncodedAsOnePathSegment() {
		String taskId = "a/b c?d#e%f";
		emulator.scriptTask(taskId, TaskScript.statuses("completed"));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId);
			assertThat(task.taskId()).isEqualTo(taskId);
			RecordedRequest request = fixture.gets(taskId).get(0);
			assertThat(request.rawPath()).isEqualTo("/api/v2/tasks/a%2Fb%20c%3Fd%23e%25f");
			assertThat(request.path()).isEqualTo("/api/v2/tasks/" + taskId);
		});
	}

	@Test
	void invalidTaskIdsAreRejectedBeforeAnyRequest() {
		run((fixture) -> {
			int before = emulator.requests().size();
			TaskPoller poller = fixture.poller();
			assertThatIllegalArgumentException().isThrownBy(() -> poller.waitForTask(" "))
				.withMessage("Invalid task id ' ': pass the non-blank task_id returned by the Stream operation");
			assertThatIllegalArgumentException().isThrownBy(() -> poller.getTask(null))
				.withMessage("Invalid task id 'null': pass the non-blank task_id returned by the Stream operation");
			assertThatIllegalArgumentException().isThrownBy(() -> poller.waitForTaskAsync("x".repeat(257)))
				.withMessageStartingWith("Invalid task id of 257 characters starting 'xxxx")
				.withMessageEndingWith(
						"task ids are at most 256 characters; pass the task_id returned by the Stream operation");
			assertThat(emulator.requests()).hasSize(before);
		});
	}

	@Test
	void invalidDurationsAreRejectedWithNameAndValue() {
		run((fixture) -> {
			int before = emulator.requests().size();
			TaskPoller poller = fixture.poller();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> poller.waitForTask("t", Duration.ZERO, Duration.ofSeconds(1)))
				.withMessage("Invalid pollInterval PT0S: use a positive duration");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> poller.waitForTaskAsync("t", Duration.ofSeconds(1), Duration.ofSeconds(-2)))
				.withMessage("Invalid timeout PT-2S: use a positive duration");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> poller.waitForTask("t", Duration.ofSeconds(5), Duration.ofSeconds(1)))
				.withMessage(
						"Invalid pollInterval PT5S: it is longer than timeout PT1S; pass a poll interval no longer than the timeout");
			assertThat(emulator.requests()).hasSize(before);
		});
	}

	@Test
	void waitForTaskAsyncCompletesWithTheTask() throws Exception {
		String taskId = emulator.scriptTask(TaskScript.statuses("pending", "completed"));
		run((fixture) -> {
			CompletableFuture<Task> future = fixture.poller()
				.waitForTaskAsync(taskId, Duration.ofMillis(100), Duration.ofSeconds(5));
			assertThat(TaskPollerHardeningTests.await(future).status()).isEqualTo("completed");
			assertThat(fixture.gets(taskId)).hasSize(2);
			assertThat(fixture.waits("completed")).isEqualTo(1);
		});
	}

	@Test
	void waitForTaskAsyncFailsWithTheSameExceptions() {
		String failedId = emulator.scriptTask(TaskScript.of(TaskStep.failed("t", "d", "s", "v")));
		String forbiddenId = emulator.scriptTask(TaskScript.of(TaskStep.error(403, 17, "not allowed")));
		String slowId = emulator.scriptTask(TaskScript.statuses("pending"));
		run((fixture) -> {
			TaskPoller poller = fixture.poller();
			assertThat(causeOf(poller.waitForTaskAsync(failedId))).isInstanceOf(StreamTaskException.class);
			assertThat(causeOf(poller.waitForTaskAsync(forbiddenId))).isInstanceOf(StreamApiException.class);
			Throwable timeout = causeOf(
					poller.waitForTaskAsync(slowId, Duration.ofMillis(100), Duration.ofMillis(300)));
			assertThat(timeout).isInstanceOf(StreamTransportException.class);
			assertThat(((StreamTransportException) timeout).getErrorType()).isEqualTo("timeout");
			assertThat(fixture.waits("failed")).isEqualTo(1);
			assertThat(fixture.waits("error")).isEqualTo(1);
			assertThat(fixture.waits("timeout")).isEqualTo(1);
		});
	}

	@Test
	void retriesAreCountedByReason() {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(503, -1, "unavailable"),
				TaskStep.raw(502, "text/html", "<html>bad gateway</html>"), TaskStep.dropConnection(),
				TaskStep.completed()));
		run((fixture) -> {
			Task task = fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
			assertThat(task.isCompleted()).isTrue();
			assertThat(fixture.gets(taskId)).hasSize(4);
			assertThat(fixture.retries("server_error")).isEqualTo(2.0);
			assertThat(fixture.retries("connection")).isEqualTo(1.0);
		}, "stream.tasks.initial-backoff=100ms");
	}

	@Test
	void logsNeverContainSecretTokenOrApiKeyUrl(CapturedOutput output) {
		String taskId = emulator.scriptTask(TaskScript.of(TaskStep.error(500, -1, "boom"), TaskStep.dropConnection(),
				TaskStep.status("mystery"), TaskStep.completed()));
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger("org.springframework");
		ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger("io.getstream");
		ch.qos.logback.classic.Level previous = logger.getLevel();
		ch.qos.logback.classic.Level previousOurs = ours.getLevel();
		logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
		ours.setLevel(ch.qos.logback.classic.Level.DEBUG);
		try {
			run((fixture) -> {
				fixture.poller().waitForTask(taskId, Duration.ofMillis(100), Duration.ofSeconds(10));
				String token = fixture.gets(taskId).get(0).header("authorization");
				assertThat(output.getAll()).contains("Poll of task '" + taskId + "' got status 'completed'")
					.doesNotContain(emulator.apiSecret())
					.doesNotContain(token)
					.doesNotContain("api_key=");
			}, "stream.tasks.initial-backoff=100ms");
		}
		finally {
			logger.setLevel(previous);
			ours.setLevel(previousOurs);
		}
	}

	private static Throwable causeOf(CompletableFuture<Task> future) {
		try {
			future.get(30, java.util.concurrent.TimeUnit.SECONDS);
			throw new AssertionError("Expected the future to fail");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("Wait did not end", ex);
		}
	}

	static List<Long> gapsMillis(List<RecordedRequest> requests) {
		List<Long> gaps = new java.util.ArrayList<>();
		for (int i = 1; i < requests.size(); i++) {
			gaps.add((requests.get(i).receivedNanos() - requests.get(i - 1).receivedNanos()) / 1_000_000);
		}
		return gaps;
	}

}
