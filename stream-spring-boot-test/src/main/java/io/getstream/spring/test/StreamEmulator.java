package io.getstream.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.getstream.spring.test.Route.Match;

/**
 * Local emulator of Stream's asynchronous task API on {@code 127.0.0.1}, for tests. It
 * serves GetTask and the DeleteChannels, ExportChannels, ExportUsers and DeleteUsers
 * endpoints on both the unified ({@code /api/v2}) and the legacy chat paths, checks
 * Stream's server-side authentication on every request, and sends Stream's error bodies
 * and {@code X-RateLimit-*} headers.
 * <p>
 * Tasks are either {@link #scriptTask(TaskScript) scripted}, so that each GET follows a
 * {@link TaskScript}, or started through a POST endpoint, after which they move through
 * {@code waiting}, {@code pending} and {@code running} to {@code completed} on the
 * {@link #progressionStep(Duration) progression schedule}. Every request is recorded
 * before the response is sent.
 * <p>
 * Typical use in a test: <pre class="code">
 * try (StreamEmulator emulator = StreamEmulator.start()) {
 * 	String taskId = emulator.scriptTask(TaskScript.statuses("pending", "completed"));
 * 	// point the client under test at emulator.baseUrl(), apiKey() and apiSecret()
 * }
 * </pre>
 * <p>
 * Close the emulator when done: the JDK {@code HttpServer} runs its dispatcher on a
 * non-daemon thread, so an emulator left open keeps the JVM alive. Running the class (or
 * the {@code standalone} jar) starts an emulator that runs until the process is killed.
 *
 * @since 0.1.0
 */
