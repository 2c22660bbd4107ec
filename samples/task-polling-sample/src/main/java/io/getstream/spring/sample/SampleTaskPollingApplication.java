package io.getstream.spring.sample;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sample application that starts Stream channel exports and deletes and waits for their
 * tasks with the {@link io.getstream.spring.tasks.TaskPoller}. Without
 * {@code stream.api-key} it runs against an embedded Stream emulator.
 * <p>
 * With the {@code --demo} argument it runs one export, prints the result and the
 * {@code stream.tasks.*} meters, and exits with code 0, or 1 when the export failed.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleTaskPollingApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = run(args);
		if (isDemo(args)) {
			System.exit(SpringApplication.exit(context));
		}
	}

	/**
	 * Starts the application, without a web server when {@code --demo} is given because
	 * the demo takes no requests.
	 * @param args the command-line arguments
	 * @return the running application context
	 */
	static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(SampleTaskPollingApplication.class);
		if (isDemo(args)) {
			application.setWebApplicationType(WebApplicationType.NONE);
		}
		return application.run(args);
	}

	private static boolean isDemo(String[] args) {
		return new DefaultApplicationArguments(args).containsOption(TaskPollingDemo.OPTION);
	}

}
