package io.getstream.spring.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.getstream.spring.autoconfigure.StreamProperties;
import io.getstream.spring.autoconfigure.StreamTasksAutoConfiguration;
import io.getstream.spring.autoconfigure.metrics.StreamTasksMetricsAutoConfiguration;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Spring application with the starter's auto-configuration and Boot's HTTP client and
 * RestClient auto-configuration, the beans an application that uses the starter gets,
 * pointed at an emulator.
 */
final class StarterApplication {

	private StarterApplication() {
	}

	/**
	 * Starts the application.
	 * @param endpoint the emulator to send requests to
	 * @param sources further configuration classes, such as one with a
	 * {@code MeterRegistry}
	 * @param properties further properties as {@code name=value}
	 * @return the running context
	 * @throws IllegalStateException if the bound base URL is not the emulator's, which
	 * happens when a higher-priority property source sets {@code stream.base-url}
	 */
	static ConfigurableApplicationContext start(EmulatorEndpoint endpoint, List<Class<?>> sources,
			String... properties) {
		List<Class<?>> allSources = new ArrayList<>();
		allSources.add(StarterConfiguration.class);
		allSources.addAll(sources);
		// Command-line arguments take precedence over environment variables such as
		// STREAM_BASE_URL, so that no request leaves the loopback emulator.
		List<String> arguments = new ArrayList<>(List.of("--stream.base-url=" + endpoint.baseUrl(),
				"--stream.api-key=" + endpoint.apiKey(), "--stream.api-secret=" + endpoint.apiSecret()));
		for (String property : properties) {
			arguments.add("--" + property);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(allSources.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(arguments.toArray(String[]::new));
		String boundBaseUrl = context.getBean(StreamProperties.class).getBaseUrl();
		if (!endpoint.baseUrl().equals(boundBaseUrl)) {
			context.close();
			throw new IllegalStateException("stream.base-url is bound to '" + boundBaseUrl + "', not the emulator's '"
					+ endpoint.baseUrl() + "'; remove the overriding property");
		}
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			RestClientAutoConfiguration.class, StreamTasksMetricsAutoConfiguration.class,
			StreamTasksAutoConfiguration.class })
	static class StarterConfiguration {

	}

}
