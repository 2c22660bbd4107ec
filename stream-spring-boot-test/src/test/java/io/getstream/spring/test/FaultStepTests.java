package io.getstream.spring.test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for delays, hangs and dropped connections.
 */
class FaultStepTests {

	private StreamEmulator emulator;

	private EmulatorClient client;

	@BeforeEach
	void startEmulator() {
		this.emulator = StreamEmulator.start();
		this.client = new EmulatorClient(this.emulator);
	}

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void delayedStepRespondsAfterDelay() {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.delayed(Duration.ofMillis(300), TaskStep.status("running")))
				.then(TaskStep.completed().after(Duration.ofMillis(200))));
		long start = System.nanoTime();
		HttpResponse<String> first = this.client.getTask(taskId);
		long firstNanos = System.nanoTime() - start;
		start = System.nanoTime();
		HttpResponse<String> second = this.client.getTask(taskId);
		long secondNanos = System.nanoTime() - start;
		assertThat(json(first).get("status").stringValue()).isEqualTo("running");
		assertThat(firstNanos).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
		assertThat(json(second).get("status").stringValue()).isEqualTo("completed");
		assertThat(secondNanos).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
	}

	@Test
	void delayedStepDoesNotDelayOtherTasks() throws Exception {
		String slowTask = this.emulator.scriptTask(TaskScript.of(TaskStep.completed().after(Duration.ofMillis(1500))));
		String fastTask = this.emulator.scriptTask(TaskScript.statuses("running"));
		CompletableFuture<HttpResponse<String>> slow = this.client.getTaskAsync(slowTask, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.emulator.taskRequests(slowTask).size() == 1);
		HttpResponse<String> fast = this.client.getTask(fastTask);
		assertThat(fast.statusCode()).isEqualTo(200);
		assertThat(slow).isNotDone();
		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void hangingTaskDoesNotBlockOthers() {
		String hangingTask = this.emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		String otherTask = this.emulator.scriptTask(TaskScript.statuses("completed"));
		CompletableFuture<HttpResponse<String>> hanging = this.client.getTaskAsync(hangingTask,
				Duration.ofMillis(1500));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.emulator.taskRequests(hangingTask).size() == 1);
		HttpResponse<String> other = this.client.getTask(otherTask);
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(hanging).isNotDone();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> hanging.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(HttpTimeoutException.class);
		assertThat(this.emulator.taskRequests(hangingTask)).hasSize(1);
	}

	@Test
	void hangEndsWithHttpUrlConnectionReadTimeout() throws IOException {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		HttpURLConnection connection = openConnection(taskId);
		connection.setReadTimeout(300);
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(connection::getResponseCode);
		assertThat(this.emulator.taskRequests(taskId)).hasSize(1);
	}

	@Test
	void closeEndsHangingHandlers() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		List<CompletableFuture<HttpResponse<String>>> hanging = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			hanging.add(this.client.getTaskAsync(taskId, Duration.ofSeconds(30)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.emulator.taskRequests(taskId).size() == 20);
		long start = System.nanoTime();
		this.emulator.close();
		for (CompletableFuture<HttpResponse<String>> request : hanging) {
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> request.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(IOException.class);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void droppedConnectionGivesJdkClientIOException() {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.dropConnection().times(2)).then(TaskStep.status("completed")));
		HttpRequest request = this.client.authorized(this.client.taskPath(taskId)).GET().build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.client.sendOrThrow(request))
			.withMessage("HTTP/1.1 header parser received no bytes");
		assertThat(this.emulator.taskRequests(taskId)).hasSize(2);
		assertThat(this.client.getTask(taskId).statusCode()).isEqualTo(200);
	}

	@Test
	void droppedConnectionGivesHttpUrlConnectionSocketException() throws IOException {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.dropConnection().times(2)).then(TaskStep.status("completed")));
		HttpURLConnection connection = openConnection(taskId);
		assertThatExceptionOfType(SocketException.class).isThrownBy(connection::getResponseCode)
			.withMessage("Unexpected end of file from server");
		assertThat(this.emulator.taskRequests(taskId)).hasSize(2);
	}

	@Test
	void singleDroppedConnectionIsRetriedByJdkClient() {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.dropConnection()).then(TaskStep.status("completed")));
		HttpResponse<String> response = this.client.getTask(taskId);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("status").stringValue()).isEqualTo("completed");
		assertThat(this.emulator.taskRequests(taskId)).hasSize(2);
	}

	@Test
	void concurrentGetsOfManyTasksSucceed() {
		int taskCount = 2000;
		List<String> taskIds = new ArrayList<>();
		for (int i = 0; i < taskCount; i++) {
			taskIds.add(this.emulator.scriptTask("task-" + i, TaskScript.statuses("pending", "completed")));
		}
		String hangingTask = this.emulator.scriptTask(TaskScript.of(TaskStep.hang()));
		CompletableFuture<HttpResponse<String>> hanging = this.client.getTaskAsync(hangingTask, Duration.ofSeconds(30));
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (String taskId : taskIds) {
			responses.add(this.client.getTaskAsync(taskId, Duration.ofSeconds(30)));
		}
		List<String> ids = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			ids.add(json(response.join()).get("task_id").stringValue());
		}
		assertThat(ids).isEqualTo(taskIds);
		assertThat(hanging).isNotDone();
		for (String taskId : List.of("task-0", "task-999", "task-1999")) {
			assertThat(json(this.client.getTask(taskId)).get("status").stringValue()).isEqualTo("completed");
		}
	}

	private HttpURLConnection openConnection(String taskId) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) this.client
			.uri(this.client.taskPath(taskId), this.emulator.apiKey())
			.toURL()
			.openConnection();
		connection.setRequestProperty("Authorization", EmulatorClient.serverToken(this.emulator.apiSecret()));
		connection.setRequestProperty("stream-auth-type", "jwt");
		return connection;
	}

}
