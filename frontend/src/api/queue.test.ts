import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueueClient, ValidationRefusal } from "./queue";
import type { QueueMessage } from "./types";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
			controller.close();
		},
	});
}

function sse(message: object): string {
	return `data: ${JSON.stringify(message)}\n\n`;
}

// The SSE tests run without WebSocket (the page then reads /queue/data); the socket tests stub their own.
beforeEach(() => vi.stubGlobal("WebSocket", undefined));
afterEach(() => vi.unstubAllGlobals());

describe("QueueClient stream parsing", () => {
	it("delivers every message of a chunk, across split blocks, and stops at close_stream", async () => {
		const generating = Array.from({ length: 500 }, (_, i) =>
			sse({ msg: "process_generating", event_id: "e1", output: { data: [[["append", [], `t${i}`]]] } }),
		).join("");
		const whole =
			generating +
			sse({ msg: "heartbeat", event_id: null }) +
			sse({ msg: "process_completed", event_id: "e1", output: { data: ["done"] }, success: true }) +
			sse({ msg: "close_stream", event_id: null }) +
			sse({ msg: "process_completed", event_id: "e1", output: { data: ["after close"] }, success: true });
		// one big chunk, then the rest cut in the middle of a block
		const cut = whole.length - 200;
		const chunks = [whole.slice(0, cut), whole.slice(cut, cut + 7), whole.slice(cut + 7)];
		const fetchMock = vi.fn(async (url: string) => {
			if (url.includes("/queue/join")) return new Response(JSON.stringify({ event_id: "e1" }), { status: 200 });
			return new Response(streamOf(chunks), { status: 200 });
		});
		vi.stubGlobal("fetch", fetchMock);
		const client = new QueueClient("http://host", "session1");
		const seen: QueueMessage[] = [];
		const done = new Promise<void>((resolve) => {
			void client.submit(0, [], null, null, (message) => {
				seen.push(message);
				if (message.msg === "process_completed") resolve();
			});
		});
		await done;
		expect(seen.filter((m) => m.msg === "process_generating")).toHaveLength(500);
		expect(seen.at(-1)).toMatchObject({ msg: "process_completed", output: { data: ["done"] } });
		expect(seen.some((m) => m.msg === "heartbeat")).toBe(false);
	});
});

describe("QueueClient stream resume", () => {
	function joinAnswer(): Response {
		return new Response(JSON.stringify({ event_id: "e1" }), { status: 200 });
	}

	it("reopens a stream that dropped before close_stream with the last seq read as Last-Event-ID", async () => {
		const streams = [
			[
				sse({ msg: "estimation", event_id: "e1", rank: 0, queue_size: 1, rank_eta: null, seq: 1 }),
				sse({ msg: "process_starts", event_id: "e1", eta: null, seq: 2 }),
				sse({ msg: "process_generating", event_id: "e1", output: { data: ["a"] }, success: true, seq: 3 }),
			], // then the connection drops
			[
				sse({ msg: "process_generating", event_id: "e1", output: { data: [[["append", [], "b"]]] }, success: true, seq: 4 }),
				sse({ msg: "process_completed", event_id: "e1", output: { data: ["ab"] }, success: true, seq: 5 }),
				sse({ msg: "close_stream", event_id: null, seq: 5 }),
			],
		];
		const resumes: (string | null)[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string, init?: RequestInit) => {
				if (url.includes("/queue/join")) return joinAnswer();
				resumes.push(new Headers(init?.headers).get("Last-Event-ID"));
				return new Response(streamOf(streams.shift() ?? []), { status: 200 });
			}),
		);
		const client = new QueueClient("http://host", "session1");
		const seen: QueueMessage[] = [];
		await new Promise<void>((resolve) => {
			void client.submit(0, [], null, null, (message) => {
				seen.push(message);
				if (message.msg === "process_completed") resolve();
			});
		});
		expect(resumes).toEqual([null, "3"]);
		expect(seen.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
		// After a clean close_stream the next event's stream starts afresh.
		streams.push([
			sse({ msg: "process_completed", event_id: "e1", output: { data: ["x"] }, success: true, seq: 6 }),
			sse({ msg: "close_stream", event_id: null, seq: 6 }),
		]);
		await new Promise<void>((resolve) => {
			void client.submit(0, [], null, null, (message) => {
				if (message.msg === "process_completed") resolve();
			});
		});
		expect(resumes).toEqual([null, "3", null]);
	});

	it("retries a refused stream with a growing delay and ends every event on unexpected_error", async () => {
		let attempts = 0;
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string) => {
				if (url.includes("/queue/join")) return joinAnswer();
				attempts += 1;
				if (attempts < 3) return new Response("busy", { status: 503 });
				const lost = { msg: "unexpected_error", event_id: null, message: "no longer buffered", success: false, seq: 9 };
				return new Response(streamOf([sse(lost)]), { status: 200 });
			}),
		);
		const started = Date.now();
		const client = new QueueClient("http://host", "session1");
		const message = await new Promise<QueueMessage>((resolve) => {
			void client.submit(0, [], null, null, resolve);
		});
		expect(message).toMatchObject({ msg: "unexpected_error", message: "no longer buffered" });
		expect(attempts).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(250 + 500 - 20);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(attempts).toBe(3); // no event is left pending, so no stream is reopened
	});
});

