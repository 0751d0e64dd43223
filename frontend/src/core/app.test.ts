import { afterEach, describe, expect, it, vi } from "vitest";
import type { DependencyConfig } from "../api/types";
import { appConfig, componentConfig, dependencyConfig } from "../api/wire.testutil";
import { AppState, inferInteractive, toastDuration } from "./app.svelte";

function dep(id: number, target: number, triggerMode: DependencyConfig["trigger_mode"]): DependencyConfig {
	return dependencyConfig({ id, targets: [[target, "click"]], outputs: [3], show_progress: "hidden", trigger_mode: triggerMode });
}

const config = appConfig({
	components: [componentConfig(1, "button"), componentConfig(2, "button"), componentConfig(3, "textbox", { value: "" })],
	dependencies: [dep(0, 1, "multiple"), dep(1, 2, "once")],
	layout: { id: 0, children: [{ id: 1 }, { id: 2 }, { id: 3 }] },
});

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

describe("AppState always_last", () => {
	it("a trigger while the join is on its way waits: the listener runs again once, with the last trigger", async () => {
		let stream!: ReadableStreamDefaultController<Uint8Array>;
		const answers: (() => void)[] = [];
		const joins: unknown[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string, init?: RequestInit) => {
				if (url.includes("/queue/data")) {
					return new Response(new ReadableStream({ start: (c) => (stream = c) }), { status: 200 });
				}
				joins.push(JSON.parse(String(init?.body)).event_data);
				const eventId = `e${joins.length}`;
				return new Promise<Response>((resolve) => {
					answers.push(() => resolve(new Response(JSON.stringify({ event_id: eventId }))));
				});
			}),
		);
		const app = new AppState(
			appConfig({
				components: [componentConfig(1, "button"), componentConfig(3, "textbox", { value: "" })],
				dependencies: [dep(0, 1, "always_last")],
				layout: { id: 0, children: [{ id: 1 }, { id: 3 }] },
			}),
			"http://host",
		);
		app.trigger(1, "click", "first");
		app.trigger(1, "click", "second");
		app.trigger(1, "click", "third");
		await vi.waitFor(() => expect(answers).toHaveLength(1));
		await new Promise((resolve) => setTimeout(resolve, 20)); // (a second join would have been sent by now)
		expect(joins).toEqual(["first"]);
		answers[0]();
		await vi.waitFor(() => expect(stream).toBeDefined());
		stream.enqueue(sse({ msg: "process_completed", event_id: "e1", output: { data: ["one"] }, success: true }));
		await vi.waitFor(() => expect(joins).toEqual(["first", "third"]));
	});
});

describe("AppState join body", () => {
	it("names event_data only when the event carries some, as Gradio's page", async () => {
		const bodies: Record<string, unknown>[] = [];
		vi.stubGlobal(
			"fetch",
			vi.fn(async (url: string, init?: RequestInit) => {
				if (url.includes("/queue/data")) return new Response(new ReadableStream({ start: () => {} }), { status: 200 });
				bodies.push(JSON.parse(String(init?.body)));
				return new Response(JSON.stringify({ event_id: `e${bodies.length}` }));
			}),
		);
		const app = new AppState(
			appConfig({
				components: [componentConfig(1, "button"), componentConfig(3, "textbox", { value: "" })],
				dependencies: [dep(0, 1, "multiple")],
				layout: { id: 0, children: [{ id: 1 }, { id: 3 }] },
			}),
			"http://host",
		);
		app.trigger(1, "click");
		await vi.waitFor(() => expect(bodies).toHaveLength(1));
		app.trigger(1, "click", { index: 2 });
		await vi.waitFor(() => expect(bodies).toHaveLength(2));
		expect("event_data" in bodies[0]).toBe(false);
		expect(bodies[1].event_data).toEqual({ index: 2 });
	});
});

describe("AppState initial props", () => {
	it("fills in the value and label the config leaves out, as Gradio's page does", () => {
		const app = new AppState(
			appConfig({
				components: [
					componentConfig(1, "textbox"),
					componentConfig(2, "number", { label: "Age" }),
					componentConfig(3, "dropdown", { multiselect: true, value: [] }),
					componentConfig(4, "imageslider"),
					componentConfig(5, "json"),
					componentConfig(6, "textbox", { value: "given", label: null }),
				],
				dependencies: [],
				layout: { id: 0, children: [1, 2, 3, 4, 5, 6].map((id) => ({ id })) },
			}),
			"http://x",
		);
		expect(app.nodes[1].props).toMatchObject({ value: "", label: "Textbox" });
		expect(app.nodes[2].props).toMatchObject({ value: 0, label: "Age" });
		expect(app.nodes[3].props).toMatchObject({ value: [], label: "Multiselect" });
		expect(app.nodes[4].props).toMatchObject({ value: [null, null], label: "Image" });
		expect(app.nodes[5].props.value).toBeUndefined();
		expect(app.nodes[5].props.label).toBeUndefined();
		expect(app.nodes[6].props).toMatchObject({ value: "given", label: "Textbox" });
	});
});

describe("AppState component errors", () => {
	it("shows a component's error event, and its share event, as error toasts", () => {
		const app = new AppState(config, "http://host");
		app.dispatcher(1)("error", "Could not read the file.");
		app.dispatcher(2)("share");
		expect(app.toasts.map((t) => [t.level, t.message])).toEqual([
			["error", "Could not read the file."],
			["error", "Must be on Spaces to share."],
		]);
	});
});

describe("AppState custom corner buttons", () => {
	it("a click on a component's custom button fires that Button's click listeners, not the component's", () => {
		const app = new AppState(config, "http://host");
		const trigger = vi.spyOn(app, "trigger").mockImplementation(() => undefined);
		app.dispatcher(3)("custom_button_click", { id: 2 });
		expect(trigger.mock.calls).toEqual([[2, "click"]]);
	});
});

describe("interactive=None, as Gradio's page decides it", () => {
	const inputs = new Set([1]);
	const outputs = new Set([1, 2]);
	it("an input is editable and an output only written by events is not", () => {
		expect(inferInteractive(1, "set", inputs, outputs)).toBe(true);
		expect(inferInteractive(2, null, inputs, outputs)).toBe(false);
	});
	it("one no event reads or writes is editable only while it holds no value", () => {
		for (const empty of [null, undefined, "", 0, false, []]) expect(inferInteractive(3, empty, inputs, outputs)).toBe(true);
		for (const value of ["hi", 5, true, ["x"], { path: "a.png" }]) expect(inferInteractive(3, value, inputs, outputs)).toBe(false);
	});
});

describe("error toasts", () => {
	it("close after 10 s unless the error names its duration (null: until closed)", () => {
		expect(toastDuration({})).toBe(10);
		expect(toastDuration({ duration: 3 })).toBe(3);
		expect(toastDuration({ duration: null })).toBeNull();
	});
});
