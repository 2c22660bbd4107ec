package io.getstream.spring.sample;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.getstream.spring.StreamTaskException;
import io.getstream.spring.StreamTransportException;
import io.getstream.spring.autoconfigure.StreamProperties;
import io.getstream.spring.tasks.Task;
import io.getstream.spring.tasks.TaskError;
import io.getstream.spring.test.RecordedRequest;
import io.getstream.spring.test.StreamEmulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SampleTaskPollingApplication} against its embedded Stream emulator.
 * <p>
 * {@code stream.api-key} is set blank so that the emulator is used even where the
 * environment sets {@code STREAM_API_KEY}.
 *
 * @author Stream Spring Boot contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "stream.api-key=")
@ExtendWith(OutputCaptureExtension.class)
class SampleTaskPollingApplicationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final Pattern DEMO_RESULT_LINE = Pattern
		.compile("Stream task (\\S+) completed in \\d+ ms: \\{url=(\\S+)\\}");

	@LocalServerPort
	private int port;

	@Autowired
	private StreamEmulator emulator;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private StreamExceptionHandler exceptionHandler;

	private RestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void demoExportsChannelAndExitsWithZero(CapturedOutput output) {
		int outputStart = output.getOut().length();
		ConfigurableApplicationContext context = SampleTaskPollingApplication.run("--demo", "--stream.api-key=");
		try {
			StreamEmulator demoEmulator = context.getBean(StreamEmulator.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			String printed = output.getOut().substring(outputStart);

			Matcher resultLine = DEMO_RESULT_LINE.matcher(printed);
			assertThat(resultLine.find()).as("demo result line in:%n%s", printed).isTrue();
			String taskId = resultLine.group(1);
			assertThat(resultLine.group(2)).isEqualTo(demoEmulator.baseUrl() + "/exports/" + taskId + ".json");
			assertThat(printed).contains("stream.tasks.polls{status=completed} 1.0\n")
				.contains("stream.tasks.wait{outcome=completed} count=1 total=")
				.contains("stream.tasks.wait.active active=0\n");

			assertThat(registry.get("stream.tasks.wait").tag("outcome", "completed").timer().count()).isEqualTo(1);
			assertThat(registry.get("stream.tasks.polls").tag("status", "completed").counter().count()).isEqualTo(1);
			assertThat(sum(registry.get("stream.tasks.polls").counters()))
				.isEqualTo(demoEmulator.taskRequests(taskId).size());
			assertThat(sum(registry.get("stream.tasks.retries").counters())).isZero();
			assertThat(registry.get("stream.tasks.wait.active").longTaskTimer().activeTasks()).isZero();

			int emulatorPort = demoEmulator.port();
			assertThat(SpringApplication.exit(context)).isZero();
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> new Socket("127.0.0.1", emulatorPort).close());
		}
		finally {
			context.close();
		}
	}

	@Test
	void apiKeyTurnsEmulatorOff(CapturedOutput output) {
		int outputStart = output.getOut().length();
		ConfigurableApplicationContext context = SampleTaskPollingApplication.run("--demo",
				"--stream.api-key=" + this.emulator.apiKey(), "--stream.api-secret=" + this.emulator.apiSecret(),
				"--stream.base-url=" + this.emulator.baseUrl());
		try {
			String printed = output.getOut().substring(outputStart);
			assertThat(context.getBeanProvider(StreamEmulator.class).getIfAvailable()).isNull();
			assertThat(context.getBean(StreamProperties.class).getBaseUrl()).isEqualTo(this.emulator.baseUrl());
			assertThat(printed).doesNotContain("embedded Stream emulator");
			Matcher resultLine = DEMO_RESULT_LINE.matcher(printed);
			assertThat(resultLine.find()).as("demo result line in:%n%s", printed).isTrue();
			assertThat(this.emulator.taskRequests(resultLine.group(1))).isNotEmpty();
			assertThat(SpringApplication.exit(context)).isZero();
		}
		finally {
			context.close();
		}
	}

	@Test
	void exportReturnsCompletedTask() {
		double waitsBefore = completedWaits();

		ResponseEntity<Map<String, Object>> response = this.client.post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("cids", List.of("messaging:general")))
			.retrieve()
			.toEntity(JSON_OBJECT);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		Map<String, Object> task = response.getBody();
		assertThat(task).isNotNull();
		String taskId = (String) task.get("taskId");
		assertThat(task.get("status")).isEqualTo("completed");
		assertThat(task.get("result"))
			.isEqualTo(Map.of("url", this.emulator.baseUrl() + "/exports/" + taskId + ".json"));
		assertThat(completedWaits()).isEqualTo(waitsBefore + 1);
		RecordedRequest export = this.emulator.requests()
			.stream()
			.filter((request) -> request.path().equals(StreamChannelClient.EXPORT_CHANNELS_PATH))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(export.body()).isEqualTo("{\"channels\":[{\"cid\":\"messaging:general\"}]}");
		assertThat(export.queryParameter("api_key")).isEqualTo(this.emulator.apiKey());
	}

	@Test
	void channelDeleteFinishesInBackground() {
		// Long enough that the first GET of the wait's state finds it pending.
		this.emulator.progressionStep(Duration.ofMillis(500));
		try {
			ResponseEntity<Map<String, Object>> accepted = this.client.post()
				.uri("/channels/delete")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("cids", List.of("messaging:a", "messaging:b")))
				.retrieve()
				.toEntity(JSON_OBJECT);

			assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
			String taskId = (String) accepted.getBody().get("taskId");
			assertThat(accepted.getBody()).isEqualTo(Map.of("taskId", taskId, "outcome", "pending"));
			assertThat(accepted.getHeaders().getLocation())
				.hasToString("http://127.0.0.1:" + this.port + "/tasks/" + taskId);
			assertThat(getBackgroundWait(taskId)).isEqualTo(Map.of("taskId", taskId, "outcome", "pending"));

			Map<String, Object> okResult = Map.of("status", "ok");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(getBackgroundWait(taskId)).isEqualTo(Map.of("taskId", taskId, "outcome",
						"completed", "result", Map.of("messaging:a", okResult, "messaging:b", okResult))));
		}
		finally {
			this.emulator.progressionStep(StreamEmulator.Settings.DEFAULT_PROGRESSION_STEP);
		}
		RecordedRequest delete = this.emulator.requests()
			.stream()
			.filter((request) -> request.path().equals(StreamChannelClient.DELETE_CHANNELS_PATH))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(delete.body()).contains("\"hard_delete\":true");
	}

	@Test
	void unknownTaskReturnsNotFound() {
		ResponseEntity<Map<String, Object>> response = this.client.get()
			.uri("/tasks/{id}", "unknown-task")
			.retrieve()
			.toEntity(JSON_OBJECT);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).containsEntry("detail", "No background wait for task 'unknown-task': "
				+ "only tasks started with POST /channels/delete are tracked, the latest 1000");
	}

	@Test
	void emptyCidsReturnBadRequest() {
		ResponseEntity<Map<String, Object>> response = postChannelDelete(List.of());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("detail",
				"Invalid cids: pass 1 to 100 channel cids, such as {\"cids\": [\"messaging:general\"]}");
	}

	@Test
	void rejectedCidReturnsBadRequest() {
		ResponseEntity<Map<String, Object>> response = postChannelDelete(List.of("general"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).containsEntry("title", "Stream rejected the request")
			.containsEntry("detail",
					"DeleteChannels failed with error: \"cids[0] must be a channel cid of the form type:id but was general\"")
			.containsEntry("streamStatus", 400)
			.containsEntry("streamCode", 4);
	}

	@Test
	void failedTaskMapsToBadGateway() {
		Task task = new Task("task-1", Task.FAILED, null, null, "", Map.of(),
				new TaskError("export_failed", "channel messaging:general is too large", "", "v1"));

		ProblemDetail problem = this.exceptionHandler.handleTaskFailure(new StreamTaskException(task));

		assertThat(problem.getStatus()).isEqualTo(502);
		assertThat(problem.getTitle()).isEqualTo("Stream task failed");
		assertThat(problem.getProperties()).containsEntry("taskId", "task-1")
			.containsEntry("errorType", "export_failed")
			.containsEntry("description", "channel messaging:general is too large");
	}

	@Test
	void waitTimeoutMapsToGatewayTimeout() {
		StreamTransportException timeout = new StreamTransportException(StreamTransportException.TIMEOUT,
				"Timed out after 30s waiting for task 'task-1'", null);

		ProblemDetail problem = this.exceptionHandler.handleTransportFailure(timeout);

		assertThat(problem.getStatus()).isEqualTo(504);
		assertThat(problem.getTitle()).isEqualTo("Timed out waiting for Stream task");
		assertThat(problem.getProperties()).containsEntry("errorType", "timeout");
	}

	@Test
	void metricsEndpointListsTaskPolls() {
		ResponseEntity<MetricDescription> response = this.client.get()
			.uri("/actuator/metrics/stream.tasks.polls")
			.retrieve()
			.toEntity(MetricDescription.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		MetricDescription metric = response.getBody();
		assertThat(metric).isNotNull();
		assertThat(metric.name()).isEqualTo("stream.tasks.polls");
		assertThat(metric.baseUnit()).isEqualTo("requests");
		assertThat(metric.availableTags()).singleElement().satisfies((tag) -> {
			assertThat(tag.tag()).isEqualTo("status");
			assertThat(tag.values()).containsExactlyInAnyOrder("waiting", "pending", "running", "completed", "failed",
					"error", "other");
		});
	}

	@Test
	void prometheusEndpointExposesTaskMeters() {
		ResponseEntity<String> response = this.client.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.retrieve()
			.toEntity(String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("stream_tasks_polls_requests_total{status=\"completed\"} ")
			.contains("stream_tasks_wait_seconds_count{outcome=\"completed\"} ")
			.contains("stream_tasks_wait_active_seconds_count ")
			.contains("stream_tasks_retries_requests_total{reason=\"rate_limited\"} ");
	}

	private ResponseEntity<Map<String, Object>> postChannelDelete(List<String> cids) {
		return this.client.post()
			.uri("/channels/delete")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("cids", cids))
			.retrieve()
			.toEntity(JSON_OBJECT);
	}

	private Map<String, Object> getBackgroundWait(String taskId) {
		return this.client.get().uri("/tasks/{id}", taskId).retrieve().body(JSON_OBJECT);
	}

	private static double sum(Collection<Counter> counters) {
		return counters.stream().mapToDouble(Counter::count).sum();
	}

	private double completedWaits() {
		return this.meterRegistry.get("stream.tasks.wait").tag("outcome", "completed").timer().count();
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record MetricDescription(String name, String baseUnit, List<AvailableTag> availableTags) {

	}

	record AvailableTag(String tag, List<String> values) {

	}

}
