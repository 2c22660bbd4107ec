package io.getstream.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.getstream.spring.http.StreamRestClientCustomizer;
import io.getstream.spring.tasks.DefaultTaskPoller;
import io.getstream.spring.tasks.StreamTaskClient;
import io.getstream.spring.tasks.Task;
import io.getstream.spring.tasks.TaskPoller;
import io.getstream.spring.tasks.TaskPollerListener;
import io.getstream.spring.tasks.TaskPollerSettings;
import io.getstream.spring.tasks.metrics.TaskPollerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamTasksAutoConfiguration}.
 */
class StreamTasksAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class, StreamTasksAutoConfiguration.class))
		.withPropertyValues("stream.api-key=test-key", "stream.api-secret=test-secret");

	@Test
	void defaultsCreateTaskPollerAndClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TaskPoller.class);
			assertThat(context).hasSingleBean(DefaultTaskPoller.class);
			assertThat(context).hasSingleBean(StreamTaskClient.class);
			StreamProperties properties = context.getBean(StreamProperties.class);
			assertThat(properties.getBaseUrl()).isEqualTo("https://chat.stream-io-api.com");
			assertThat(properties.getTasks().toSettings()).isEqualTo(TaskPollerSettings.DEFAULTS);
			assertThat(properties.getHttp().getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getHttp().getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getHttp().getRequestFactory()).isEqualTo(StreamProperties.RequestFactory.AUTO);
		});
	}

	@Test
	void propertiesConfigureTheTaskPollerSettings() {
		this.contextRunner
			.withPropertyValues("stream.tasks.poll-interval=250ms", "stream.tasks.timeout=5s",
					"stream.tasks.min-poll-interval=50ms", "stream.tasks.max-retries=5",
					"stream.tasks.initial-backoff=100ms", "stream.tasks.max-backoff=2s",
					"stream.tasks.not-found-grace=3s", "stream.tasks.max-concurrent-requests=8")
			.run((context) -> assertThat(context.getBean(StreamProperties.class).getTasks().toSettings())
				.isEqualTo(new TaskPollerSettings(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(50),
						5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(3), 8)));
	}

	@Test
	void userTaskPollerBacksOffTheDefault() {
		this.contextRunner.withUserConfiguration(UserTaskPollerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TaskPoller.class);
			assertThat(context).doesNotHaveBean(DefaultTaskPoller.class);
			assertThat(context.getBean(TaskPoller.class)).isSameAs(context.getBean("userTaskPoller"));
		});
	}

	@Test
	void userTaskClientIsUsed() {
		this.contextRunner.withUserConfiguration(UserTaskClientConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(StreamTaskClient.class);
			assertThat(context.getBean(StreamTaskClient.class)).isSameAs(context.getBean("userTaskClient"));
			assertThat(context).hasSingleBean(DefaultTaskPoller.class);
		});
	}

	@Test
	void restClientCustomizersRunInOrder() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
		});
	}

	@Test
	void listenerBeanIsUsedByThePoller() {
		this.contextRunner.withUserConfiguration(ListenerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(TaskPollerListener.class));
	}

	@Test
	void missingCredentialsFailStartupNamingBothProperties() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, StreamTasksAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationPropertyValueException failure = rootInvalidProperty(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("stream.api-key");
				assertThat(failure.getReason()).isEqualTo(
						"Stream API key is missing or blank; set both stream.api-key and stream.api-secret to your Stream app's credentials");
			});
	}

	@Test
	void missingSecretFailsStartupWithoutShowingValue() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, StreamTasksAutoConfiguration.class))
			.withPropertyValues("stream.api-key=test-key", "stream.api-secret=  ")
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = rootInvalidProperty(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("stream.api-secret");
				assertThat(failure.getValue()).isEqualTo("<blank>");
				assertThat(failure.getReason()).contains("stream.api-key").contains("stream.api-secret");
			});
	}

	@Test
	void unresolvedPlaceholderCredentialsFailStartup() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RestClientAutoConfiguration.class, StreamTasksAutoConfiguration.class))
			.withPropertyValues("stream.api-key=${STREAM_TEST_UNSET_KEY}", "stream.api-secret=secret")
			.run((context) -> {
				InvalidConfigurationPropertyValueException failure = rootInvalidProperty(context.getStartupFailure());
				assertThat(failure.getName()).isEqualTo("stream.api-key");
				assertThat(failure.getValue()).isEqualTo("${STREAM_TEST_UNSET_KEY}");
				assertThat(failure.getReason()).startsWith("Stream API key is an unresolved placeholder");
			});
	}

	@Test
	void invalidPropertiesFailStartupWithKeyValueAndFix() {
		assertInvalid("stream.tasks.poll-interval=-1s", "stream.tasks.poll-interval", Duration.ofSeconds(-1),
				"Duration is not positive; use a positive duration such as 500ms or 2s");
		assertInvalid("stream.tasks.timeout=0s", "stream.tasks.timeout", Duration.ZERO,
				"Duration is not positive; use a positive duration such as 500ms or 2s");
		assertInvalid("stream.tasks.poll-interval=2m", "stream.tasks.poll-interval", Duration.ofMinutes(2),
				"Poll interval is longer than stream.tasks.timeout (PT1M); use a poll interval no longer than the timeout");
		assertInvalid("stream.tasks.timeout=2d", "stream.tasks.timeout", Duration.ofDays(2),
				"Duration is longer than one day; use a duration of at most 1d");
		assertInvalid("stream.tasks.min-poll-interval=500us", "stream.tasks.min-poll-interval",
				Duration.ofNanos(500_000), "Minimum poll interval is shorter than 1ms; use 1ms or more, such as 100ms");
		assertInvalid("stream.tasks.poll-interval=50ms", "stream.tasks.poll-interval", Duration.ofMillis(50),
				"Poll interval is shorter than stream.tasks.min-poll-interval (PT0.1S); use a poll interval of at least the minimum, or lower the minimum");

		assertInvalid("stream.tasks.max-retries=-1", "stream.tasks.max-retries", -1,
				"Retry count is negative; use 0 to disable retries or a positive number");
		assertInvalid("stream.tasks.not-found-grace=-1s", "stream.tasks.not-found-grace", Duration.ofSeconds(-1),
				"Duration is negative; use 0 to fail at once on HTTP 404, or a positive duration");
		assertInvalid("stream.tasks.initial-backoff=1m", "stream.tasks.initial-backoff", Duration.ofMinutes(1),
				"Initial back-off is longer than stream.tasks.max-backoff (PT30S); use an initial back-off no longer than the maximum");
		assertInvalid("stream.tasks.max-concurrent-requests=0", "stream.tasks.max-concurrent-requests", 0,
				"Request count is not positive; use a positive number such as 64");

		assertInvalid("stream.http.read-timeout=0ms", "stream.http.read-timeout", Duration.ZERO,
				"Duration is not positive; use a positive duration such as 500ms or 2s");
		assertInvalid("stream.http.max-connections=0", "stream.http.max-connections", 0,
				"Connection count is not positive; use a positive number such as 256");

		assertInvalid("stream.base-url=ftp://example.org", "stream.base-url", "ftp://example.org",
				"Base URL is not an http or https URL; use an absolute http or https URL such as https://chat.stream-io-api.com");
		assertInvalid("stream.base-url=http://exa mple.org", "stream.base-url", "http://exa mple.org",
				"Base URL is malformed (Illegal character in authority); use an absolute http or https URL such as https://chat.stream-io-api.com");
		assertInvalid("stream.base-url=http://127.0.0.1:99999", "stream.base-url", "http://127.0.0.1:99999",
				"Base URL has port 99999, outside 1 to 65535; use an absolute http or https URL such as https://chat.stream-io-api.com");
		assertInvalid("stream.base-url=https://user:pw@chat.example", "stream.base-url", "https://user:pw@chat.example",
				"Base URL has user information, which is not how Stream authenticates; use an absolute http or https URL such as https://chat.stream-io-api.com");
		assertInvalid("stream.base-url=https://chat.example/?api_key=x", "stream.base-url",
				"https://chat.example/?api_key=x",
				"Base URL has a query or fragment; use an absolute http or https URL such as https://chat.stream-io-api.com");
	}

	private void assertInvalid(String property, String name, Object value, String reason) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			InvalidConfigurationPropertyValueException failure = rootInvalidProperty(context.getStartupFailure());
			assertThat(failure.getName()).isEqualTo(name);
			assertThat(failure.getValue()).isEqualTo(value);
			assertThat(failure.getReason()).isEqualTo(reason);
		});
	}

	@Test
	void propertiesToStringHidesSecret() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(StreamProperties.class).toString()).contains("test-key")
				.doesNotContain("test-secret"));
	}

	@Test
	void configpropsEndpointMasksSecretEvenWhenShowingValues() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.configprops.show-values=always",
					"management.endpoints.jmx.exposure.include=configprops", "spring.jmx.enabled=true")
			.run((context) -> {
				assertThat(context).hasBean("streamApiSecretSanitizingFunction");
				ConfigurationPropertiesReportEndpoint endpoint = context
					.getBean(ConfigurationPropertiesReportEndpoint.class);
				String report = JsonMapper.builder()
					.build()
					.writeValueAsString(endpoint.configurationPropertiesWithPrefix("stream"));
				assertThat(report).contains("\"apiKey\":\"test-key\"")
					.contains("\"apiSecret\":\"******\"")
					.doesNotContain("test-secret");
			});
	}

	@Test
	void metricsListenerIsAbsentWithoutMeterRegistry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations
				.of(io.getstream.spring.autoconfigure.metrics.StreamTasksMetricsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(TaskPoller.class);
				assertThat(context).doesNotHaveBean(TaskPollerMetrics.class);
			});
	}

	@Test
	void pollerStartsWhenMicrometerIsNotOnTheClasspath() {
		this.contextRunner
			.withConfiguration(AutoConfigurations
				.of(io.getstream.spring.autoconfigure.metrics.StreamTasksMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TaskPoller.class);
				assertThat(context).doesNotHaveBean(TaskPollerMetrics.class);
			});
	}

	@Test
	void pollerStartsWithoutBootRestClientBuilder() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(StreamTasksAutoConfiguration.class))
			.withPropertyValues("stream.api-key=test-key", "stream.api-secret=test-secret")
			.run((context) -> assertThat(context).hasSingleBean(TaskPoller.class));
	}

	static InvalidConfigurationPropertyValueException rootInvalidProperty(Throwable failure) {
		Throwable current = failure;
		while (current != null) {
			if (current instanceof InvalidConfigurationPropertyValueException invalid) {
				return invalid;
			}
			current = current.getCause();
		}
		throw new AssertionError("No InvalidConfigurationPropertyValueException in " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskPollerConfiguration {

		@Bean
		TaskPoller userTaskPoller() {
			return new TaskPoller() {

				@Override
				public Task getTask(String taskId) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Task waitForTask(String taskId) {
					throw new UnsupportedOperationException();
				}

				@Override
				public Task waitForTask(String taskId, Duration pollInterval, Duration timeout) {
					throw new UnsupportedOperationException();
				}

				@Override
				public CompletableFuture<Task> waitForTaskAsync(String taskId) {
					throw new UnsupportedOperationException();
				}

				@Override
				public CompletableFuture<Task> waitForTaskAsync(String taskId, Duration pollInterval,
						Duration timeout) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskClientConfiguration {

		@Bean
		StreamTaskClient userTaskClient() {
			return new StreamTaskClient(org.springframework.web.client.RestClient.create());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@org.springframework.core.annotation.Order(2)
		StreamRestClientCustomizer secondCustomizer() {
			return (builder) -> this.calls.add("second");
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		StreamRestClientCustomizer firstCustomizer() {
			return (builder) -> this.calls.add("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		@Bean
		TaskPollerMetrics taskPollerMetrics() {
			return new TaskPollerMetrics(new SimpleMeterRegistry());
		}

	}

}
