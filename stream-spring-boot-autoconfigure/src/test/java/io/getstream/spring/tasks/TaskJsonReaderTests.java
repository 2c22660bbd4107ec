package io.getstream.spring.tasks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskJsonReader}.
 */
class TaskJsonReaderTests {

	@Test
	void readTaskReadsUnifiedAnswerWithNanosecondTimestamps() {
		Task task = read("""
				{"task_id":"t-1","status":"completed","created_at":1764842400123456789,
				 "updated_at":1764842401000000000,"duration":"36.23ms",
				 "result":{"messaging:a":{"status":"ok"}},"unknown_field":[1,2]}""");
		assertThat(task.taskId()).isEqualTo("t-1");
		assertThat(task.status()).isEqualTo("completed");
		assertThat(task.createdAt()).isEqualTo(Instant.ofEpochSecond(1764842400L, 123456789L));
		assertThat(task.updatedAt()).isEqualTo(Instant.ofEpochSecond(1764842401L));
		assertThat(task.duration()).isEqualTo("36.23ms");
		assertThat(task.result()).isEqualTo(Map.of("messaging:a", Map.of("status", "ok")));
		assertThat(task.error()).isNull();
		assertThat(task.isCompleted()).isTrue();
	}

	@Test
	void readTaskReadsLegacyAnswerWithRfc3339Timestamps() {
		Task task = read("""
				{"task_id":"t-2","status":"failed","created_at":"2026-12-04T10:00:00.5Z",
				 "updated_at":"2026-12-04T12:00:00+02:00",
				 "error":{"type":"export_failed","description":"disk full","stacktrace":"at x","version":"v1"}}""");
		assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00.5Z"));
		assertThat(task.updatedAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
		assertThat(task.error()).isEqualTo(new TaskError("export_failed", "disk full", "at x", "v1"));
		assertThat(task.isFailed()).isTrue();
		assertThat(task.result()).isEmpty();
	}

	@Test
	void readTaskKeepsGoingOnUnreadableTimestamps() {
		Task task = read(
				"""
						{"task_id":"t-3","status":"pending","created_at":"yesterday","updated_at":{"x":1},"result":null,"error":null}""");
		assertThat(task.createdAt()).isNull();
		assertThat(task.updatedAt()).isNull();
		assertThat(task.result()).isEmpty();
		assertThat(task.error()).isNull();
	}

	@Test
	void readTaskReadsMillisecondsSecondsAndNumericStrings() {
		assertThat(TaskJsonReader.timestamp(node("1764842400123"))).isEqualTo(Instant.ofEpochMilli(1764842400123L));
		assertThat(TaskJsonReader.timestamp(node("1764842400"))).isEqualTo(Instant.ofEpochSecond(1764842400L));
		assertThat(TaskJsonReader.timestamp(node("\"1764842400123456789\"")))
			.isEqualTo(Instant.ofEpochSecond(1764842400L, 123456789L));
		assertThat(TaskJsonReader.timestamp(node("1764842400123456")))
			.isEqualTo(Instant.ofEpochSecond(1764842400L, 123456000L));
	}

	@Test
	void readTaskKeepsUnknownStatusAndUsesRequestedIdWhenMissing() {
		Task task = TaskJsonReader.readTask(node("{\"status\":\"paused\"}"), "requested");
		assertThat(task).isNotNull();
		assertThat(task.taskId()).isEqualTo("requested");
		assertThat(task.status()).isEqualTo("paused");
		assertThat(task.isTerminal()).isFalse();
	}

	@Test
	void readTaskReturnsNullWithoutStatus() {
		assertThat(TaskJsonReader.readTask(node("{\"task_id\":\"x\"}"), "x")).isNull();
	}

	@Test
	void readObjectReturnsNullForNonJsonBodies() {
		assertThat(TaskJsonReader.readObject("<html>502</html>".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(TaskJsonReader.readObject(new byte[0])).isNull();
		assertThat(TaskJsonReader.readObject("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void failedTaskWithoutErrorObjectHasNullError() {
		Task task = read("{\"task_id\":\"t\",\"status\":\"failed\"}");
		assertThat(task.isFailed()).isTrue();
		assertThat(task.error()).isNull();
	}

	private static Task read(String json) {
		Task task = TaskJsonReader.readTask(node(json), "requested");
		assertThat(task).isNotNull();
		return task;
	}

	private static JsonNode node(String json) {
		JsonNode node = TaskJsonReader.readObject(json.getBytes(StandardCharsets.UTF_8));
		if (node != null) {
			return node;
		}
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
	}

}
