package io.getstream.spring.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code X-RateLimit-*} headers and the per-endpoint one-minute window.
 */
class RateLimitTests {

	private StreamEmulator emulator;

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void everyResponseCarriesRateLimitHeaders() {
		this.emulator = StreamEmulator.start();
		EmulatorClient client = new EmulatorClient(this.emulator);
		String taskId = this.emulator.scriptTask(TaskScript.statuses("completed"));
		List<HttpResponse<String>> responses = List.of(client.getTask(taskId), client.getTask("unknown"),
				client.getLegacyTask(taskId));
		List<RecordedRequest> requests = this.emulator.requests();
		for (int i = 0; i < responses.size(); i++) {
			HttpResponse<String> response = responses.get(i);
			assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");
			assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(9999 - i));
			assertThat(response.headers().firstValue("X-RateLimit-Reset"))
				.hasValue(Long.toString(windowEnd(requests.get(i).receivedAt())));
			assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		}
		assertThat(responses.get(1).statusCode()).isEqualTo(404);
	}

	@Test
	void exhaustedWindowRespondsWith429Code9() {
		this.emulator = StreamEmulator.start(StreamEmulator.Settings.defaults().withRateLimitPerMinute(3));
		EmulatorClient client = new EmulatorClient(this.emulator);
		String taskId = this.emulator.scriptTask(TaskScript.statuses("completed"));
		waitUnlessWindowHasTwoSecondsLeft();
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			responses.add(client.getTask(taskId));
		}
		List<RecordedRequest> requests = this.emulator.requests();
		assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 429, 429);
		assertThat(responses).extracting((response) -> response.headers().firstValue("X-RateLimit-Remaining").get())
			.containsExactly("2", "1", "0", "0", "0");
		HttpResponse<String> limited = responses.get(3);
		Instant receivedAt = requests.get(3).receivedAt();
		JsonNode body = json(limited);
		assertThat(body.get("code").intValue()).isEqualTo(9);
		assertThat(body.get("StatusCode").intValue()).isEqualTo(429);
		assertThat(body.get("message").stringValue()).isEqualTo(
				"GetTask failed with error: \"Too many requests, check response headers for more information.\"");
		assertThat(limited.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
		assertThat(limited.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(windowEnd(receivedAt)));
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValue(Long.toString(windowEnd(receivedAt) - receivedAt.getEpochSecond()));
	}

	@Test
	void windowsAreCountedPerEndpoint() {
		this.emulator = StreamEmulator.start(StreamEmulator.Settings.defaults().withRateLimitPerMinute(1));
		this.emulator.progressionStep(Duration.ZERO);
		EmulatorClient client = new EmulatorClient(this.emulator);
		String taskId = this.emulator.scriptTask(TaskScript.statuses("completed"));
		waitUnlessWindowHasTwoSecondsLeft();
		assertThat(client.getTask(taskId).statusCode()).isEqualTo(200);
		assertThat(client.getLegacyTask(taskId).statusCode()).isEqualTo(429);
		HttpResponse<String> delete = client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:a\"]}");
		assertThat(delete.statusCode()).isEqualTo(200);
		assertThat(delete.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(client.post("/api/v2/users/delete", "{\"user_ids\":[\"a\"]}").statusCode()).isEqualTo(200);
	}

	private static long windowEnd(Instant instant) {
		return (instant.getEpochSecond() / 60 + 1) * 60;
	}

	/**
	 * Sleeps into the next minute when the current one-minute window ends within two
	 * seconds, so that a test's requests all fall into one window.
	 */
	private static void waitUnlessWindowHasTwoSecondsLeft() {
		Instant now = Instant.now();
		long untilEnd = windowEnd(now) - now.getEpochSecond();
		if (untilEnd <= 2) {
			try {
				Thread.sleep(Duration.ofSeconds(untilEnd).toMillis() + 100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
