import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppConfig, DependencyConfig } from "../api/types";
import { AppState } from "./app.svelte";

function dep(id: number, target: number, triggerMode: DependencyConfig["trigger_mode"]): DependencyConfig {
	return {
		id,
		targets: [[target, "click"]],
		inputs: [],
		outputs: [3],
		backend_fn: true,
		js: null,
		queue: true,
		api_name: `fn${id}`,
		show_progress: "hidden",
		show_progress_on: null,
		scroll_to_output: false,
		cancels: [],
		types: { generator: false, cancel: false },
		trigger_after: null,
		trigger_only_on_success: false,
		trigger_only_on_failure: false,
		trigger_mode: triggerMode,
		api_visibility: "public",
	};
}

const config = {
	version: "6.31.0",
	api_prefix: "/gradio_api",
	root: "http://host",
	mode: "blocks",
	title: "t",
	components: [
		{ id: 1, type: "button", props: {} },
		{ id: 2, type: "button", props: {} },
		{ id: 3, type: "textbox", props: { value: "" } },
	],
	dependencies: [dep(0, 1, "multiple"), dep(1, 2, "once")],
	layout: { id: 0, children: [{ id: 1 }, { id: 2 }, { id: 3 }] },
	css: null,
	js: null,
	head: null,
	theme: null,
} as unknown as AppConfig;

function sse(message: object): Uint8Array {
	return new TextEncoder().encode(`data: ${JSON.stringify(message)}\n\n`);
}

afterEach(() => vi.unstubAllGlobals());

describe("AppState trigger_mode", () => {
	it("a listener whose event ended before its join answered can be triggered again", async () => {
		let stream!: ReadableStreamDefaultController<Uint8Array>;
		let answerJoin: ((response: Response) => void) | null = null;
		const joins: number[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string, init?: RequestInit) => {
				if (url.includes("/queue/data")) {
					return new Response(new ReadableStream({ start: (c) => (stream = c) }), { status: 200 });
				}
				const fn = JSON.parse(String(init?.body)).fn_index as number;
				joins.push(fn);
				const eventId = `e${joins.length}`;
				if (fn === 0) return new Response(JSON.stringify({ event_id: eventId }));
				// The second listener's join answers late: its whole event arrives first on the open stream.
				return new Promise<Response>((resolve) => {
					answerJoin = resolve;
					stream.enqueue(
						sse({ msg: "process_completed", event_id: eventId, output: { data: ["fast"] }, success: true }),
					);
					setTimeout(() => resolve(new Response(JSON.stringify({ event_id: eventId }))), 20);
				});
			}),
		);
		const app = new AppState(config, "http://host");
		app.trigger(1, "click"); // a long event keeps the session's stream open
		await vi.waitFor(() => expect(stream).toBeDefined());
		app.trigger(2, "click");
		await vi.waitFor(() => expect(app.nodes[3].props.value).toBe("fast"));
		await vi.waitFor(() => expect(answerJoin).not.toBeNull());
		await new Promise((resolve) => setTimeout(resolve, 50)); // the late join answer has been handled
		app.trigger(2, "click");
		await vi.waitFor(() => expect(joins).toEqual([0, 1, 1]));
	});
});
