package io.getstream.spring.benchmarks;

import java.util.List;

import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.getstream.spring.test.TaskStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that each {@link ClientKind} polls through the HTTP library it names, identified
 * by the {@code User-Agent} header each library sends.
 */
class ClientKindTests {

	private StreamEmulator emulator;

	private EmulatorEndpoint endpoint;

	private String taskId;

	@BeforeEach
	void startEmulator() {
		this.emulator = StreamEmulator.start();
		this.endpoint = new EmulatorEndpoint(this.emulator.baseUrl(), this.emulator.apiKey(),
				this.emulator.apiSecret());
		this.taskId = this.emulator.scriptTask(TaskScript.of(TaskStep.completed(BenchmarkEmulator.COMPLETED_RESULT)));
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void starterHttpComponentsUsesApacheHttpClient() {
		assertThat(pollOnce(ClientKind.STARTER_HTTP_COMPONENTS)).startsWith("Apache-HttpClient/5");
	}

	@Test
	void starterSimpleUsesHttpUrlConnection() {
		assertThat(pollOnce(ClientKind.STARTER_SIMPLE)).startsWith("Java/");
	}

	@Test
	void starterJdkUsesJdkHttpClient() {
		assertThat(pollOnce(ClientKind.STARTER_JDK)).startsWith("Java-http-client/");
	}

	@Test
	void officialSdkUsesOkHttp() {
		assertThat(pollOnce(ClientKind.OFFICIAL_SDK)).startsWith("okhttp/4.");
	}

	@Test
	void starterDefaultIsApacheHttpClient() {
		try (PollClient client = new StarterPollClient(this.endpoint, this.taskId)) {
			assertThat(client.poll()).isEqualTo("completed");
		}
		assertThat(userAgents()).singleElement().asString().startsWith("Apache-HttpClient/5");
	}

	private String pollOnce(ClientKind kind) {
		try (PollClient client = kind.create(this.endpoint, this.taskId)) {
			assertThat(client.poll()).isEqualTo("completed");
		}
		List<String> userAgents = userAgents();
		assertThat(userAgents).hasSize(1);
		return userAgents.get(0);
	}

	private List<String> userAgents() {
		return this.emulator.taskRequests(this.taskId)
			.stream()
			.map((request) -> String.valueOf(request.header("User-Agent")))
			.toList();
	}

}
