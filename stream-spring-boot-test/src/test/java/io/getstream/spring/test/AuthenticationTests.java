package io.getstream.spring.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.getstream.spring.test.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the emulator's checks of {@code api_key}, {@code stream-auth-type} and the
 * JWT in {@code Authorization}.
 */
class AuthenticationTests {

	private StreamEmulator emulator;

	private EmulatorClient client;

	private String taskId;

	@BeforeEach
	void startEmulator() {
		this.emulator = StreamEmulator
			.start(StreamEmulator.Settings.defaults().withApiKey("test-key").withApiSecret("test-secret"));
		this.client = new EmulatorClient(this.emulator);
		this.taskId = this.emulator.scriptTask("task", TaskScript.statuses("completed"));
	}

	@AfterEach
	void closeEmulator() {
		this.emulator.close();
	}

	@Test
	void validServerTokenIsAccepted() {
		assertThat(this.client.getTask(this.taskId).statusCode()).isEqualTo(200);
		assertThat(this.emulator.apiKey()).isEqualTo("test-key");
		assertThat(this.emulator.apiSecret()).isEqualTo("test-secret");
	}

	@Test
	void tokenIssuedThisSecondIsAccepted() {
		String token = JWT.create()
			.withClaim("server", true)
			.withIssuedAt(Instant.now())
			.sign(Algorithm.HMAC256("test-secret"));
		assertThat(get(token, "jwt", "test-key").statusCode()).isEqualTo(200);
	}

	@Test
	void missingApiKeyIsRejectedWithCode2() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/api/v2/tasks/task"))
			.header("Authorization", EmulatorClient.serverToken("test-secret"))
			.header("stream-auth-type", "jwt")
			.build();
		assertUnauthorized(this.client.send(request), 2, "api_key is missing from the query string");
	}

	@Test
	void wrongApiKeyIsRejectedWithCode2() {
		assertUnauthorized(get(EmulatorClient.serverToken("test-secret"), "jwt", "other-key"), 2, "api_key not found");
	}

	@Test
	void missingAuthTypeIsRejectedWithCode5() {
		assertUnauthorized(get(EmulatorClient.serverToken("test-secret"), null, "test-key"), 5,
				"JWTAuth error: stream-auth-type header must be \"jwt\"");
	}

	@Test
	void missingTokenIsRejectedWithCode5() {
		assertUnauthorized(get(null, "jwt", "test-key"), 5, "JWTAuth error: Authorization header is missing");
	}

	@Test
	void bearerPrefixIsRejectedWithCode5() {
		assertUnauthorized(get("Bearer " + EmulatorClient.serverToken("test-secret"), "jwt", "test-key"), 5,
				"JWTAuth error: token is not a valid JWT");
	}

	@Test
	void tokenWithTwoSegmentsIsRejectedWithCode5() {
		assertUnauthorized(get("abc.def", "jwt", "test-key"), 5,
				"JWTAuth error: token contains an invalid number of segments");
	}

	@Test
	void wrongSignatureIsRejectedWithCode43() {
		assertUnauthorized(get(EmulatorClient.serverToken("other-secret"), "jwt", "test-key"), 43,
				"JWTAuth error: signature is not valid. Make sure the token is created using the secret for API key "
						+ "\"test-key\"");
	}

	@Test
	void tokenWithOtherAlgorithmIsRejectedWithCode43() {
		String token = JWT.create().withClaim("server", true).sign(Algorithm.HMAC384("test-secret"));
		assertUnauthorized(get(token, "jwt", "test-key"), 43,
				"JWTAuth error: unexpected signing method \"HS384\", expected HS256");
	}

	@Test
	void unsignedTokenIsRejectedWithCode43() {
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String claims = base64Url("{\"server\":true}");
		assertUnauthorized(get(header + "." + claims + ".", "jwt", "test-key"), 43,
				"JWTAuth error: unexpected signing method \"none\", expected HS256");
	}

	@Test
	void tokenIssuedInFutureIsRejectedWithCode42() {
		String token = JWT.create()
			.withClaim("server", true)
			.withIssuedAt(Instant.now().plusSeconds(2))
			.sign(Algorithm.HMAC256("test-secret"));
		assertUnauthorized(get(token, "jwt", "test-key"), 42, "JWTAuth error: token used before issue at (iat)");
	}

	@Test
	void expiredTokenIsRejectedWithCode40() {
		String token = JWT.create()
			.withClaim("server", true)
			.withExpiresAt(Instant.now().minusSeconds(1))
			.sign(Algorithm.HMAC256("test-secret"));
		assertUnauthorized(get(token, "jwt", "test-key"), 40, "JWTAuth error: token has expired");
	}

	@Test
	void tokenNotValidYetIsRejectedWithCode41() {
		String token = JWT.create()
			.withClaim("server", true)
			.withNotBefore(Instant.now().plusSeconds(60))
			.sign(Algorithm.HMAC256("test-secret"));
		assertUnauthorized(get(token, "jwt", "test-key"), 41, "JWTAuth error: token is not valid yet");
	}

	@Test
	void postEndpointsCheckAuthenticationToo() {
		HttpRequest request = HttpRequest.newBuilder(this.client.uri("/api/v2/chat/channels/delete", "test-key"))
			.header("stream-auth-type", "jwt")
			.POST(HttpRequest.BodyPublishers.ofString("{\"cids\":[\"messaging:a\"]}"))
			.build();
		HttpResponse<String> response = this.client.send(request);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).get("code").intValue()).isEqualTo(5);
		assertThat(json(response).get("message").stringValue())
			.isEqualTo("DeleteChannels failed with error: \"JWTAuth error: Authorization header is missing\"");
	}

	private HttpResponse<String> get(String token, String authType, String apiKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri("/api/v2/tasks/task", apiKey));
		if (token != null) {
			request.header("Authorization", token);
		}
		if (authType != null) {
			request.header("stream-auth-type", authType);
		}
		return this.client.send(request.build());
	}

	private static void assertUnauthorized(HttpResponse<String> response, int code, String detail) {
		JsonNode body = json(response);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(body.get("code").intValue()).isEqualTo(code);
		assertThat(body.get("StatusCode").intValue()).isEqualTo(401);
		assertThat(body.get("message").stringValue()).isEqualTo("GetTask failed with error: \"" + detail + "\"");
		assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
