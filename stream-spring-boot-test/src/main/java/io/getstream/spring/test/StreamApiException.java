package io.getstream.spring.test;

import java.util.Map;

/**
 * Error that the emulator sends as Stream's JSON error body.
 */
class StreamApiException extends RuntimeException {

	private final int httpStatus;

	private final int code;

	private final Map<String, String> exceptionFields;

	StreamApiException(int httpStatus, int code, String message) {
		this(httpStatus, code, message, Map.of());
	}

	StreamApiException(int httpStatus, int code, String message, Map<String, String> exceptionFields) {
		super(message);
		this.httpStatus = httpStatus;
		this.code = code;
		this.exceptionFields = exceptionFields;
	}

	/**
	 * Creates a 400 code 4 input error with Stream's message format.
	 * @param operation the operation name, such as {@code DeleteChannels}
	 * @param field the request field at fault
	 * @param detail what is wrong with the field
	 * @return the exception
	 */
	static StreamApiException inputError(String operation, String field, String detail) {
		return new StreamApiException(400, 4, operation + " failed with error: \"" + detail + "\"",
				Map.of(field, detail));
	}

	int httpStatus() {
		return this.httpStatus;
	}

	int code() {
		return this.code;
	}

	Map<String, String> exceptionFields() {
		return this.exceptionFields;
	}

}
