package io.getstream.spring.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version of this library, from a resource that the build fills in.
 */
final class Version {

	private static final String RESOURCE = "version.properties";

	private Version() {
	}

	static String current() {
		try (InputStream input = Version.class.getResourceAsStream(RESOURCE)) {
			if (input == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(input);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to read " + RESOURCE + " of stream-spring-boot", ex);
		}
	}

}
