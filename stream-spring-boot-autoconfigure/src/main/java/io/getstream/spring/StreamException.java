package io.getstream.spring;

import org.jspecify.annotations.Nullable;

/**
 * Base class of the unchecked exceptions raised when a call to Stream fails.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamException extends RuntimeException {

	/**
	 * Creates an exception with the given message and cause.
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 */
	public StreamException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
