package io.getstream.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.getstream.spring.test.StreamEmulator.Settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StreamEmulator} lifecycle and {@link Settings}.
 */
class StreamEmulatorTests {

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	@Test
	void startUsesFreePortAndRandomCredentials() {
		try (StreamEmulator first = StreamEmulator.start(); StreamEmulator second = StreamEmulator.start()) {
			assertThat(first.port()).isPositive();
			assertThat(first.baseUrl()).isEqualTo("http://127.0.0.1:" + first.port());
			assertThat(first.apiKey()).matches("[a-z0-9]{12}");
			assertThat(first.apiSecret()).matches("[a-z0-9]{64}");
			assertThat(second.port()).isNotEqualTo(first.port());
			assertThat(second.apiKey()).isNotEqualTo(first.apiKey());
			assertThat(second.apiSecret()).isNotEqualTo(first.apiSecret());
		}
	}

	@Test
	void startUsesGivenPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (StreamEmulator emulator = StreamEmulator.start(Settings.defaults().withPort(port))) {
			assertThat(emulator.port()).isEqualTo(port);
			assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
		}
	}

	@Test
	void startOnPortInUseFails() {
		try (StreamEmulator running = StreamEmulator.start()) {
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> StreamEmulator.start(Settings.defaults().withPort(running.port())))
				.withMessage("Failed to start the Stream emulator on 127.0.0.1:" + running.port());
		}
	}

	@Test
	void startEnablesNoDelayWhenPropertyIsUnset() {
		String saved = System.getProperty(NODELAY_PROPERTY);
		try {
			System.clearProperty(NODELAY_PROPERTY);
			StreamEmulator.start().close();
			assertThat(System.getProperty(NODELAY_PROPERTY)).isEqualTo("true");
			System.setProperty(NODELAY_PROPERTY, "false");
			StreamEmulator.start().close();
			assertThat(System.getProperty(NODELAY_PROPERTY)).isEqualTo("false");
		}
		finally {
			if (saved != null) {
				System.setProperty(NODELAY_PROPERTY, saved);
			}
			else {
				System.clearProperty(NODELAY_PROPERTY);
			}
		}
	}

	@Test
	void closeTwiceHasNoEffect() {
		StreamEmulator emulator = StreamEmulator.start();
		emulator.close();
		emulator.close();
		assertThat(emulator.requests()).isEmpty();
	}

	@Test
	void settingsWithMethodsChangeOneValue() {
		Settings settings = new Settings(0, "key", "secret", Duration.ofSeconds(1), 5);
		assertThat(settings.withPort(8080)).isEqualTo(new Settings(8080, "key", "secret", Duration.ofSeconds(1), 5));
		assertThat(settings.withApiKey("k2")).isEqualTo(new Settings(0, "k2", "secret", Duration.ofSeconds(1), 5));
		assertThat(settings.withApiSecret("s2")).isEqualTo(new Settings(0, "key", "s2", Duration.ofSeconds(1), 5));
		assertThat(settings.withProgressionStep(Duration.ZERO))
			.isEqualTo(new Settings(0, "key", "secret", Duration.ZERO, 5));
		assertThat(settings.withRateLimitPerMinute(7))
			.isEqualTo(new Settings(0, "key", "secret", Duration.ofSeconds(1), 7));
	}

	@Test
	void settingsDefaultsMatchDocumentedValues() {
		Settings settings = Settings.defaults();
		assertThat(settings.port()).isZero();
		assertThat(settings.progressionStep()).isEqualTo(Duration.ofMillis(200));
		assertThat(settings.rateLimitPerMinute()).isEqualTo(10_000);
	}

	@Test
	void invalidSettingsAreRejected() {
		Settings settings = Settings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withPort(65536))
			.withMessage("'port' must be between 0 and 65535, but was 65536");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withApiKey(""))
			.withMessage("'apiKey' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withApiSecret(""))
			.withMessage("'apiSecret' must not be empty");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withProgressionStep(Duration.ofMillis(-1)))
			.withMessage("'progressionStep' must not be negative, but was PT-0.001S");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.withRateLimitPerMinute(0))
			.withMessage("'rateLimitPerMinute' must be at least 1, but was 0");
	}

}
