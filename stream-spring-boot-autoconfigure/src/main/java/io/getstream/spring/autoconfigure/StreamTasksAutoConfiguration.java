package io.getstream.spring.autoconfigure;

import java.util.List;
import java.util.Locale;

import io.getstream.spring.http.StreamAuthInterceptor;
import io.getstream.spring.http.StreamRestClientCustomizer;
import io.getstream.spring.http.StreamServerToken;
import io.getstream.spring.tasks.CompositeTaskPollerListener;
import io.getstream.spring.tasks.DefaultTaskPoller;
import io.getstream.spring.tasks.StreamTaskClient;
import io.getstream.spring.tasks.TaskPoller;
import io.getstream.spring.tasks.TaskPollerListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration for the Stream {@link TaskPoller}.
 * <p>
 * The RestClient for Stream is built from a clone of Boot's {@link RestClient.Builder},
 * so Boot's {@code http.client.requests} observation applies, with a request factory
 * chosen by {@code stream.http.request-factory}.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RestClientAutoConfiguration.class)
@ConditionalOnClass(RestClient.class)
@EnableConfigurationProperties(StreamProperties.class)
public final class StreamTasksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StreamTaskClient streamTaskClient(StreamProperties properties, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<StreamRestClientCustomizer> customizers) {
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder).clone();
		ClientHttpRequestFactory requestFactory = configure(builder, properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new StreamTaskClient(builder.build(),
				(requestFactory instanceof DisposableBean disposable) ? disposable : null);
	}

	/**
	 * Sets the base URL, authentication and request factory on the builder.
	 * @return the request factory that was set, or {@code null} when the builder's own is
	 * kept
	 */
	private @Nullable ClientHttpRequestFactory configure(RestClient.Builder builder, StreamProperties properties) {
		builder.baseUrl(properties.getBaseUrl());
		builder.defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE);
		builder.requestInterceptor(
				new StreamAuthInterceptor(properties.getApiKey(), new StreamServerToken(properties.getApiSecret())));
		ClientHttpRequestFactory requestFactory = StreamRequestFactories.create(properties.getHttp(),
				getClass().getClassLoader());
		if (requestFactory != null) {
			builder.requestFactory(requestFactory);
		}
		return requestFactory;
	}

	@Bean
	@ConditionalOnMissingBean(TaskPoller.class)
	DefaultTaskPoller streamTaskPoller(StreamTaskClient streamTaskClient, StreamProperties properties,
			ObjectProvider<TaskPollerListener> listeners) {
		return new DefaultTaskPoller(streamTaskClient, properties.getTasks().toSettings(),
				combine(listeners.orderedStream().toList()));
	}

	/**
	 * Masks the API secret in Actuator's {@code configprops} and {@code env} endpoints,
	 * even with {@code show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizingConfiguration {

		@Bean
		SanitizingFunction streamApiSecretSanitizingFunction() {
			// configprops passes keys such as "stream.apiSecret", env passes
			// "stream.api-secret" or "STREAM_API_SECRET".
			return SanitizingFunction.sanitizeValue().ifKeyMatches((String key) -> {
				String lowerCaseKey = key.toLowerCase(Locale.ROOT);
				return lowerCaseKey.equals("stream.apisecret") || lowerCaseKey.equals("stream.api-secret")
						|| lowerCaseKey.equals("stream_api_secret");
			});
		}

	}

	private static TaskPollerListener combine(List<TaskPollerListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> TaskPollerListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeTaskPollerListener(listeners);
		};
	}

}