public final class StreamEmulator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StreamEmulator.class);

	/**
	 * JDK property that makes {@code HttpServer} set TCP_NODELAY. Without it each
	 * loopback response waits about 40 ms for a delayed ACK.
	 */
	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final int BACKLOG = 4096;

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final Settings settings;

	private final HttpServer server;

	private final ExecutorService executor;

	private final String baseUrl;

	private final Map<String, EmulatedTask> tasks = new ConcurrentHashMap<>();

	private final RequestLog requestLog = new RequestLog();

	private final CountDownLatch closed = new CountDownLatch(1);

	private volatile Duration progressionStep;

	private StreamEmulator(Settings settings) throws IOException {
		this.settings = settings;
		this.progressionStep = settings.progressionStep();
		InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		this.server = HttpServer.create(new InetSocketAddress(loopback, settings.port()), BACKLOG);
		this.executor = Executors.newCachedThreadPool(daemonThreads());
		this.baseUrl = "http://127.0.0.1:" + this.server.getAddress().getPort();
		JsonMapper jsonMapper = JsonMapper.builder().build();
		StreamResponses responses = new StreamResponses(jsonMapper);
		Map<String, String> exports = new ConcurrentHashMap<>();
		TaskEndpoint taskEndpoint = new TaskEndpoint(this.tasks, responses, this.closed);
		TaskStarter taskStarter = new TaskStarter(this.tasks, exports, jsonMapper, this.baseUrl,
				() -> this.progressionStep);
		TokenVerifier tokenVerifier = new TokenVerifier(settings.apiKey(), settings.apiSecret(), jsonMapper);
		RateLimiter rateLimiter = new RateLimiter(settings.rateLimitPerMinute());
		this.server.createContext("/", new EmulatorHandler(this.requestLog, rateLimiter, tokenVerifier, taskEndpoint,
				taskStarter, exports, responses));
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts an emulator on a free port with a random API key and secret.
	 * @return the running emulator
	 */
	public static StreamEmulator start() {
		return start(Settings.defaults());
	}

	/**
	 * Starts an emulator with the given settings.
	 * <p>
	 * NOTE: Unless the {@code sun.net.httpserver.nodelay} system property is already set,
	 * this sets it to {@code true}. The JDK reads it once, when the first
	 * {@code HttpServer} of the JVM starts, so an earlier server leaves every response
	 * about 40 ms slower.
	 * @param settings the settings
	 * @return the running emulator
	 * @throws UncheckedIOException if the port cannot be bound
	 */
	public static StreamEmulator start(Settings settings) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
		try {
			StreamEmulator emulator = new StreamEmulator(settings);
			logger.debug("Started Stream emulator on " + emulator.baseUrl());
			return emulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to start the Stream emulator on 127.0.0.1:" + settings.port(), ex);
		}
	}

	/**
	 * Returns the base URL, {@code http://127.0.0.1:PORT} without a trailing slash.
	 * @return the base URL
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Returns the API key that requests must send in the {@code api_key} query parameter.
	 * @return the API key
	 */
	public String apiKey() {
		return this.settings.apiKey();
	}

	/**
	 * Returns the API secret whose UTF-8 bytes sign the HS256 tokens that requests must
	 * send.
	 * @return the API secret
	 */
	public String apiSecret() {
		return this.settings.apiSecret();
	}

	/**
	 * Registers a task with a random UUID id whose GETs follow the given script.
	 * @param script the responses to send
	 * @return the task id
	 */
	public String scriptTask(TaskScript script) {
		return scriptTask(UUID.randomUUID().toString(), script);
	}

	/**
	 * Registers a task with the given id whose GETs follow the given script, replacing
	 * any task with that id. Its {@code created_at} is the time of this call.
	 * @param taskId the task id, any text (clients must percent-encode it as one path
	 * segment)
	 * @param script the responses to send
	 * @return the task id
	 */
	public String scriptTask(String taskId, TaskScript script) {
		Objects.requireNonNull(taskId, "'taskId' must not be null");
		Objects.requireNonNull(script, "'script' must not be null");
		this.tasks.put(taskId, new ScriptedTask(script, Instant.now()));
		return taskId;
	}

	/**
	 * Sets how long each of the {@code waiting}, {@code pending} and {@code running}
	 * statuses lasts for tasks started through the POST endpoints from now on. A task
	 * keeps the step it started with.
	 * @param step the time per status, zero to complete tasks at once
	 */
	public void progressionStep(Duration step) {
		this.progressionStep = checkProgressionStep(step);
	}

	/**
	 * Returns every request received so far, in arrival order.
	 * @return an immutable snapshot of the requests
	 */
	public List<RecordedRequest> requests() {
		return this.requestLog.snapshot();
	}

	/**
	 * Returns the GETs of the given task received so far, on either path, in arrival
	 * order.
	 * @param taskId the task id
	 * @return an immutable snapshot of the requests
	 */
	public List<RecordedRequest> taskRequests(String taskId) {
		return this.requestLog.snapshot().stream().filter((request) -> isGetOf(request, taskId)).toList();
	}

	private static boolean isGetOf(RecordedRequest request, String taskId) {
		Match match = Route.match(request.method(), request.rawPath());
		return match != null && match.route() == Route.GET_TASK && taskId.equals(match.id());
	}

	/**
	 * Forgets the requests received so far.
	 */
	public void clearRequests() {
		this.requestLog.clear();
	}

	/**
	 * Stops the emulator. Requests that hang or wait on a delay end at once with the
	 * connection closed and no response. Calling this again has no effect.
	 */
	@Override
	public void close() {
		if (this.closed.getCount() == 0) {
			return;
		}
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Stream emulator on " + this.baseUrl + " still has running handler threads after 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.debug("Stopped Stream emulator on " + this.baseUrl);
	}

	/**
	 * Starts an emulator on {@code 127.0.0.1}, prints its base URL, API key and secret as
	 * {@code STREAM_BASE_URL}, {@code STREAM_API_KEY} and {@code STREAM_API_SECRET}
	 * lines, and runs until the process is killed.
	 * @param args an optional port, 0 (the default) for a free one
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		Integer port = parsePort(args);
		if (port == null) {
			System.err.println("Usage: java -jar stream-spring-boot-test-<version>-standalone.jar [port]");
			System.err.println("  port  TCP port on 127.0.0.1, 0 to 65535; 0 (the default) picks a free port");
			System.exit(2);
			return;
		}
		StreamEmulator emulator = start(Settings.defaults().withPort(port));
		Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "stream-emulator-shutdown"));
		System.out.println("STREAM_BASE_URL=" + emulator.baseUrl());
		System.out.println("STREAM_API_KEY=" + emulator.apiKey());
		System.out.println("STREAM_API_SECRET=" + emulator.apiSecret());
		System.out.flush();
		emulator.closed.await();
	}

	private static @Nullable Integer parsePort(String[] args) {
		if (args.length == 0) {
			return 0;
		}
		if (args.length > 1) {
			return null;
		}
		try {
			int port = Integer.parseInt(args[0]);
			return (port >= 0 && port <= 65535) ? port : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static ThreadFactory daemonThreads() {
		return (runnable) -> {
			Thread thread = new Thread(runnable, "stream-emulator-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static Duration checkProgressionStep(Duration step) {
		Objects.requireNonNull(step, "'progressionStep' must not be null");
		if (step.isNegative()) {
			throw new IllegalArgumentException("'progressionStep' must not be negative, but was " + step);
		}
		return step;
	}

	/**
	 * Settings of a {@link StreamEmulator}. Start from {@link #defaults()} and change
	 * values with the {@code with} methods.
	 *
	 * @param port the TCP port on {@code 127.0.0.1}, 0 for a free one
	 * @param apiKey the API key that requests must send
	 * @param apiSecret the API secret that signs request tokens
	 * @param progressionStep how long each of {@code waiting}, {@code pending} and
	 * {@code running} lasts for tasks started through the POST endpoints
	 * @param rateLimitPerMinute the requests allowed per endpoint in each one-minute
	 * window before the emulator responds with 429
	 */
	public record Settings(int port, String apiKey, String apiSecret, Duration progressionStep,
			int rateLimitPerMinute) {

		/**
		 * Default {@link #progressionStep()}.
		 */
		public static final Duration DEFAULT_PROGRESSION_STEP = Duration.ofMillis(200);

		/**
		 * Default {@link #rateLimitPerMinute()}, high enough that tests are not
		 * throttled.
		 */
		public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 10_000;

		private static final SecureRandom random = new SecureRandom();

		private static final String KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

		/**
		 * Creates settings after checking every value.
		 * @param port the TCP port, 0 to 65535
		 * @param apiKey the API key, not empty
		 * @param apiSecret the API secret, not empty
		 * @param progressionStep the time per status, not negative
		 * @param rateLimitPerMinute the requests per endpoint and minute, at least 1
		 */
		public Settings {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535, but was " + port);
			}
			if (apiKey == null || apiKey.isEmpty()) {
				throw new IllegalArgumentException("'apiKey' must not be empty");
			}
			if (apiSecret == null || apiSecret.isEmpty()) {
				throw new IllegalArgumentException("'apiSecret' must not be empty");
			}
			checkProgressionStep(progressionStep);
			if (rateLimitPerMinute < 1) {
				throw new IllegalArgumentException(
						"'rateLimitPerMinute' must be at least 1, but was " + rateLimitPerMinute);
			}
		}

		/**
		 * Creates settings with a free port, a random 12-character API key, a random
		 * 64-character API secret, a progression step of 200 ms and a rate limit of
		 * 10,000 requests per endpoint and minute.
		 * @return the default settings
		 */
		public static Settings defaults() {
			return new Settings(0, randomText(12), randomText(64), DEFAULT_PROGRESSION_STEP,
					DEFAULT_RATE_LIMIT_PER_MINUTE);
		}

		/**
		 * Returns a copy of these settings with the given port.
		 * @param port the port, 0 for a free one
		 * @return the new settings
		 */
		public Settings withPort(int port) {
			return new Settings(port, this.apiKey, this.apiSecret, this.progressionStep, this.rateLimitPerMinute);
		}

		/**
		 * Returns a copy of these settings with the given API key.
		 * @param apiKey the API key
		 * @return the new settings
		 */
		public Settings withApiKey(String apiKey) {
			return new Settings(this.port, apiKey, this.apiSecret, this.progressionStep, this.rateLimitPerMinute);
		}

		/**
		 * Returns a copy of these settings with the given API secret.
		 * @param apiSecret the API secret
		 * @return the new settings
		 */
		public Settings withApiSecret(String apiSecret) {
			return new Settings(this.port, this.apiKey, apiSecret, this.progressionStep, this.rateLimitPerMinute);
		}

		/**
		 * Returns a copy of these settings with the given progression step.
		 * @param progressionStep the progression step
		 * @return the new settings
		 */
		public Settings withProgressionStep(Duration progressionStep) {
			return new Settings(this.port, this.apiKey, this.apiSecret, progressionStep, this.rateLimitPerMinute);
		}

		/**
		 * Returns a copy of these settings with the given rate limit per endpoint and
		 * minute.
		 * @param rateLimitPerMinute the rate limit per endpoint and minute
		 * @return the new settings
		 */
		public Settings withRateLimitPerMinute(int rateLimitPerMinute) {
			return new Settings(this.port, this.apiKey, this.apiSecret, this.progressionStep, rateLimitPerMinute);
		}

		private static String randomText(int length) {
			StringBuilder text = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				text.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
			}
			return text.toString();
		}

	}

}
