package io.getstream.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import io.getstream.spring.tasks.TaskPollerSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for Stream's server-side API and the task poller.
 * <p>
 * Invalid values fail startup with the property, its value and the fix.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
@ConfigurationProperties("stream")
public class StreamProperties implements InitializingBean {

	/**
	 * Default base URL of Stream's chat API.
	 */
	public static final String DEFAULT_BASE_URL = "https://chat.stream-io-api.com";

	/**
	 * API key of the Stream app, sent as the api_key query parameter.
	 */
	private @Nullable String apiKey;

	/**
	 * API secret of the Stream app, used to sign the server token. Never logged.
	 */
	private @Nullable String apiSecret;

	/**
	 * Base URL of Stream's API.
	 */
	private String baseUrl = DEFAULT_BASE_URL;

	private final Tasks tasks = new Tasks();

	private final Http http = new Http();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getApiSecret() {
		return this.apiSecret;
	}

	public void setApiSecret(@Nullable String apiSecret) {
		this.apiSecret = apiSecret;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Tasks getTasks() {
		return this.tasks;
	}

	public Http getHttp() {
		return this.http;
	}

	@Override
	public String toString() {
		return "StreamProperties[baseUrl=" + this.baseUrl + ", apiKey=" + this.apiKey + ", apiSecret="
				+ ((this.apiSecret != null) ? "******" : "null") + "]";
	}

	/**
	 * Checks the bound values.
	 * @throws InvalidConfigurationPropertyValueException naming the first invalid
	 * property, its value and the fix
	 */
	@Override
	public void afterPropertiesSet() {
		String credentialsFix = "set both stream.api-key and stream.api-secret to your Stream app's credentials";
		if (!StringUtils.hasText(this.apiKey)) {
			throw new InvalidConfigurationPropertyValueException("stream.api-key", this.apiKey,
					"Stream API key is missing or blank; " + credentialsFix);
		}
		if (!StringUtils.hasText(this.apiSecret)) {
			// The value is never shown, so that a secret set by mistake does not leak.
			throw new InvalidConfigurationPropertyValueException("stream.api-secret", "<blank>",
					"Stream API secret is missing or blank; " + credentialsFix);
		}
		// Boot binds a placeholder whose variable is not set as its literal text.
		if (this.apiKey.contains("${")) {
			throw new InvalidConfigurationPropertyValueException("stream.api-key", this.apiKey,
					"Stream API key is an unresolved placeholder; set the variable it names, or " + credentialsFix);
		}
		if (this.apiSecret.contains("${")) {
			throw new InvalidConfigurationPropertyValueException("stream.api-secret", this.apiSecret,
					"Stream API secret is an unresolved placeholder; set the variable it names, or " + credentialsFix);
		}
		String baseUrlProblem = baseUrlProblem(this.baseUrl);
		if (baseUrlProblem != null) {
			throw new InvalidConfigurationPropertyValueException("stream.base-url", this.baseUrl,
					baseUrlProblem + "; use an absolute http or https URL such as " + DEFAULT_BASE_URL);
		}
		this.tasks.validate();
		this.http.validate();
	}

	private static @Nullable String baseUrlProblem(@Nullable String baseUrl) {
		if (!StringUtils.hasText(baseUrl)) {
			return "Base URL is blank";
		}
		try {
			URI uri = new URI(baseUrl);
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				return "Base URL is not an http or https URL";
			}
			if (uri.getHost() == null) {
				return "Base URL has no host";
			}
			if (uri.getQuery() != null || uri.getFragment() != null) {
				return "Base URL has a query or fragment";
			}
			if (uri.getUserInfo() != null) {
				return "Base URL has user information, which is not how Stream authenticates";
			}
			if (uri.getPort() == 0 || uri.getPort() > 65535) {
				return "Base URL has port " + uri.getPort() + ", outside 1 to 65535";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "Base URL is malformed (" + ex.getReason() + ")";
		}
	}

	static void requirePositive(String name, @Nullable Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Duration is not positive; use a positive duration such as 500ms or 2s");
		}
		requireAtMostOneDay(name, value);
	}

