package io.getstream.spring.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP server on a free loopback port that responds to every request with a 200 whose
 * body arrives one byte every 200 ms, so that no single read ever times out. The emulator
 * cannot send a body that slowly.
 */
final class SlowBodyServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final Thread acceptor;

	private final AtomicInteger requests = new AtomicInteger();

	SlowBodyServer() throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "slow-body-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	int requests() {
		return this.requests.get();
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				Thread handler = new Thread(() -> dribble(socket), "slow-body-handler");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void dribble(Socket socket) {
		try (socket) {
			readRequestHead(socket.getInputStream());
			this.requests.incrementAndGet();
			OutputStream output = socket.getOutputStream();
			output.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			output.flush();
			// Bounded: 100 bytes at 200 ms each end after 20 s at the latest.
			for (int i = 0; i < 100 && !this.serverSocket.isClosed(); i++) {
				output.write(' ');
				output.flush();
				Thread.sleep(200);
			}
		}
		catch (IOException ex) {
			// The client gave up, as the tests expect.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void readRequestHead(InputStream input) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int next;
		while (matched < end.length && (next = input.read()) != -1) {
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
	}

}
