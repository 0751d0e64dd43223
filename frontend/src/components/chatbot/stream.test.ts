// @vitest-environment happy-dom
// Streaming into a mounted Chatbot the way the app does it (edits applied in place to the
// component's reactive value): earlier messages keep their DOM untouched, and so do the finished
// blocks of the growing message.
import "../../shared/happy-dom-fixes.testutil";
import { createRawSnippet, flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { applyEditsInPlace, type Edit } from "../../api/diff";
import type { LayoutNode } from "../../api/types";
import { appConfig, componentConfig } from "../../api/wire.testutil";
import { AppState } from "../../core/app.svelte";
import { resolve } from "../registry";

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function message(role: string, text: string) {
	return { role, metadata: null, content: [{ type: "text", text }], options: null };
}

/** A Chatbot mounted as the app mounts it: its config node, through the registry. */
async function setup(value: unknown[], listeners: string[] = [], extra: Record<string, unknown> = {}) {
	const props = { value, label: "Chat", buttons: ["copy", "copy_all"], feedback_options: ["Like", "Dislike"], ...extra };
	const config = appConfig({
		components: [componentConfig(1, "chatbot", props)],
		dependencies: [],
		layout: { id: 0, children: [{ id: 1 }] },
	});
	const app = new AppState(config, "http://test");
	const node = app.nodes[1];
	const events: [string, unknown][] = [];
	const target = document.createElement("div");
	document.body.append(target);
	const view = await resolve("chatbot");
	if (!view) throw new Error("no chatbot view");
	const component = mount(view, {
		target,
		props: {
			node,
			dispatch: (event: string, data?: unknown) => events.push([event, data]),
			layout: { id: 1 },
			renderChild: createRawSnippet<[LayoutNode]>(() => ({ render: () => "<span></span>" })),
			ctx: { upload: async () => [], hasListener: (e: string) => listeners.includes(e), root: "http://test", sessionHash: "s" },
		},
	});
	flushSync();
	const stream = (edits: Edit[]) => {
		applyEditsInPlace(node.props, edits);
		flushSync();
	};
	return { app, node, target, events, stream, destroy: () => (unmount(component), target.remove()) };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
	cleanup?.();
	cleanup = null;
});

describe("streaming into the Chatbot", () => {
	it("re-renders only the growing message", async () => {
		const chat = await setup([message("user", "Hi **there**"), message("assistant", "Hello! How can I help?"), message("user", "Tell me")]);
		cleanup = chat.destroy;
		const log = chat.target.querySelector('[role="log"]')!;
		const firstUser = chat.target.querySelector('[data-testid="user"]')!;
		const firstReply = chat.target.querySelector('[data-testid="bot"] p')!;
		expect(firstReply.textContent).toBe("Hello! How can I help?");

		// Record DOM changes. The previous last group only loses its "last" class (its controls
		// then show on hover only); nothing else in an earlier group may change.
		const changed: Node[] = [];
		const observer = new MutationObserver((records) => {
			for (const r of records) {
				const row = r.target instanceof Element && r.target.matches('[data-testid$="-row"]');
				if (!(r.type === "attributes" && r.attributeName === "class" && row)) changed.push(r.target);
			}
		});
		observer.observe(log, { subtree: true, childList: true, characterData: true, attributes: true });

		chat.stream([["add", [3], message("assistant", "")]]);
		const lengths: number[] = [];
		for (const word of ["Once ", "upon ", "a ", "time.\n\n", "The ", "end."]) {
			chat.stream([["append", [3, "content", 0, "text"], word]]);
			await frame();
			flushSync();
			const reply = chat.target.querySelectorAll('[data-testid="bot"]')[1];
			lengths.push(reply.textContent!.trim().length);
		}
		observer.disconnect();
		expect(new Set(lengths).size).toBe(lengths.length);
		const reply = chat.target.querySelectorAll('[data-testid="bot"]')[1];
		expect([...reply.querySelectorAll("p")].map((p) => p.textContent)).toEqual(["Once upon a time.", "The end."]);

		// The earlier messages are the same nodes, and nothing inside them changed.
		expect(chat.target.querySelector('[data-testid="user"]')).toBe(firstUser);
		expect(chat.target.querySelector('[data-testid="bot"] p')).toBe(firstReply);
		const groups = [...chat.target.querySelectorAll('[data-testid$="-row"]')].slice(0, 3);
		const touched = changed.filter((n) => groups.some((g) => g.contains(n)));
		expect(touched).toEqual([]);
	});

	it("keeps the finished paragraphs of the growing message while the last one grows", async () => {
		const chat = await setup([message("user", "Go"), message("assistant", "First paragraph.\n\nSecond")]);
		cleanup = chat.destroy;
		chat.stream([["append", [1, "content", 0, "text"], " part"]]);
		await frame();
		flushSync();
		const first = chat.target.querySelector('[data-testid="bot"] p')!;
		expect(first.textContent).toBe("First paragraph.");
		for (const word of [" grows", " and", " grows."]) {
			chat.stream([["append", [1, "content", 0, "text"], word]]);
			await frame();
			flushSync();
		}
		const paragraphs = chat.target.querySelectorAll('[data-testid="bot"] p');
		expect(paragraphs[0]).toBe(first);
		expect(paragraphs[1].textContent).toBe("Second part grows and grows.");
	});

	it("never renders script from a message", async () => {
		const chat = await setup([
			message("assistant", '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"> [link](javascript:window.__pwned=3)'),
		]);
		cleanup = chat.destroy;
		const bot = chat.target.querySelector('[data-testid="bot"]')!;
		expect(bot.querySelector("script")).toBeNull();
		expect(bot.querySelector("img")?.getAttribute("onerror")).toBeNull();
		expect(bot.querySelector('a[href^="javascript"]')).toBeNull();
	});
});