describe("QueueClient join refusals", () => {
	it("turns a validator's 422 into a ValidationRefusal with one entry per input", async () => {
		const detail = [
			{ __type__: "validate", is_valid: false, message: "Name is required", parameter_name: "name" },
			{ is_valid: true, message: "" },
		];
		vi.stubGlobal(
			"fetch",
			vi.fn(async () => new Response(JSON.stringify({ detail }), { status: 422 })),
		);
		const client = new QueueClient("http://host", "session1");
		const refusal = await client.submit(0, ["", 1], null, null, () => {}).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(ValidationRefusal);
		expect((refusal as ValidationRefusal).entries).toEqual(detail);
		expect((refusal as ValidationRefusal).message).toBe("Name is required");
	});

	it("keeps other failures as plain errors with the server's detail", async () => {
		vi.stubGlobal(
			"fetch",
			vi.fn(async () => new Response(JSON.stringify({ detail: "validator exploded" }), { status: 400 })),
		);
		const client = new QueueClient("http://host", "session1");
		const error = await client.submit(0, [], null, null, () => {}).catch((e: unknown) => e);
		expect(error).not.toBeInstanceOf(ValidationRefusal);
		expect((error as Error).message).toBe("validator exploded");
	});
});

/** A WebSocket double: opens (or, with `refuse`, fails) on the next tick; the test answers what the page sends. */
class FakeSocket {
	static instances: FakeSocket[] = [];
	static refuse = false;
	static onSend: (socket: FakeSocket, data: string) => void = () => {};
	onopen: ((event: unknown) => void) | null = null;
	onmessage: ((event: { data: unknown }) => void) | null = null;
	onclose: ((event: unknown) => void) | null = null;
	sent: string[] = [];

	constructor(readonly url: string) {
		FakeSocket.instances.push(this);
		setTimeout(() => (FakeSocket.refuse ? this.onclose?.({}) : this.onopen?.({})), 0);
	}

	send(data: string): void {
		this.sent.push(data);
		setTimeout(() => FakeSocket.onSend(this, data), 0);
	}

	close(): void {
		setTimeout(() => this.onclose?.({}), 0);
	}

	frame(...messages: object[]): void {
		this.onmessage?.({ data: messages.map(sse).join("") });
	}
}

