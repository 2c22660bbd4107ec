package io.getstream.spring.benchmarks;

import java.time.Duration;
import java.util.List;

import io.getstream.spring.tasks.StreamTaskClient;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link PollClient} that polls with the starter's auto-configured
 * {@link StreamTaskClient}.
 */
final class StarterPollClient implements PollClient {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final ConfigurableApplicationContext context;

	private final StreamTaskClient client;

	private final String taskId;

	/**
	 * Starts a Spring application with the given properties.
	 * @param endpoint the emulator
	 * @param taskId the task to poll
	 * @param properties the properties that choose the HTTP client, as {@code name=value}
	 */
	StarterPollClient(EmulatorEndpoint endpoint, String taskId, String... properties) {
		this.context = StarterApplication.start(endpoint, List.of(), properties);
		this.client = this.context.getBean(StreamTaskClient.class);
		this.taskId = taskId;
	}

	@Override
	public String poll() {
		return this.client.fetch(this.taskId, REQUEST_TIMEOUT).status();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
