package io.getstream.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JDK {@link HttpClient} that sends authenticated requests to a {@link StreamEmulator}.
 */
final class EmulatorClient {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final StreamEmulator emulator;

	private final HttpClient httpClient;

	EmulatorClient(StreamEmulator emulator) {
		this.emulator = emulator;
		this.httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/**
	 * Mints a server token the way Stream's SDKs do: HS256 over the secret's UTF-8 bytes
	 * with {@code "server": true}, issued five seconds ago.
	 * @param secret the API secret
	 * @return the token
	 */
	static String serverToken(String secret) {
		return JWT.create()
			.withClaim("server", true)
			.withIssuedAt(Instant.now().minusSeconds(5))
			.sign(Algorithm.HMAC256(secret));
	}

	static String encodeSegment(String id) {
		return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static JsonNode json(HttpResponse<String> response) {
		return jsonMapper.readTree(response.body());
	}

	String taskPath(String taskId) {
		return "/api/v2/tasks/" + encodeSegment(taskId);
	}

	String legacyTaskPath(String taskId) {
		return "/tasks/" + encodeSegment(taskId);
	}

	HttpResponse<String> getTask(String taskId) {
		return send(authorized(taskPath(taskId)).GET().build());
	}

	HttpResponse<String> getLegacyTask(String taskId) {
		return send(authorized(legacyTaskPath(taskId)).GET().build());
	}

	CompletableFuture<HttpResponse<String>> getTaskAsync(String taskId, Duration timeout) {
		HttpRequest request = authorized(taskPath(taskId)).timeout(timeout).GET().build();
		return this.httpClient.sendAsync(request, BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String json) {
		return send(authorized(path).POST(HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json")
			.build());
	}

	/**
	 * Starts a request with the {@code api_key} parameter and the authentication headers
	 * set.
	 * @param path the raw path, already percent-encoded
	 * @return the request builder
	 */
	HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(uri(path, this.emulator.apiKey()))
			.header("Authorization", serverToken(this.emulator.apiSecret()))
			.header("stream-auth-type", "jwt");
	}

	URI uri(String path, String apiKey) {
		return URI.create(this.emulator.baseUrl() + path + "?api_key=" + apiKey);
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.httpClient.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> sendOrThrow(HttpRequest request) throws IOException, InterruptedException {
		return this.httpClient.send(request, BodyHandlers.ofString());
	}

}
