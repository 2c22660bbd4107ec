package io.getstream.spring.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the POST endpoints that start tasks: validation, responses and progression.
 */
class TaskStartTests {

	private StreamEmulator emulator;

	private EmulatorClient client;

	@BeforeEach
	void startEmulator() {
		this.emulator = StreamEmulator.start();
		this.emulator.progressionStep(Duration.ZERO);
		this.client = new EmulatorClient(this.emulator);
	}

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void deleteChannelsCompletesWithStatusPerCid() {
		HttpResponse<String> response = this.client.post("/api/v2/chat/channels/delete",
				"{\"cids\":[\"messaging:general\",\"team:red\"],\"hard_delete\":true}");
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body.propertyNames()).containsExactly("task_id", "duration");
		assertThat(body.get("task_id").stringValue())
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		JsonNode task = json(this.client.getTask(body.get("task_id").stringValue()));
		assertThat(task.get("status").stringValue()).isEqualTo("completed");
		assertThat(task.get("result").toString())
			.isEqualTo("{\"messaging:general\":{\"status\":\"ok\"},\"team:red\":{\"status\":\"ok\"}}");
	}

	@Test
	void legacyDeleteChannelsPathStartsTask() {
		HttpResponse<String> response = this.client.post("/channels/delete", "{\"cids\":[\"messaging:general\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode task = json(this.client.getLegacyTask(json(response).get("task_id").stringValue()));
		assertThat(task.get("status").stringValue()).isEqualTo("completed");
		assertThat(task.get("created_at").isString()).isTrue();
	}

	@Test
	void deleteChannelsRejectsEmptyAndOversizedCids() {
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[]}"), "DeleteChannels", "cids",
				"cids must contain between 1 and 100 items");
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"hard_delete\":true}"), "DeleteChannels",
				"cids", "cids must contain between 1 and 100 items");
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":" + cids(101) + "}"),
				"DeleteChannels", "cids", "cids must contain between 1 and 100 items");
		assertThat(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":" + cids(100) + "}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void deleteChannelsRejectsBadCid() {
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:ok\",\"general\"]}"),
				"DeleteChannels", "cids[1]", "cids[1] must be a channel cid of the form type:id but was general");
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:\"]}"),
				"DeleteChannels", "cids[0]", "cids[0] must be a channel cid of the form type:id but was messaging:");
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[42]}"), "DeleteChannels", "cids",
				"cids[0] must be a non-empty string");
	}

	@Test
	void deleteChannelsRejectsNonBooleanHardDelete() {
		assertInputError(
				this.client.post("/api/v2/chat/channels/delete",
						"{\"cids\":[\"messaging:a\"],\"hard_delete\":\"yes\"}"),
				"DeleteChannels", "hard_delete", "hard_delete must be a boolean");
	}

	@Test
	void bodyThatIsNotJsonObjectIsRejected() {
		assertInputError(this.client.post("/api/v2/chat/channels/delete", "not json"), "DeleteChannels", "body",
				"request body must be a JSON object");
		assertInputError(this.client.post("/api/v2/users/delete", "[]"), "DeleteUsers", "body",
				"request body must be a JSON object");
	}

	@Test
	void exportChannelsCompletesWithUrlServingExportFile() {
		HttpResponse<String> response = this.client.post("/api/v2/chat/export_channels",
				"{\"channels\":[{\"cid\":\"messaging:general\"},{\"type\":\"team\",\"id\":\"red\"}],"
						+ "\"messages_since\":\"2024-01-01T00:00:00Z\",\"version\":\"v2\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		String taskId = json(response).get("task_id").stringValue();
		JsonNode task = json(this.client.getTask(taskId));
		String url = this.emulator.baseUrl() + "/exports/" + taskId + ".json";
		assertThat(task.get("result").toString()).isEqualTo("{\"url\":\"" + url + "\"}");
		HttpResponse<String> file = this.client.send(HttpRequest.newBuilder(URI.create(url)).build());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		assertThat(file.body()).isEqualTo("{\"channels\":[{\"cid\":\"messaging:general\",\"messages\":[]},"
				+ "{\"cid\":\"team:red\",\"messages\":[]}]}");
	}

	@Test
	void legacyExportChannelsPathStartsTask() {
		HttpResponse<String> response = this.client.post("/export_channels",
				"{\"channels\":[{\"cid\":\"messaging:general\"}]}");
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void exportChannelsRejectsMissingOrBadChannels() {
		assertInputError(this.client.post("/api/v2/chat/export_channels", "{\"channels\":[]}"), "ExportChannels",
				"channels", "channels must contain at least 1 item");
		assertInputError(this.client.post("/api/v2/chat/export_channels", "{\"channels\":[{\"type\":\"team\"}]}"),
				"ExportChannels", "channels[0]", "channels[0] must have a cid or a type and an id");
		assertInputError(this.client.post("/api/v2/chat/export_channels", "{\"channels\":[{\"cid\":\"general\"}]}"),
				"ExportChannels", "channels[0].cid",
				"channels[0].cid must be a channel cid of the form type:id but was general");
		assertInputError(
				this.client.post("/api/v2/chat/export_channels",
						"{\"channels\":[{\"cid\":\"messaging:a\"}],\"messages_until\":\"yesterday\"}"),
				"ExportChannels", "messages_until", "messages_until must be an RFC 3339 date-time but was yesterday");
	}

	@Test
	void exportUsersCompletesWithUrlServingExportFile() {
		HttpResponse<String> response = this.client.post("/export/users", "{\"user_ids\":[\"alice\",\"bob\"]}");
		assertThat(response.statusCode()).isEqualTo(200);
		String taskId = json(response).get("task_id").stringValue();
		String url = json(this.client.getTask(taskId)).get("result").get("url").stringValue();
		assertThat(url).isEqualTo(this.emulator.baseUrl() + "/exports/" + taskId + ".json");
		HttpResponse<String> file = this.client.send(HttpRequest.newBuilder(URI.create(url)).build());
		assertThat(file.body()).isEqualTo("{\"users\":[{\"id\":\"alice\"},{\"id\":\"bob\"}]}");
	}

	@Test
	void exportUsersRejectsMoreThan25UserIds() {
		assertInputError(this.client.post("/api/v2/export/users", "{\"user_ids\":" + userIds(26) + "}"), "ExportUsers",
				"user_ids", "user_ids must contain between 1 and 25 items");
		assertThat(this.client.post("/api/v2/export/users", "{\"user_ids\":" + userIds(25) + "}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void deleteUsersCompletesWithStatusPerUser() {
		HttpResponse<String> response = this.client.post("/api/v2/users/delete",
				"{\"user_ids\":[\"alice\",\"bob\"],\"user\":\"hard\",\"messages\":\"pruning\",\"conversations\":\"soft\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode task = json(this.client.getTask(json(response).get("task_id").stringValue()));
		assertThat(task.get("result").toString())
			.isEqualTo("{\"alice\":{\"status\":\"ok\"},\"bob\":{\"status\":\"ok\"}}");
	}

	@Test
	void deleteUsersRejectsBadSizeAndMode() {
		assertInputError(this.client.post("/users/delete", "{\"user_ids\":" + userIds(101) + "}"), "DeleteUsers",
				"user_ids", "user_ids must contain between 1 and 100 items");
		assertInputError(this.client.post("/users/delete", "{\"user_ids\":[\"alice\"],\"messages\":\"partial\"}"),
				"DeleteUsers", "messages", "messages must be one of soft, pruning or hard but was partial");
		assertInputError(this.client.post("/users/delete", "{\"user_ids\":[\"alice\"],\"user\":true}"), "DeleteUsers",
				"user", "user must be a string");
	}

	@Test
	void startedTaskMovesThroughStatusesOnProgressionSchedule() {
		this.emulator.progressionStep(Duration.ofMillis(250));
		String taskId = json(this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:a\"]}"))
			.get("task_id")
			.stringValue();
		List<String> statuses = new ArrayList<>();
		List<Long> updatedAt = new ArrayList<>();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
			JsonNode task = json(this.client.getTask(taskId));
			String status = task.get("status").stringValue();
			if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
				statuses.add(status);
				updatedAt.add(task.get("updated_at").longValue());
			}
			return status.equals("completed");
		});
		assertThat(statuses).containsExactly("waiting", "pending", "running", "completed");
		long createdAt = json(this.client.getTask(taskId)).get("created_at").longValue();
		long step = Duration.ofMillis(250).toNanos();
		assertThat(updatedAt).containsExactly(createdAt, createdAt + step, createdAt + 2 * step, createdAt + 3 * step);
	}

	@Test
	void unknownPathIsNotFound() {
		HttpResponse<String> response = this.client.post("/api/v2/chat/channels/purge", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("code").intValue()).isEqualTo(16);
		assertThat(json(response).get("message").stringValue())
			.isEqualTo("Not found: no endpoint serves POST /api/v2/chat/channels/purge");
	}

	@Test
	void unknownExportFileIsNotFound() {
		HttpResponse<String> response = this.client
			.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/exports/nothing.json")).build());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("code").intValue()).isEqualTo(16);
	}

	private static void assertInputError(HttpResponse<String> response, String operation, String field, String detail) {
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(body.get("code").intValue()).isEqualTo(4);
		assertThat(body.get("StatusCode").intValue()).isEqualTo(400);
		assertThat(body.get("message").stringValue()).isEqualTo(operation + " failed with error: \"" + detail + "\"");
		assertThat(body.get("exception_fields").get(field).stringValue()).isEqualTo(detail);
	}

	private static String cids(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "\"messaging:c" + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
	}

	private static String userIds(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "\"user" + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
	}

}
