package io.getstream.spring.sample;

import java.util.Map;

import io.getstream.spring.test.StreamEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded {@link StreamEmulator} when {@code stream.api-key} is not set or
 * blank, and points {@code stream.base-url}, {@code stream.api-key} and
 * {@code stream.api-secret} at it before any bean binds them. With an API key configured
 * it does nothing, so the application calls Stream.
 * <p>
 * The emulator becomes the {@value #BEAN_NAME} bean and stops when the application
 * context closes, after the beans that call it, or when startup fails. Registered in
 * {@code META-INF/spring.factories}, so it applies to {@code spring-boot:run},
 * {@code java -jar} and {@code @SpringBootTest} alike.
 *
 * @author Stream Spring Boot contributors
 */
class StreamEmulatorApplicationListener implements SmartApplicationListener {

	/**
	 * Name of the emulator's bean.
	 */
	static final String BEAN_NAME = "streamEmulator";

	private static final String PROPERTY_SOURCE_NAME = "streamEmulator";

	private static final Log logger = LogFactory.getLog(StreamEmulatorApplicationListener.class);

	private @Nullable StreamEmulator emulator;

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	/**
	 * Orders this listener after the one that initializes logging, which itself runs
	 * after the environment post-processors have loaded {@code application.yml}, the
	 * environment variables and the command-line arguments.
	 */
	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			startUnlessApiKeySet(prepared.getEnvironment());
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			registerBean(prepared.getApplicationContext());
		}
		else if (event instanceof ApplicationFailedEvent) {
			stop();
		}
	}

	private void startUnlessApiKeySet(ConfigurableEnvironment environment) {
		String apiKey = Binder.get(environment).bind("stream.api-key", String.class).orElse(null);
		if (StringUtils.hasText(apiKey)) {
			return;
		}
		StreamEmulator emulator = StreamEmulator.start();
		this.emulator = emulator;
		// Added first so that it overrides a stream.base-url set without an API key, and
		// the
		// emulator's credentials never go to another host.
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("stream.base-url", emulator.baseUrl(),
					"stream.api-key", emulator.apiKey(), "stream.api-secret", emulator.apiSecret())));
		logger.info("Using the embedded Stream emulator at " + emulator.baseUrl()
				+ " because stream.api-key is not set; set stream.api-key and stream.api-secret to call Stream");
	}

	private void registerBean(ConfigurableApplicationContext context) {
		StreamEmulator emulator = this.emulator;
		if (emulator == null) {
			return;
		}
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		// Disposable beans are destroyed in reverse order of registration, so registering
		// the emulator before the refresh stops it after the beans that call it.
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, emulator::close);
		}
	}

	/**
	 * Stops the emulator after a failed startup. Its HTTP server's dispatcher thread is
	 * not a daemon thread, so an emulator left running would keep the JVM alive.
	 */
	private void stop() {
		StreamEmulator emulator = this.emulator;
		if (emulator != null) {
			emulator.close();
		}
	}

}
