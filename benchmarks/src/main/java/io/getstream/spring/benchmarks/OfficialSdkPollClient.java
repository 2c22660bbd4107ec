package io.getstream.spring.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.getstream.exceptions.StreamException;
import io.getstream.services.framework.StreamSDKClient;

/**
 * {@link PollClient} that polls with Stream's official Java client
 * ({@code io.getstream:stream-sdk-java}, OkHttp and Jackson 2) through
 * {@code getTask(id).execute()}.
 */
final class OfficialSdkPollClient implements PollClient {

	private static final String KEY_PROPERTY = "io.getstream.apiKey";

	private static final String SECRET_PROPERTY = "io.getstream.apiSecret";

	private static final String URL_PROPERTY = "io.getstream.url";

	private final StreamSDKClient client;

	private final String taskId;

	/**
	 * Creates the official client for the given emulator.
	 * @param endpoint the emulator
	 * @param taskId the task to poll
	 * @throws IllegalStateException if the client's base URL is not the emulator's, which
	 * happens when the {@code STREAM_BASE_URL} environment variable is set
	 */
	OfficialSdkPollClient(EmulatorEndpoint endpoint, String taskId) {
		this.client = create(endpoint);
		String baseUrl = this.client.getHttpClient().getBaseUrl();
		if (!endpoint.baseUrl().equals(baseUrl)) {
			throw new IllegalStateException("Official client's base URL is '" + baseUrl + "', not the emulator's '"
					+ endpoint.baseUrl() + "'; unset STREAM_BASE_URL");
		}
		this.taskId = taskId;
	}

	/**
	 * Creates the client with the emulator's system properties set only during
	 * construction: version 4.1.1 reads the secret and the base URL only from system
	 * properties or environment variables, not from the given properties.
	 */
	private static StreamSDKClient create(EmulatorEndpoint endpoint) {
		Map<String, String> values = Map.of(KEY_PROPERTY, endpoint.apiKey(), SECRET_PROPERTY, endpoint.apiSecret(),
				URL_PROPERTY, endpoint.baseUrl());
		Map<String, String> saved = new HashMap<>();
		values.forEach((name, value) -> {
			String previous = System.getProperty(name);
			if (previous != null) {
				saved.put(name, previous);
			}
			System.setProperty(name, value);
		});
		try {
			Properties properties = new Properties();
			properties.setProperty(KEY_PROPERTY, endpoint.apiKey());
			return new StreamSDKClient(properties);
		}
		finally {
			values.keySet().forEach((name) -> {
				String previous = saved.get(name);
				if (previous != null) {
					System.setProperty(name, previous);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
	}

	@Override
	public String poll() {
		try {
			return this.client.getTask(this.taskId).execute().getData().getStatus();
		}
		catch (StreamException ex) {
			throw new IllegalStateException("Official client failed to get task '" + this.taskId + "'", ex);
		}
	}

	/**
	 * Does nothing: OkHttp's connection pool and dispatcher threads are daemon threads
	 * that end with the JVM, and each benchmark runs one client per JVM.
	 */
	@Override
	public void close() {
	}

}