describe("controls", () => {
	it("sends Gradio's like, retry and undo payloads", async () => {
		const chat = await setup([message("user", "Hi"), message("assistant", "Hello"), message("assistant", "again")], ["like", "retry", "undo"]);
		cleanup = chat.destroy;
		const button = (name: string) => chat.target.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)!;
		button("Like").click();
		button("Like").click();
		button("Dislike").click();
		button("Retry").click();
		button("Undo").click();
		expect(chat.events).toEqual([
			["like", { index: 1, value: ["Hello", "again"], liked: true }],
			["like", { index: 1, value: ["Hello", "again"], liked: "" }],
			["like", { index: 1, value: ["Hello", "again"], liked: false }],
			["retry", { index: 0, value: "Hi" }],
			["undo", { index: 0, value: "Hi" }],
		]);
	});

	it("edits a user message in place and sends the edit", async () => {
		const chat = await setup([message("user", "Hi"), message("assistant", "Hello")], ["edit"]);
		cleanup = chat.destroy;
		chat.target.querySelector<HTMLButtonElement>('button[aria-label="Edit message"]')!.click();
		flushSync();
		const area = chat.target.querySelector("textarea")!;
		area.value = "Hey";
		area.dispatchEvent(new Event("input", { bubbles: true }));
		flushSync();
		[...chat.target.querySelectorAll("button")].find((b) => b.textContent === "Submit")!.click();
		flushSync();
		expect(chat.events).toEqual([
			["edit", { index: 0, _dispatch_value: [{ type: "text", text: "Hey" }], value: "Hey", previous_value: "Hi" }],
		]);
		expect(chat.node.props.value).toMatchObject([{ content: [{ type: "text", text: "Hey" }] }, { role: "assistant" }]);
	});
});

describe("copying", () => {
	it("copies a message and the conversation with the watermark, and fires copy", async () => {
		const copied: string[] = [];
		Object.defineProperty(navigator, "clipboard", {
			value: { writeText: async (text: string) => void copied.push(text) },
			configurable: true,
		});
		const chat = await setup([message("user", "Hi"), message("assistant", "Hello")], [], { watermark: "(AI)" });
		cleanup = chat.destroy;
		const buttons = chat.target.querySelectorAll<HTMLButtonElement>('button[aria-label="Copy message"]');
		buttons[1].click();
		chat.target.querySelector<HTMLButtonElement>('button[aria-label="Copy conversation"]')!.click();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(copied).toEqual(["Hello\n\n(AI)", "user: Hi\n\nassistant: Hello\n\n(AI)"]);
		expect(chat.events).toEqual([["copy", { value: "Hello" }]]);
	});

	it("clears the conversation and fires clear", async () => {
		const chat = await setup([message("user", "Hi")], ["clear"]);
		cleanup = chat.destroy;
		chat.target.querySelector<HTMLButtonElement>('button[aria-label="Clear conversation"]')!.click();
		flushSync();
		expect(chat.node.props.value).toEqual([]);
		expect(chat.events).toEqual([["clear", undefined]]);
		expect(chat.target.querySelector('[data-testid="user"]')).toBeNull();
	});
});
