package io.getstream.spring.autoconfigure.metrics;

import io.getstream.spring.autoconfigure.StreamTasksAutoConfiguration;
import io.getstream.spring.tasks.TaskPoller;
import io.getstream.spring.test.StreamEmulator;
import io.getstream.spring.test.TaskScript;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Boot's {@code http.client.requests} observation records the poller's
 * requests, tagged with the URI template and never with a task id or the API key.
 */
class HttpClientObservationTests {

	@Test
	void pollsAreRecordedAsHttpClientRequestsWithUriTemplate() {
		try (StreamEmulator emulator = StreamEmulator.start()) {
			String taskId = emulator.scriptTask(TaskScript.statuses("pending", "completed"));
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
						MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, RestClientAutoConfiguration.class,
						RestClientObservationAutoConfiguration.class, StreamTasksAutoConfiguration.class,
						StreamTasksMetricsAutoConfiguration.class))
				.withPropertyValues("stream.base-url=" + emulator.baseUrl(), "stream.api-key=" + emulator.apiKey(),
						"stream.api-secret=" + emulator.apiSecret(), "stream.tasks.poll-interval=100ms")
				.run((context) -> {
					context.getBean(TaskPoller.class).waitForTask(taskId);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					Timer requests = registry.get("http.client.requests").tag("uri", "/api/v2/tasks/{id}").timer();
					assertThat(requests.count()).isEqualTo(2);
					assertThat(requests.getId().getTag("status")).isEqualTo("200");
					assertThat(requests.getId().getTag("method")).isEqualTo("GET");
					registry.getMeters()
						.stream()
						.flatMap((meter) -> meter.getId().getTags().stream())
						.forEach((tag) -> assertThat(tag.getValue()).doesNotContain(taskId)
							.doesNotContain(emulator.apiKey()));
					assertThat(registry.get("stream.tasks.polls").tag("status", "completed").counter().count())
						.isEqualTo(1.0);
				});
		}
	}

}
