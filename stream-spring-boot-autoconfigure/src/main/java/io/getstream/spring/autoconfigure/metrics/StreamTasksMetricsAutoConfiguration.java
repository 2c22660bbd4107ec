package io.getstream.spring.autoconfigure.metrics;

import io.getstream.spring.autoconfigure.StreamTasksAutoConfiguration;
import io.getstream.spring.tasks.metrics.TaskPollerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the Stream task poller's metrics ({@code stream.tasks.*}).
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(before = StreamTasksAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class StreamTasksMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskPollerMetrics streamTaskPollerMetrics(MeterRegistry meterRegistry) {
		return new TaskPollerMetrics(meterRegistry);
	}

}
