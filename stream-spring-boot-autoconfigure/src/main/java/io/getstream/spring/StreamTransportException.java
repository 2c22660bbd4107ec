package io.getstream.spring;

import org.jspecify.annotations.Nullable;

/**
 * Exception raised when no usable HTTP response arrived, or when a wait's deadline
 * passed. {@link #getErrorType()} distinguishes the two: {@value #TIMEOUT} means the
 * deadline passed and the task may still be running on the server.
 *
 * @author Stream Spring Boot contributors
 * @since 0.1.0
 */
public class StreamTransportException extends StreamException {

	/**
	 * Error type of a wait whose deadline passed.
	 */
	public static final String TIMEOUT = "timeout";

	/**
	 * Error type of a connection that was reset or closed before a response arrived.
	 */
	public static final String CONNECTION_RESET = "connection_reset";

	/**
	 * Error type of a connection that the server refused.
	 */
	public static final String CONNECTION_REFUSED = "connection_refused";

	/**
	 * Error type of a single request whose connect or read timeout passed.
	 */
	public static final String REQUEST_TIMEOUT = "request_timeout";

	/**
	 * Error type of a host name that could not be resolved.
	 */
	public static final String DNS_FAILURE = "dns_failure";

	/**
	 * Error type of a failed TLS handshake.
	 */
	public static final String TLS_HANDSHAKE_FAILED = "tls_handshake_failed";

	/**
	 * Error type of a wait whose thread was interrupted. The thread's interrupt flag
	 * stays set.
	 */
	public static final String INTERRUPTED = "interrupted";

	/**
	 * Error type of any other transport failure.
	 */
	public static final String UNKNOWN = "unknown";

	private final String errorType;

	/**
	 * Creates an exception of the given error type.
	 * @param errorType one of the error type constants of this class
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 */
	public StreamTransportException(String errorType, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.errorType = errorType;
	}

	/**
	 * Returns the kind of transport failure, one of the constants of this class.
	 * @return the error type
	 */
	public String getErrorType() {
		return this.errorType;
	}

	/**
	 * Returns whether this exception reports a wait whose deadline passed.
	 * @return whether the error type is {@value #TIMEOUT}
	 */
	public boolean isTimeout() {
		return TIMEOUT.equals(this.errorType);
	}

}
