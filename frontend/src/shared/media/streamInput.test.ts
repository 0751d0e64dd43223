import { afterEach, describe, expect, it, vi } from "vitest";
import { appConfig, componentConfig, dependencyConfig } from "../../api/wire.testutil";
import { AppState } from "../../core/app.svelte";
import { isStreamChunk, streamChunk, streamEventData, streamInterval } from "../streamWire";

afterEach(() => vi.unstubAllGlobals());

describe("stream chunks", () => {
	it("wraps a chunk as the value it stands for", () => {
		expect(streamChunk({ url: "data:," })).toEqual({ value: { url: "data:," }, is_value_data: true });
		expect(isStreamChunk(streamChunk(1))).toBe(true);
		expect(isStreamChunk({ value: 1 })).toBe(false);
		expect(isStreamChunk(null)).toBe(false);
		// The wire: a webcam frame's event_data is the wrapped chunk, a microphone chunk's its FileData alone.
		expect(streamEventData(streamChunk({ url: "data:," }))).toEqual({ value: { url: "data:," }, is_value_data: true });
		expect(streamEventData(streamChunk({ path: "a.wav" }, true))).toEqual({ path: "a.wav" });
		expect(isStreamChunk(streamChunk(1, true))).toBe(true);
	});

	it("paces by stream_every, 0.5 s by default and 50 ms at least", () => {
		expect(streamInterval(0.2)).toBe(0.2);
		expect(streamInterval(undefined)).toBe(0.5);
		expect(streamInterval(null)).toBe(0.5);
		expect(streamInterval(0)).toBe(0.5);
		expect(streamInterval(0.001)).toBe(0.05);
	});
});

describe("AppState stream listeners", () => {
	const config = appConfig({
		components: [componentConfig(1, "image", { streaming: true }), componentConfig(2, "textbox", { value: "" })],
		dependencies: [
			dependencyConfig({
				id: 0,
				targets: [[1, "stream"]],
				inputs: [1],
				outputs: [2],
				connection: "stream",
				stream_every: 0.2,
				time_limit: 5,
			}),
		],
		layout: { id: 0, children: [{ id: 1 }, { id: 2 }] },
	});

	it("joins with the first chunk, posts the next ones, shows each result and closes on stop", async () => {
		let stream!: ReadableStreamDefaultController<Uint8Array>;
		const posts: { url: string; body: Record<string, unknown> }[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string, init?: RequestInit) => {
				if (url.includes("/queue/data")) {
					return new Response(new ReadableStream({ start: (c) => (stream = c) }), { status: 200 });
				}
				posts.push({ url, body: JSON.parse(String(init?.body)) });
				if (url.endsWith("/queue/join")) return new Response(JSON.stringify({ event_id: "ev" }));
				return new Response(JSON.stringify({ msg: "success" }));
			}),
		);
		const send = (message: object) => stream.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(message)}\n\n`));
		const app = new AppState(config, "http://host");
		expect(app.streamEvery(1)).toBe(0.2);
		const dispatch = app.dispatcher(1);
		dispatch("stream", streamChunk({ url: "data:a" }));
		await vi.waitFor(() => expect(stream).toBeDefined());
		send({ msg: "process_streaming", event_id: "ev", output: { data: ["one"] }, success: true, time_limit: 4.5 });
		await vi.waitFor(() => expect(app.nodes[2].props.value).toBe("one"));
		expect(app.streamLimits[1]).toBe(4.5);
		dispatch("stream", streamChunk({ url: "data:b" }));
		await vi.waitFor(() => expect(posts.length).toBe(2));
		expect(posts[0].url).toBe("http://host/gradio_api/queue/join");
		expect(posts[0].body.data).toEqual([{ url: "data:a" }]);
		expect(posts[1].url).toBe("http://host/gradio_api/stream/ev");
		expect(posts[1].body).toMatchObject({ fn_index: 0, data: [{ url: "data:b" }], session_hash: app.queue.sessionHash });
		send({ msg: "process_streaming", event_id: "ev", output: { data: ["two"] }, success: true, time_limit: 4.5 });
		await vi.waitFor(() => expect(app.nodes[2].props.value).toBe("two"));
		dispatch("close_stream");
		await vi.waitFor(() => expect(posts.length).toBe(3));
		expect(posts[2].url).toBe("http://host/gradio_api/stream/ev/close");
		expect(1 in app.streamLimits).toBe(false);
		send({ msg: "process_completed", event_id: "ev", output: { data: ["two"] }, success: true });
		await new Promise((resolve) => setTimeout(resolve, 20));
		// The event is over: the next chunk joins a new one.
		dispatch("stream", streamChunk({ url: "data:c" }));
		await vi.waitFor(() => expect(posts.length).toBe(4));
		expect(posts[3].url).toBe("http://host/gradio_api/queue/join");
	});
});
