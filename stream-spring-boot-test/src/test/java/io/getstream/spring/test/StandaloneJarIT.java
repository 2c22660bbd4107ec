package io.getstream.spring.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration test that runs the {@code standalone} jar built by the package phase.
 */
class StandaloneJarIT {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final HttpClient httpClient = HttpClient.newHttpClient();

	private Process process;

	@AfterEach
	void stopProcess() throws InterruptedException {
		if (this.process != null) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void standaloneJarPrintsSettingsAndServesTasks() throws Exception {
		Path jar = Path.of(System.getProperty("standalone.jar"));
		assertThat(jar).exists();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-jar", jar.toString(), "0").redirectErrorStream(true).start();
		Map<String, String> settings = readSettings(this.process);
		String baseUrl = settings.get("STREAM_BASE_URL");
		String apiKey = settings.get("STREAM_API_KEY");
		String apiSecret = settings.get("STREAM_API_SECRET");
		assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(apiKey).matches("[a-z0-9]{12}");
		assertThat(apiSecret).matches("[a-z0-9]{64}");

		String token = EmulatorClient.serverToken(apiSecret);
		HttpResponse<String> started = this.httpClient
			.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v2/chat/channels/delete?api_key=" + apiKey))
				.header("Authorization", token)
				.header("stream-auth-type", "jwt")
				.POST(HttpRequest.BodyPublishers.ofString("{\"cids\":[\"messaging:general\"]}"))
				.build(), BodyHandlers.ofString());
		assertThat(started.statusCode()).isEqualTo(200);
		String taskId = this.jsonMapper.readTree(started.body()).get("task_id").stringValue();
		HttpRequest poll = HttpRequest
			.newBuilder(URI.create(baseUrl + "/api/v2/tasks/" + taskId + "?api_key=" + apiKey))
			.header("Authorization", token)
			.header("stream-auth-type", "jwt")
			.build();
		await().atMost(Duration.ofSeconds(10)).until(() -> status(poll).equals("completed"));
		JsonNode task = this.jsonMapper.readTree(this.httpClient.send(poll, BodyHandlers.ofString()).body());
		assertThat(task.get("result").toString()).isEqualTo("{\"messaging:general\":{\"status\":\"ok\"}}");
	}

	@Test
	void standaloneJarRejectsInvalidPort() throws Exception {
		Path jar = Path.of(System.getProperty("standalone.jar"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-jar", jar.toString(), "not-a-port").redirectErrorStream(true).start();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.process.exitValue()).isEqualTo(2);
		String output = new String(this.process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(output).startsWith("Usage: java -jar stream-spring-boot-test-<version>-standalone.jar [port]");
	}

	@Test
	void plainJarContainsOnlyEmulatorClasses() throws IOException {
		Path standalone = Path.of(System.getProperty("standalone.jar"));
		Path plain = standalone.resolveSibling(standalone.getFileName().toString().replace("-standalone", ""));
		try (JarFile jarFile = new JarFile(plain.toFile())) {
			List<String> entries = jarFile.stream().map(JarEntry::getName).toList();
			assertThat(entries).contains("io/getstream/spring/test/StreamEmulator.class");
			assertThat(entries).allMatch(
					(name) -> name.startsWith("META-INF/") || name.equals("io/") || name.startsWith("io/getstream/"));
			assertThat(jarFile.getManifest().getMainAttributes().getValue("Main-Class")).isNull();
		}
		try (JarFile jarFile = new JarFile(standalone.toFile())) {
			assertThat(jarFile.getManifest().getMainAttributes().getValue("Start-Class"))
				.isEqualTo("io.getstream.spring.test.StreamEmulator");
		}
	}

	private String status(HttpRequest poll) throws IOException, InterruptedException {
		return this.jsonMapper.readTree(this.httpClient.send(poll, BodyHandlers.ofString()).body())
			.get("status")
			.stringValue();
	}

	private static Map<String, String> readSettings(Process process) throws Exception {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Map<String, String>> settings = CompletableFuture.supplyAsync(() -> {
			Map<String, String> values = new HashMap<>();
			try {
				while (values.size() < 3) {
					String line = reader.readLine();
					if (line == null) {
						break;
					}
					int equals = line.indexOf('=');
					if (line.startsWith("STREAM_") && equals > 0) {
						values.put(line.substring(0, equals), line.substring(equals + 1));
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return values;
		});
		return settings.get(30, TimeUnit.SECONDS);
	}

}
