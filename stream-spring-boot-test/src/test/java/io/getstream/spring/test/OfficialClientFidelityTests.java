package io.getstream.spring.test;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.getstream.exceptions.StreamException;
import io.getstream.models.DeleteChannelsRequest;
import io.getstream.models.DeleteChannelsResponse;
import io.getstream.models.GetTaskResponse;
import io.getstream.models.framework.StreamResponse;
import io.getstream.services.framework.StreamSDKClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that drive the emulator with Stream's official Java client
 * ({@code io.getstream:stream-sdk-java}) and check that both read every task field the
 * same way.
 */
class OfficialClientFidelityTests {

	private static final String KEY_PROPERTY = "io.getstream.apiKey";

	private static final String SECRET_PROPERTY = "io.getstream.apiSecret";

	private static final String URL_PROPERTY = "io.getstream.url";

	private final Map<String, String> savedProperties = new HashMap<>();

	private StreamEmulator emulator;

	private EmulatorClient emulatorClient;

	private StreamSDKClient officialClient;

	@BeforeEach
	void startEmulatorAndOfficialClient() {
		this.emulator = StreamEmulator.start();
		this.emulator.progressionStep(Duration.ZERO);
		this.emulatorClient = new EmulatorClient(this.emulator);
		// Version 4.1.1 of the official client reads the key, secret and base URL only
		// from environment variables or system properties: it ignores the key in the
		// Properties it is given. The system properties are set around its construction.
		saveAndSet(KEY_PROPERTY, this.emulator.apiKey());
		saveAndSet(SECRET_PROPERTY, this.emulator.apiSecret());
		saveAndSet(URL_PROPERTY, this.emulator.baseUrl());
		Properties properties = new Properties();
		properties.setProperty(KEY_PROPERTY, this.emulator.apiKey());
		this.officialClient = new StreamSDKClient(properties);
		// STREAM_BASE_URL in the environment would win over the system property: fail
		// before sending anything rather than reach another server.
		assertThat(this.officialClient.getHttpClient().getBaseUrl()).isEqualTo(this.emulator.baseUrl());
	}

	@AfterEach
	void restorePropertiesAndCloseEmulator() {
		this.savedProperties.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
		this.emulator.close();
	}

	@Test
	void officialClientAgreesOnDeleteChannelsTask() throws StreamException {
		Date before = new Date();
		DeleteChannelsRequest request = DeleteChannelsRequest.builder()
			.cids(List.of("messaging:general", "team:red"))
			.hardDelete(true)
			.build();
		StreamResponse<DeleteChannelsResponse> started = this.officialClient.chat().deleteChannels(request).execute();
		String taskId = started.getData().getTaskID();
		assertThat(this.emulator.requests()).hasSize(1);
		RecordedRequest start = this.emulator.requests().get(0);
		assertThat(start.rawPath()).isEqualTo("/api/v2/chat/channels/delete");
		assertThat(start.body()).isEqualTo("{\"cids\":[\"messaging:general\",\"team:red\"],\"hard_delete\":true}");
		assertThat(start.header("stream-auth-type")).isEqualTo("jwt");
		assertThat(start.header("authorization")).doesNotStartWith("Bearer");

		StreamResponse<GetTaskResponse> polled = this.officialClient.getTask(taskId).execute();
		GetTaskResponse task = polled.getData();
		JsonNode raw = json(this.emulatorClient.getTask(taskId));
		Date after = new Date();

		assertThat(task.getTaskID()).isEqualTo(taskId).isEqualTo(raw.get("task_id").stringValue());
		assertThat(task.getStatus()).isEqualTo("completed").isEqualTo(raw.get("status").stringValue());
		assertThat(task.getCreatedAt()).isEqualTo(dateOfNanos(raw.get("created_at").longValue()));
		assertThat(task.getCreatedAt()).isBetween(before, after, true, true);
		assertThat(task.getUpdatedAt()).isEqualTo(dateOfNanos(raw.get("updated_at").longValue()));
		assertThat(task.getResult())
			.isEqualTo(Map.of("messaging:general", Map.of("status", "ok"), "team:red", Map.of("status", "ok")));
		assertThat(task.getError()).isNull();
		assertThat(task.getDuration()).matches("\\d+\\.\\d{2}ms");
		assertThat(polled.getRateLimit().getLimit()).isEqualTo(10000);
		assertThat(polled.getRateLimit().getRemaining()).isEqualTo(9999);
		assertThat(this.emulator.taskRequests(taskId)).hasSize(2);
	}

	@Test
	void officialMapperReadsLegacyTimestampsLikeUnifiedOnes() throws Exception {
		String taskId = this.emulator.scriptTask(TaskScript.statuses("running"));
		GetTaskResponse unified = this.officialClient.getTask(taskId).execute().getData();
		String legacyBody = this.emulatorClient.getLegacyTask(taskId).body();
		GetTaskResponse legacy = this.officialClient.getHttpClient()
			.getObjectMapper()
			.readValue(legacyBody, GetTaskResponse.class);
		assertThat(legacy.getTaskID()).isEqualTo(taskId);
		assertThat(legacy.getStatus()).isEqualTo("running");
		assertThat(legacy.getCreatedAt()).isEqualTo(unified.getCreatedAt());
		assertThat(legacy.getUpdatedAt()).isEqualTo(unified.getUpdatedAt());
	}

	@Test
	void officialClientAgreesOnFailedTaskError() throws StreamException {
		String taskId = this.emulator.scriptTask(
				TaskScript.of(TaskStep.failed("ExportError", "no such channel", "goroutine 7 [running]", "v2.1.0")));
		GetTaskResponse task = this.officialClient.getTask(taskId).execute().getData();
		assertThat(task.getStatus()).isEqualTo("failed");
		assertThat(task.getResult()).isNull();
		assertThat(task.getError().getType()).isEqualTo("ExportError");
		assertThat(task.getError().getStacktrace()).isEqualTo("goroutine 7 [running]");
		assertThat(task.getError().getVersion()).isEqualTo("v2.1.0");
	}

	@Test
	void officialClientReadsEmulatorErrorBody() {
		assertThatExceptionOfType(StreamException.class)
			.isThrownBy(() -> this.officialClient.getTask("missing").execute())
			.satisfies((ex) -> {
				assertThat(ex.getResponseData().getCode()).isEqualTo(16);
				assertThat(ex.getResponseData().getStatusCode()).isEqualTo(404);
				assertThat(ex.getResponseData().getMessage())
					.isEqualTo("GetTask failed with error: \"task not found\"");
				assertThat(ex.getResponseData().getMoreInfo())
					.isEqualTo("https://getstream.io/chat/docs/api_errors_response");
			});
	}

	private void saveAndSet(String name, String value) {
		this.savedProperties.put(name, System.getProperty(name));
		System.setProperty(name, value);
	}

	private static Date dateOfNanos(long epochNanos) {
		return new Date(epochNanos / 1_000_000);
	}

}
