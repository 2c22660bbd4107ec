package io.getstream.spring.autoconfigure.metrics;

import io.getstream.spring.autoconfigure.StreamTasksAutoConfiguration;
import io.getstream.spring.tasks.metrics.TaskPollerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamTasksMetricsAutoConfiguration}.
 */
class StreamTasksMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
						SimpleMetricsExportAutoConfiguration.class, RestClientAutoConfiguration.class,
						StreamTasksAutoConfiguration.class, StreamTasksMetricsAutoConfiguration.class))
		.withPropertyValues("stream.api-key=test-key", "stream.api-secret=test-secret");

	@Test
	void meterRegistryEnablesTheMetricsListener() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TaskPollerMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("stream.tasks.polls").tag("status", "completed").counter().count()).isZero();
			assertThat(registry.get("stream.tasks.polls").tag("status", "other").counter().count()).isZero();
			assertThat(registry.get("stream.tasks.wait").tag("outcome", "timeout").timer().count()).isZero();
			assertThat(registry.get("stream.tasks.wait.active").longTaskTimer().activeTasks()).isZero();
			assertThat(registry.get("stream.tasks.retries").tag("reason", "rate_limited").counter().count()).isZero();
		});
	}

	@Test
	void metersHaveDescriptionsAndNoHighCardinalityTags() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("stream.tasks.polls").counters()).hasSize(7)
				.allSatisfy((counter) -> assertThat(counter.getId().getDescription()).isNotBlank());
			assertThat(registry.find("stream.tasks.wait").timers()).hasSize(5);
			assertThat(registry.find("stream.tasks.retries").counters()).hasSize(5);
			registry.getMeters()
				.stream()
				.filter((meter) -> meter.getId().getName().startsWith("stream.tasks"))
				.flatMap((meter) -> meter.getId().getTags().stream())
				.forEach((tag) -> assertThat(tag.getKey()).isIn("status", "outcome", "reason"));
		});
	}

	@Test
	void userMetricsListenerBacksOffTheDefault() {
		this.contextRunner
			.withBean("userMetrics", TaskPollerMetrics.class,
					() -> new TaskPollerMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
			.run((context) -> {
				assertThat(context).hasSingleBean(TaskPollerMetrics.class);
				assertThat(context).hasBean("userMetrics");
			});
	}

}
