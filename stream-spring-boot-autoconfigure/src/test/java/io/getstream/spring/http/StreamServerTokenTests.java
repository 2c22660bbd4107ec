package io.getstream.spring.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StreamServerToken}, verified with an independent JWT library.
 */
class StreamServerTokenTests {

	private static final String SECRET = "test-secret-\u00e9-utf8";

	private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

	@Test
	void tokenIsHs256OverTheSecretWithServerClaim() {
		String token = new StreamServerToken(SECRET, Clock.fixed(NOW, ZoneOffset.UTC)).token();
		DecodedJWT verified = JWT.require(Algorithm.HMAC256(SECRET))
			.acceptLeeway(Long.MAX_VALUE / 2000)
			.build()
			.verify(token);
		assertThat(verified.getAlgorithm()).isEqualTo("HS256");
		assertThat(verified.getType()).isEqualTo("JWT");
		assertThat(verified.getClaim("server").asBoolean()).isTrue();
		assertThat(verified.getClaim("user_id").isMissing()).isTrue();
	}

	@Test
	void tokenIssuedAtIsBackDatedFiveSeconds() {
		String token = new StreamServerToken(SECRET, Clock.fixed(NOW, ZoneOffset.UTC)).token();
		DecodedJWT decoded = JWT.decode(token);
		assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(NOW.minusSeconds(5));
		assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(NOW.minusSeconds(5).plus(Duration.ofHours(1)));
	}

	@Test
	void tokenSignedWithAnotherSecretFailsVerification() {
		String token = new StreamServerToken("other-secret", Clock.fixed(NOW, ZoneOffset.UTC)).token();
		assertThatExceptionOfType(SignatureVerificationException.class)
			.isThrownBy(() -> JWT.require(Algorithm.HMAC256(SECRET)).build().verify(token));
	}

	@Test
	void tokenIsReusedUntilTenMinutesBeforeExpiry() {
		MutableClock clock = new MutableClock(NOW);
		StreamServerToken source = new StreamServerToken(SECRET, clock);
		String first = source.token();

		clock.now = NOW.plus(Duration.ofMinutes(49));
		assertThat(source.token()).isSameAs(first);

		clock.now = NOW.plus(Duration.ofMinutes(51));
		String renewed = source.token();
		assertThat(renewed).isNotEqualTo(first);
		assertThat(JWT.decode(renewed).getIssuedAtAsInstant()).isEqualTo(clock.now.minusSeconds(5));
	}

	@Test
	void toStringHidesSecretAndToken() {
		StreamServerToken source = new StreamServerToken(SECRET);
		String token = source.token();
		assertThat(source.toString()).doesNotContain(SECRET).doesNotContain(token);
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
