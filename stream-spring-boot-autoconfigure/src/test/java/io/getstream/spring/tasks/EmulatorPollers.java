package io.getstream.spring.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.getstream.spring.autoconfigure.StreamTasksAutoConfiguration;
import io.getstream.spring.autoconfigure.metrics.StreamTasksMetricsAutoConfiguration;
import io.getstream.spring.test.RecordedRequest;
import io.getstream.spring.test.StreamEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Runs the auto-configured {@link TaskPoller} against a {@link StreamEmulator}, with a
 * {@link SimpleMeterRegistry} so that tests can read the meters.
 */
final class EmulatorPollers {

	private EmulatorPollers() {
	}

	static ApplicationContextRunner contextRunner(StreamEmulator emulator, String... properties) {
		List<String> values = new ArrayList<>(List.of("stream.base-url=" + emulator.baseUrl(),
				"stream.api-key=" + emulator.apiKey(), "stream.api-secret=" + emulator.apiSecret()));
		values.addAll(List.of(properties));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class,
					StreamTasksAutoConfiguration.class, StreamTasksMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues(values.toArray(String[]::new));
	}

	static long elapsedMillis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while the test slept", ex);
		}
	}

	static void run(StreamEmulator emulator, Consumer<Fixture> test, String... properties) {
		contextRunner(emulator, properties).run((context) -> test.accept(new Fixture(context, emulator)));
	}

	record Fixture(AssertableApplicationContext context, StreamEmulator emulator) {

		TaskPoller poller() {
			return this.context.getBean(TaskPoller.class);
		}

		MeterRegistry registry() {
			return this.context.getBean(MeterRegistry.class);
		}

		double polls(String status) {
			return registry().get("stream.tasks.polls").tag("status", status).counter().count();
		}

		long waits(String outcome) {
			return registry().get("stream.tasks.wait").tag("outcome", outcome).timer().count();
		}

		double retries(String reason) {
			return registry().get("stream.tasks.retries").tag("reason", reason).counter().count();
		}

		int activeWaits() {
			return registry().get("stream.tasks.wait.active").longTaskTimer().activeTasks();
		}

		List<RecordedRequest> gets(String taskId) {
			return this.emulator.taskRequests(taskId);
		}

	}

}
