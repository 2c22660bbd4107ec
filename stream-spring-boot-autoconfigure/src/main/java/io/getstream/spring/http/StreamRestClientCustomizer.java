package io.getstream.spring.http;

import org.springframework.web.client.RestClient;

/**
 * Callback interface that can be used to customize the {@link RestClient.Builder} that
 * builds the RestClient for Stream's API. It runs after the base URL, authentication and
 * request factory are set, so it can replace any of them.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface StreamRestClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder to customize
	 */
	void customize(RestClient.Builder builder);

}
