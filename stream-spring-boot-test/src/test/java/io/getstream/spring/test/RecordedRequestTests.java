package io.getstream.spring.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the requests that the emulator records.
 */
class RecordedRequestTests {

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
	void requestsAreRecordedInOrderWithAllParts() {
		this.emulator.scriptTask("a/b c", TaskScript.statuses("running"));
		Instant before = Instant.now();
		this.client.getTask("a/b c");
		this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:a\"]}");
		Instant after = Instant.now();
		List<RecordedRequest> requests = this.emulator.requests();
		assertThat(requests).hasSize(2);
		RecordedRequest get = requests.get(0);
		assertThat(get.method()).isEqualTo("GET");
		assertThat(get.path()).isEqualTo("/api/v2/tasks/a/b c");
		assertThat(get.rawPath()).isEqualTo("/api/v2/tasks/a%2Fb%20c");
		assertThat(get.query()).isEqualTo("api_key=" + this.emulator.apiKey());
		assertThat(get.queryParameter("api_key")).isEqualTo(this.emulator.apiKey());
		assertThat(get.header("Stream-Auth-Type")).isEqualTo("jwt");
		assertThat(get.headers()).containsKeys("authorization", "stream-auth-type", "host");
		assertThat(get.headers().keySet()).allMatch((name) -> name.equals(name.toLowerCase()));
		assertThat(get.header("x-missing")).isNull();
		assertThat(get.body()).isEmpty();
		assertThat(get.receivedAt()).isBetween(before, after);
		RecordedRequest post = requests.get(1);
		assertThat(post.method()).isEqualTo("POST");
		assertThat(post.path()).isEqualTo("/api/v2/chat/channels/delete");
		assertThat(post.body()).isEqualTo("{\"cids\":[\"messaging:a\"]}");
		assertThat(post.header("content-type")).isEqualTo("application/json");
		assertThat(post.receivedNanos()).isGreaterThan(get.receivedNanos());
	}

	@Test
	void taskRequestsReturnsOnlyGetsOfThatTask() {
		this.emulator.scriptTask("one", TaskScript.statuses("running"));
		this.emulator.scriptTask("two", TaskScript.statuses("running"));
		this.client.getTask("one");
		this.client.getTask("two");
		this.client.getLegacyTask("one");
		this.client.post("/api/v2/chat/channels/delete", "{\"cids\":[\"messaging:one\"]}");
		assertThat(this.emulator.taskRequests("one")).extracting(RecordedRequest::rawPath)
			.containsExactly("/api/v2/tasks/one", "/tasks/one");
		assertThat(this.emulator.taskRequests("two")).extracting(RecordedRequest::rawPath)
			.containsExactly("/api/v2/tasks/two");
		assertThat(this.emulator.taskRequests("three")).isEmpty();
	}

	@Test
	void rejectedRequestsAreRecordedToo() {
		HttpResponse<String> response = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/api/v2/tasks/x", "wrong")).build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.emulator.requests()).extracting(RecordedRequest::query).containsExactly("api_key=wrong");
	}

	@Test
	void clearRequestsForgetsRecordedRequests() {
		this.emulator.scriptTask("one", TaskScript.statuses("running"));
		this.client.getTask("one");
		this.emulator.clearRequests();
		assertThat(this.emulator.requests()).isEmpty();
		assertThat(this.emulator.taskRequests("one")).isEmpty();
		this.client.getTask("one");
		assertThat(this.emulator.requests()).hasSize(1);
	}

	@Test
	void requestsSnapshotIsImmutable() {
		List<RecordedRequest> requests = this.emulator.requests();
		assertThat(requests).isUnmodifiable();
	}

}
