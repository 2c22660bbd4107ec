package io.getstream.spring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the responses of scripted tasks: statuses, results, errors, raw bodies, rate
 * limits and timestamps.
 */
class ScriptedTaskTests {

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
	void taskEndpointReturnsScriptedStatusesInOrder() {
		String taskId = this.emulator.scriptTask(TaskScript.statuses("waiting", "pending", "running", "completed"));
		List<String> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = this.client.getTask(taskId);
			assertThat(response.statusCode()).isEqualTo(200);
			statuses.add(json(response).get("status").stringValue());
		}
		assertThat(statuses).containsExactly("waiting", "pending", "running", "completed", "completed", "completed");
	}

	@Test
	void taskEndpointReturnsUnknownStatusVerbatim() {
		String taskId = this.emulator.scriptTask(TaskScript.statuses("error", "paused"));
		assertThat(json(this.client.getTask(taskId)).get("status").stringValue()).isEqualTo("error");
		assertThat(json(this.client.getTask(taskId)).get("status").stringValue()).isEqualTo("paused");
	}

	@Test
	void taskEndpointReturnsTaskFieldsInStreamShape() {
		String taskId = this.emulator.scriptTask("my-task", TaskScript.statuses("pending"));
		JsonNode task = json(this.client.getTask(taskId));
		assertThat(task.propertyNames()).containsExactly("task_id", "status", "created_at", "updated_at", "duration");
		assertThat(task.get("task_id").stringValue()).isEqualTo("my-task");
		assertThat(task.get("duration").stringValue()).matches("\\d+\\.\\d{2}ms");
	}

	@Test
	void completedTaskCarriesResultVerbatim() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("url", "https://example.com/export.json");
		result.put("count", 3);
		result.put("nested", Map.of("ok", true));
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.completed(result)));
		JsonNode task = json(this.client.getTask(taskId));
		assertThat(task.get("status").stringValue()).isEqualTo("completed");
		assertThat(task.get("result").toString())
			.isEqualTo("{\"url\":\"https://example.com/export.json\",\"count\":3,\"nested\":{\"ok\":true}}");
		assertThat(task.has("error")).isFalse();
	}

	@Test
	void failedTaskCarriesErrorObjectVerbatim() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.failed("ExportError",
				"channel messaging:gone does not exist", "goroutine 1 [running]", "v1.2.3")));
		JsonNode task = json(this.client.getTask(taskId));
		assertThat(task.get("status").stringValue()).isEqualTo("failed");
		assertThat(task.get("error").toString())
			.isEqualTo("{\"type\":\"ExportError\",\"description\":\"channel messaging:gone does not exist\","
					+ "\"stacktrace\":\"goroutine 1 [running]\",\"version\":\"v1.2.3\"}");
		assertThat(task.has("result")).isFalse();
	}

	@Test
	void failedTaskWithoutErrorObjectOmitsError() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.failed()));
		JsonNode task = json(this.client.getTask(taskId));
		assertThat(task.get("status").stringValue()).isEqualTo("failed");
		assertThat(task.has("error")).isFalse();
	}

	@Test
	void errorStepsReturnStreamErrorBodies() {
		Map<Integer, Integer> codes = new LinkedHashMap<>();
		codes.put(400, 4);
		codes.put(401, 5);
		codes.put(403, 17);
		codes.put(404, 16);
		codes.put(500, -1);
		codes.put(503, -1);
		codes.forEach((status, code) -> {
			String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.error(status)));
			HttpResponse<String> response = this.client.getTask(taskId);
			JsonNode body = json(response);
			assertThat(response.statusCode()).isEqualTo(status);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
			assertThat(body.propertyNames()).containsExactly("code", "message", "StatusCode", "duration", "more_info",
					"details");
			assertThat(body.get("code").intValue()).isEqualTo(code);
			assertThat(body.get("StatusCode").intValue()).isEqualTo(status);
			assertThat(body.get("message").stringValue()).startsWith("GetTask failed with error: \"");
			assertThat(body.get("more_info").stringValue())
				.isEqualTo("https://getstream.io/chat/docs/api_errors_response");
			assertThat(body.get("details").isArray()).isTrue();
			assertThat(body.get("details").isEmpty()).isTrue();
		});
	}

	@Test
	void errorStepSendsExceptionFields() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.error(403, 70,
				"GetTask failed with error: \"no access to channels\"", Map.of("channel", "messaging:secret"))));
		HttpResponse<String> response = this.client.getTask(taskId);
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(body.get("code").intValue()).isEqualTo(70);
		assertThat(body.get("message").stringValue()).isEqualTo("GetTask failed with error: \"no access to channels\"");
		assertThat(body.get("exception_fields").toString()).isEqualTo("{\"channel\":\"messaging:secret\"}");
		assertThat(body.has("unrecoverable")).isFalse();
	}

	@Test
	void unrecoverableErrorStepMarksBody() {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.unrecoverableError(400, 4, "GetTask failed with error: \"bad id\"")));
		HttpResponse<String> response = this.client.getTask(taskId);
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body.get("code").intValue()).isEqualTo(4);
		assertThat(body.get("unrecoverable").booleanValue()).isTrue();
	}

	@Test
	void rawStepSendsBodyVerbatim() {
		String html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
		String taskId = this.emulator.scriptTask(
				TaskScript.of(TaskStep.raw(504, "text/plain", "upstream request timeout").withHeader("X-Edge", "cdn-1"))
					.then(TaskStep.raw(502, "text/html", html)));
		HttpResponse<String> timeout = this.client.getTask(taskId);
		assertThat(timeout.statusCode()).isEqualTo(504);
		assertThat(timeout.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(timeout.headers().firstValue("X-Edge")).hasValue("cdn-1");
		assertThat(timeout.body()).isEqualTo("upstream request timeout");
		HttpResponse<String> badGateway = this.client.getTask(taskId);
		assertThat(badGateway.statusCode()).isEqualTo(502);
		assertThat(badGateway.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(badGateway.body()).isEqualTo(html);
	}

	@Test
	void stepHeaderReplacesEmulatorHeader() {
		String taskId = this.emulator
			.scriptTask(TaskScript.of(TaskStep.status("running").withHeader("X-RateLimit-Limit", "1000, 1000")));
		HttpResponse<String> response = this.client.getTask(taskId);
		assertThat(response.headers().allValues("X-RateLimit-Limit")).containsExactly("1000, 1000");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("9999");
	}

	@Test
	void rateLimitedStepSendsRetryAfterSeconds() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ofMillis(2500))));
		HttpResponse<String> response = this.client.getTask(taskId);
		long receivedSecond = this.emulator.taskRequests(taskId).get(0).receivedAt().getEpochSecond();
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(receivedSecond + 3));
		assertThat(body.get("code").intValue()).isEqualTo(9);
		assertThat(body.get("StatusCode").intValue()).isEqualTo(429);
		assertThat(body.get("message").stringValue()).isEqualTo(
				"GetTask failed with error: \"Too many requests, check response headers for more information.\"");
	}

	@Test
	void rateLimitedUntilSendsHttpDate() {
		Instant retryAt = Instant.parse("2031-02-03T04:05:06Z");
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.rateLimitedUntil(retryAt)));
		HttpResponse<String> response = this.client.getTask(taskId);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("Mon, 03 Feb 2031 04:05:06 GMT");
		assertThat(response.headers().firstValue("X-RateLimit-Reset"))
			.hasValue(Long.toString(retryAt.getEpochSecond()));
		assertThat(json(response).get("code").intValue()).isEqualTo(9);
	}

	@Test
	void rateLimitedWithResetStepSendsOnlyReset() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.rateLimitedWithReset(1_900_000_000L)));
		HttpResponse<String> response = this.client.getTask(taskId);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		assertThat(response.headers().firstValue("X-RateLimit-Reset")).hasValue("1900000000");
		assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(json(response).get("code").intValue()).isEqualTo(9);
	}

	@Test
	void repeatedStepIsSentGivenNumberOfTimes() {
		String taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.rateLimited(Duration.ofSeconds(1)).times(3))
			.then(TaskStep.completed(Map.of("done", true))));
		List<Integer> statusCodes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			statusCodes.add(this.client.getTask(taskId).statusCode());
		}
		assertThat(statusCodes).containsExactly(429, 429, 429, 200, 200);
	}

	@Test
	void unifiedTimestampsAreEpochNanoseconds() {
		long before = StreamResponses.epochNanos(Instant.now());
		String taskId = this.emulator.scriptTask(TaskScript.statuses("pending", "running"));
		long after = StreamResponses.epochNanos(Instant.now());
		JsonNode first = json(this.client.getTask(taskId));
		JsonNode second = json(this.client.getTask(taskId));
		assertThat(first.get("created_at").isIntegralNumber()).isTrue();
		assertThat(first.get("created_at").longValue()).isBetween(before, after);
		assertThat(first.get("updated_at").longValue()).isEqualTo(first.get("created_at").longValue());
		Instant secondReceivedAt = this.emulator.taskRequests(taskId).get(1).receivedAt();
		assertThat(second.get("created_at").longValue()).isEqualTo(first.get("created_at").longValue());
		assertThat(second.get("updated_at").longValue()).isEqualTo(StreamResponses.epochNanos(secondReceivedAt));
	}

	@Test
	void legacyTimestampsAreRfc3339() {
		String taskId = this.emulator.scriptTask(TaskScript.statuses("completed"));
		JsonNode unified = json(this.client.getTask(taskId));
		JsonNode legacy = json(this.client.getLegacyTask(taskId));
		assertThat(legacy.get("created_at").isString()).isTrue();
		Instant createdAt = Instant.ofEpochSecond(0, unified.get("created_at").longValue());
		assertThat(legacy.get("created_at").stringValue()).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(createdAt));
		assertThat(legacy.get("updated_at").stringValue()).endsWith("Z");
		assertThat(Instant.parse(legacy.get("updated_at").stringValue())).isEqualTo(createdAt);
	}

	@Test
	void unknownTaskReturnsNotFound() {
		HttpResponse<String> response = this.client.getTask("no-such-task");
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(body.get("code").intValue()).isEqualTo(16);
		assertThat(body.get("message").stringValue()).isEqualTo("GetTask failed with error: \"task not found\"");
		assertThat(body.get("StatusCode").intValue()).isEqualTo(404);
	}

	@Test
	void encodedTaskIdIsDecoded() {
		for (String taskId : List.of("a/b c", "100%", "t\u00e2che+1", "x?y#z")) {
			this.emulator.scriptTask(taskId, TaskScript.statuses("running"));
			HttpResponse<String> unified = this.client.getTask(taskId);
			HttpResponse<String> legacy = this.client.getLegacyTask(taskId);
			assertThat(unified.statusCode()).isEqualTo(200);
			assertThat(json(unified).get("task_id").stringValue()).isEqualTo(taskId);
			assertThat(legacy.statusCode()).isEqualTo(200);
			assertThat(json(legacy).get("task_id").stringValue()).isEqualTo(taskId);
			assertThat(this.emulator.taskRequests(taskId)).hasSize(2);
		}
	}

	@Test
	void unencodedSlashInIdIsNotFound() {
		this.emulator.scriptTask("a/b", TaskScript.statuses("running"));
		HttpResponse<String> response = this.client.send(this.client.authorized("/api/v2/tasks/a/b").GET().build());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("code").intValue()).isEqualTo(16);
		assertThat(this.emulator.taskRequests("a/b")).isEmpty();
	}

	@Test
	void scriptTaskWithSameIdReplacesTask() {
		this.emulator.scriptTask("task", TaskScript.statuses("pending", "completed"));
		this.client.getTask("task");
		this.emulator.scriptTask("task", TaskScript.statuses("failed"));
		assertThat(json(this.client.getTask("task")).get("status").stringValue()).isEqualTo("failed");
	}

}
