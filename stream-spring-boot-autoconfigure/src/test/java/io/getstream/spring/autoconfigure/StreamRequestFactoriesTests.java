package io.getstream.spring.autoconfigure;

import io.getstream.spring.autoconfigure.StreamProperties.RequestFactory;
import io.getstream.spring.http.TimeoutCappingHttpComponentsClientHttpRequestFactory;
import io.getstream.spring.http.TimeoutCappingSimpleClientHttpRequestFactory;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.http.client.ClientHttpRequestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamRequestFactories}.
 */
class StreamRequestFactoriesTests {

	@Test
	void autoPicksHttpComponentsWhenPresent() {
		ClientHttpRequestFactory factory = StreamRequestFactories.create(http(RequestFactory.AUTO),
				getClass().getClassLoader());
		assertThat(factory).isInstanceOf(TimeoutCappingHttpComponentsClientHttpRequestFactory.class);
	}

	@Test
	void autoPicksHttpUrlConnectionWithoutHttpComponents() {
		ClientHttpRequestFactory factory = StreamRequestFactories.create(http(RequestFactory.AUTO),
				new FilteredClassLoader(HttpClients.class));
		assertThat(factory).isInstanceOf(TimeoutCappingSimpleClientHttpRequestFactory.class);
	}

	@Test
	void simpleIsHttpUrlConnection() {
		assertThat(StreamRequestFactories.create(http(RequestFactory.SIMPLE), getClass().getClassLoader()))
			.isInstanceOf(TimeoutCappingSimpleClientHttpRequestFactory.class);
	}

	@Test
	void bootKeepsTheBuildersFactory() {
		assertThat(StreamRequestFactories.create(http(RequestFactory.BOOT), getClass().getClassLoader())).isNull();
	}

	private static StreamProperties.Http http(RequestFactory requestFactory) {
		StreamProperties.Http http = new StreamProperties().getHttp();
		http.setRequestFactory(requestFactory);
		return http;
	}

}
