package io.getstream.spring.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Server-side JWT for Stream's REST API: HS256 over the API secret, with the claims
 * {@code server: true}, an {@code iat} back-dated by five seconds (Stream rejects a token
 * issued in its future with code 42) and an {@code exp} one hour later. The token is
 * cached and minted again ten minutes before it expires.
 * <p>
 * {@link #toString()} never shows the secret or the token.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public final class StreamServerToken {

	static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	static final Duration LIFETIME = Duration.ofHours(1);

	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(10);

	private static final String HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

	private final SecretKeySpec key;

	private final Clock clock;

	private volatile @Nullable IssuedToken current;

	/**
	 * Creates a token source for the given API secret.
	 * @param apiSecret the app's API secret
	 */
	public StreamServerToken(String apiSecret) {
		this(apiSecret, Clock.systemUTC());
	}

	StreamServerToken(String apiSecret, Clock clock) {
		this.key = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.clock = clock;
	}

	/**
	 * Returns a token that stays valid for at least ten more minutes.
	 * @return the compact JWT
	 */
	public String token() {
		Instant now = this.clock.instant();
		IssuedToken token = this.current;
		if (token == null || !now.isBefore(token.renewAt())) {
			token = mint(now);
			this.current = token;
		}
		return token.value();
	}

	private IssuedToken mint(Instant now) {
		long issuedAt = now.minus(CLOCK_SKEW).getEpochSecond();
		long expiresAt = issuedAt + LIFETIME.toSeconds();
		String payload = base64Url("{\"server\":true,\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + "}");
		String signingInput = HEADER + "." + payload;
		String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(sign(signingInput));
		Instant renewAt = Instant.ofEpochSecond(expiresAt).minus(RENEW_BEFORE_EXPIRY);
		return new IssuedToken(signingInput + "." + signature, renewAt);
	}

	private byte[] sign(String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available to sign the Stream server token", ex);
		}
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "StreamServerToken[HS256, server]";
	}

	private record IssuedToken(String value, Instant renewAt) {

		@Override
		public String toString() {
			return "IssuedToken[renewAt=" + this.renewAt + "]";
		}

	}

}