describe("QueueClient socket", () => {
	beforeEach(() => {
		FakeSocket.instances = [];
		FakeSocket.refuse = false;
		vi.stubGlobal("WebSocket", FakeSocket);
	});

	it("reads the session's messages over one socket and resumes a dropped one from the last seq", async () => {
		const fetched: string[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string) => {
				fetched.push(url);
				return new Response(JSON.stringify({ event_id: "e1" }), { status: 200 });
			}),
		);
		FakeSocket.onSend = (socket, data) => {
			if (FakeSocket.instances.length === 1) {
				expect(JSON.parse(data)).toEqual({ stream: null });
				socket.frame(
					{ msg: "process_starts", event_id: "e1", eta: null, seq: 1 },
					{ msg: "process_generating", event_id: "e1", output: { data: ["a"] }, success: true, seq: 2 },
				);
				socket.close(); // the connection drops mid-stream
			} else {
				expect(JSON.parse(data)).toEqual({ stream: 2 });
				socket.frame({ msg: "heartbeat", event_id: null, seq: 2 });
				socket.frame(
					{ msg: "process_completed", event_id: "e1", output: { data: ["ab"] }, success: true, seq: 3 },
					{ msg: "close_stream", event_id: null, seq: 3 },
				);
			}
		};
		const client = new QueueClient("http://host/app", "session1");
		const seen: QueueMessage[] = [];
		await new Promise<void>((resolve) => {
			void client.submit(0, [], null, null, (message) => {
				seen.push(message);
				if (message.msg === "process_completed") resolve();
			});
		});
		expect(seen.map((m) => m.seq)).toEqual([1, 2, 3]);
		expect(FakeSocket.instances.map((s) => s.url)).toEqual([
			"ws://host/app/gradio_api/queue/ws?session_hash=session1",
			"ws://host/app/gradio_api/queue/ws?session_hash=session1",
		]);
		expect(fetched.every((url) => url.endsWith("/queue/join"))).toBe(true);
		expect(client.transport).toBe("socket");
	});

	it("ends a stream at a session-wide unexpected_error, and the next event asks the same socket again", async () => {
		let joins = 0;
		vi.stubGlobal(
			"fetch",
			vi.fn(async () => new Response(JSON.stringify({ event_id: `e${++joins}` }), { status: 200 })),
		);
		const asked: unknown[] = [];
		FakeSocket.onSend = (socket, data) => {
			asked.push(JSON.parse(data));
			if (asked.length === 1) {
				// the server ends this stream after the error, and sends nothing more on it
				socket.frame({ msg: "unexpected_error", event_id: null, message: "no longer kept", success: false, seq: 9 });
			} else {
				socket.frame(
					{ msg: "process_completed", event_id: "e2", output: { data: ["ok"] }, success: true, seq: 1 },
					{ msg: "close_stream", event_id: null, seq: 1 },
				);
			}
		};
		const client = new QueueClient("http://host", "session1");
		const first = await new Promise<QueueMessage>((resolve) => {
			void client.submit(0, [], null, null, resolve);
		});
		expect(first).toMatchObject({ msg: "unexpected_error", message: "no longer kept" });
		const second = await new Promise<QueueMessage>((resolve) => {
			void client.submit(0, [], null, null, resolve);
		});
		expect(second).toMatchObject({ msg: "process_completed", output: { data: ["ok"] } });
		expect(asked).toEqual([{ stream: null }, { stream: null }]);
		expect(FakeSocket.instances).toHaveLength(1);
	});

	it("falls back to SSE streams when the socket cannot open", async () => {
		FakeSocket.refuse = true;
		const fetched: string[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string) => {
				fetched.push(url);
				if (url.includes("/queue/join")) return new Response(JSON.stringify({ event_id: "e1" }), { status: 200 });
				return new Response(
					streamOf([
						sse({ msg: "process_completed", event_id: "e1", output: { data: ["x"] }, success: true, seq: 1 }),
						sse({ msg: "close_stream", event_id: null, seq: 1 }),
					]),
					{ status: 200 },
				);
			}),
		);
		const beats: string[] = [];
		vi.stubGlobal(
			"EventSource",
			class {
				constructor(url: string) {
					beats.push(url);
				}
			},
		);
		const client = new QueueClient("https://host", "session1");
		expect(await client.connect()).toBe(false);
		expect(beats).toEqual(["https://host/gradio_api/heartbeat/session1"]); // the heartbeat, as an SSE stream
		const message = await new Promise<QueueMessage>((resolve) => {
			void client.submit(0, [], null, null, resolve);
		});
		expect(message).toMatchObject({ msg: "process_completed", output: { data: ["x"] } });
		expect(client.transport).toBe("sse");
		expect(FakeSocket.instances.map((s) => s.url)).toEqual(["wss://host/gradio_api/queue/ws?session_hash=session1"]);
		expect(fetched.some((url) => url.includes("/queue/data?session_hash=session1"))).toBe(true);
	});
});