	static void requireAtMostOneDay(String name, Duration value) {
		if (value.compareTo(TaskPollerSettings.MAX_DURATION) > 0) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"Duration is longer than one day; use a duration of at most 1d");
		}
	}

	/**
	 * Task poller properties.
	 *
	 * @since 0.1.0
	 */
	public static class Tasks {

		/**
		 * Time between two polls of a task.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Maximum time a wait for a task may take before it fails with a timeout.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * Minimum time between two requests of one wait, applied to per-call intervals
		 * and to retries.
		 */
		private Duration minPollInterval = Duration.ofMillis(100);

		/**
		 * Number of consecutive failed requests that are retried before a wait fails with
		 * the last error.
		 */
		private int maxRetries = 3;

		/**
		 * Delay before the first retry of a failed request, doubled for each further
		 * retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(250);

		/**
		 * Maximum delay before a retry, including delays requested by the server through
		 * Retry-After or X-RateLimit-Reset.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Time after a wait starts during which an HTTP 404 response counts as a task not
		 * visible yet rather than an error. Zero fails at once, as Stream's own SDKs do.
		 */
		private Duration notFoundGrace = Duration.ZERO;

		/**
		 * Number of requests that asynchronous waits may have in flight at once.
		 */
		private int maxConcurrentRequests = 64;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getMinPollInterval() {
			return this.minPollInterval;
		}

		public void setMinPollInterval(Duration minPollInterval) {
			this.minPollInterval = minPollInterval;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getNotFoundGrace() {
			return this.notFoundGrace;
		}

		public void setNotFoundGrace(Duration notFoundGrace) {
			this.notFoundGrace = notFoundGrace;
		}

		public int getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(int maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		/**
		 * Builds the poller settings from these properties.
		 * @return the settings
		 */
		public TaskPollerSettings toSettings() {
			return new TaskPollerSettings(this.pollInterval, this.timeout, this.minPollInterval, this.maxRetries,
					this.initialBackoff, this.maxBackoff, this.notFoundGrace, this.maxConcurrentRequests);
		}

		void validate() {
			requirePositive("stream.tasks.poll-interval", this.pollInterval);
			requirePositive("stream.tasks.timeout", this.timeout);
			requirePositive("stream.tasks.min-poll-interval", this.minPollInterval);
			requirePositive("stream.tasks.initial-backoff", this.initialBackoff);
			requirePositive("stream.tasks.max-backoff", this.maxBackoff);

			if (this.minPollInterval.compareTo(Duration.ofMillis(1)) < 0) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.min-poll-interval",
						this.minPollInterval,
						"Minimum poll interval is shorter than 1ms; use 1ms or more, such as 100ms");
			}

			if (this.pollInterval.compareTo(this.minPollInterval) < 0) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.poll-interval", this.pollInterval,
						"Poll interval is shorter than stream.tasks.min-poll-interval (" + this.minPollInterval
								+ "); use a poll interval of at least the minimum, or lower the minimum");
			}

			if (this.pollInterval.compareTo(this.timeout) > 0) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.poll-interval", this.pollInterval,
						"Poll interval is longer than stream.tasks.timeout (" + this.timeout
								+ "); use a poll interval no longer than the timeout");
			}

			if (this.initialBackoff.compareTo(this.maxBackoff) > 0) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.initial-backoff",
						this.initialBackoff, "Initial back-off is longer than stream.tasks.max-backoff ("
								+ this.maxBackoff + "); use an initial back-off no longer than the maximum");
			}

			if (this.notFoundGrace == null || this.notFoundGrace.isNegative()) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.not-found-grace", this.notFoundGrace,
						"Duration is negative; use 0 to fail at once on HTTP 404, or a positive duration");
			}

			requireAtMostOneDay("stream.tasks.not-found-grace", this.notFoundGrace);

			if (this.maxRetries < 0) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.max-retries", this.maxRetries,
						"Retry count is negative; use 0 to disable retries or a positive number");
			}

			if (this.maxConcurrentRequests < 1) {
				throw new InvalidConfigurationPropertyValueException("stream.tasks.max-concurrent-requests",
						this.maxConcurrentRequests, "Request count is not positive; use a positive number such as 64");
			}
		}

	}

	/**
	 * HTTP client properties for requests to Stream.
	 *
	 * @since 0.1.0
	 */
	public static class Http {

		/**
		 * Connect timeout of each request, capped by the time a wait has left.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Read timeout of each request, capped by the time a wait has left.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * HTTP client library behind the RestClient that calls Stream.
		 */
		private RequestFactory requestFactory = RequestFactory.AUTO;

		/**
		 * Size of the Apache HttpClient connection pool, shared by blocking and
		 * asynchronous waits.
		 */
		private int maxConnections = 256;

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public RequestFactory getRequestFactory() {
			return this.requestFactory;
		}

		public void setRequestFactory(RequestFactory requestFactory) {
			this.requestFactory = requestFactory;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		void validate() {
			requirePositive("stream.http.connect-timeout", this.connectTimeout);
			requirePositive("stream.http.read-timeout", this.readTimeout);
			if (this.maxConnections < 1) {
				throw new InvalidConfigurationPropertyValueException("stream.http.max-connections", this.maxConnections,
						"Connection count is not positive; use a positive number such as 256");
			}
		}

	}

	/**
	 * HTTP client library used for requests to Stream.
	 *
	 * @since 0.1.0
	 */
	public enum RequestFactory {

		/**
		 * Apache HttpClient 5 when it is on the classpath, otherwise the JDK's
		 * HttpURLConnection.
		 */
		AUTO,

		/**
		 * Apache HttpClient 5, with a connection pool sized for the poller's concurrency.
		 */
		HTTP_COMPONENTS,

		/**
		 * The JDK's HttpURLConnection.
		 */
		SIMPLE,

		/**
		 * Whatever Boot's RestClient.Builder was configured with (spring.http.clients.*).
		 * The stream.http timeouts then do not apply and requests are not capped by the
		 * time a wait has left, so a blocking wait may overrun its timeout by up to
		 * spring.http.clients.read-timeout, or never end when none is set.
		 */
		BOOT

	}

}
