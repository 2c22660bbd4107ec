package io.getstream.spring.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks of Stream's server-side authentication: the {@code api_key} query parameter, the
 * {@code stream-auth-type: jwt} header and an HS256 JWT in the {@code Authorization}
 * header, sent raw without a {@code Bearer} prefix.
 */
final class TokenVerifier {

	private static final String HMAC_SHA256 = "HmacSHA256";

	private final String apiKey;

	private final SecretKeySpec key;

	private final JsonMapper jsonMapper;

	TokenVerifier(String apiKey, String apiSecret, JsonMapper jsonMapper) {
		this.apiKey = apiKey;
		this.key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256);
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Verifies the credentials of one request. Claims are read only once the signature
	 * matches, and {@code exp}, {@code nbf} and {@code iat} are compared with the current
	 * second without clock skew allowance.
	 * @param apiKey the {@code api_key} query parameter, or {@code null}
	 * @param authType the {@code stream-auth-type} header, or {@code null}
	 * @param token the {@code Authorization} header, or {@code null}
	 * @param now the time of the request
	 * @return the failure to send as HTTP 401, or {@code null} when the request is
	 * authenticated
	 */
	@Nullable Failure verify(@Nullable String apiKey, @Nullable String authType, @Nullable String token, Instant now) {
		if (apiKey == null || apiKey.isEmpty()) {
			return new Failure(2, "api_key is missing from the query string");
		}
		if (!apiKey.equals(this.apiKey)) {
			return new Failure(2, "api_key not found");
		}
		if (authType == null || !authType.equals("jwt")) {
			return new Failure(5, "JWTAuth error: stream-auth-type header must be \"jwt\"");
		}
		if (token == null || token.isEmpty()) {
			return new Failure(5, "JWTAuth error: Authorization header is missing");
		}
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return new Failure(5, "JWTAuth error: token contains an invalid number of segments");
		}
		JsonNode header = decodeJson(parts[0]);
		JsonNode claims = decodeJson(parts[1]);
		byte[] signature = decodeBase64(parts[2]);
		if (header == null || claims == null || signature == null) {
			return new Failure(5, "JWTAuth error: token is not a valid JWT");
		}
		String algorithm = header.path("alg").asString("");
		if (!algorithm.equals("HS256")) {
			return new Failure(43, "JWTAuth error: unexpected signing method \"" + algorithm + "\", expected HS256");
		}
		if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
			return new Failure(43, "JWTAuth error: signature is not valid. Make sure the token is created using "
					+ "the secret for API key \"" + this.apiKey + "\"");
		}
		return verifyClaims(claims, now.getEpochSecond());
	}

	private @Nullable Failure verifyClaims(JsonNode claims, long nowSecond) {
		for (String name : new String[] { "exp", "nbf", "iat" }) {
			JsonNode claim = claims.get(name);
			if (claim != null && !claim.isNull() && !claim.isNumber()) {
				return new Failure(5, "JWTAuth error: claim \"" + name + "\" is not a number");
			}
		}
		if (isAtOrBefore(claims.get("exp"), nowSecond)) {
			return new Failure(40, "JWTAuth error: token has expired");
		}
		if (isAfter(claims.get("nbf"), nowSecond)) {
			return new Failure(41, "JWTAuth error: token is not valid yet");
		}
		if (isAfter(claims.get("iat"), nowSecond)) {
			return new Failure(42, "JWTAuth error: token used before issue at (iat)");
		}
		return null;
	}

	private static boolean isAtOrBefore(@Nullable JsonNode claim, long nowSecond) {
		return claim != null && claim.isNumber() && claim.asDouble() <= nowSecond;
	}

	private static boolean isAfter(@Nullable JsonNode claim, long nowSecond) {
		return claim != null && claim.isNumber() && claim.asDouble() > nowSecond;
	}

	private byte[] sign(String signingInput) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	private @Nullable JsonNode decodeJson(String part) {
		byte[] bytes = decodeBase64(part);
		if (bytes == null) {
			return null;
		}
		try {
			JsonNode node = this.jsonMapper.readTree(bytes);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static byte @Nullable [] decodeBase64(String part) {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Reason why a request was not authenticated.
	 *
	 * @param code the Stream error code
	 * @param detail the text that follows the operation name in the error message
	 */
	record Failure(int code, String detail) {

	}

}
