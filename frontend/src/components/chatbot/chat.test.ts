import { describe, expect, it } from "vitest";
import type { FileData } from "../../api/types";
import {
	allText,
	awaitingReply,
	buildGroups,
	canEdit,
	conversationText,
	editPayload,
	examplePayload,
	feedbackFor,
	fileKind,
	formatDuration,
	groupFile,
	hasOptionList,
	groupText,
	isLastReply,
	lastOptions,
	likePayload,
	likedValue,
	partContent,
	retryPayload,
	withWatermark,
	type Message,
} from "./chat";
import { nodeProps, viewType } from "./parts";

const text = (role: string, t: string, metadata: Message["metadata"] = null): Message => ({
	role,
	metadata,
	content: [{ type: "text", text: t }],
	options: null,
});
const file = (name: string, mime: string | null): FileData => ({
	path: `/tmp/${name}`,
	url: null,
	orig_name: name,
	mime_type: mime,
	meta: { _type: "gradio.FileData" },
});

describe("buildGroups", () => {
	it("groups consecutive messages of one role and keeps the very message objects", () => {
		const messages = [text("user", "a"), text("user", "b"), text("assistant", "c"), text("user", "d")];
		const groups = buildGroups(messages);
		expect(groups.map((g) => [g.role, g.key, g.items.map((i) => i.index)])).toEqual([
			["user", 0, [0, 1]],
			["assistant", 2, [2]],
			["user", 3, [3]],
		]);
		expect(groups[0].items[1].message).toBe(messages[1]);
	});

	it("makes every message its own group without group_consecutive_messages", () => {
		const groups = buildGroups([text("user", "a"), text("user", "b")], false);
		expect(groups.map((g) => g.key)).toEqual([0, 1]);
	});

	it("skips system messages and anything that is not a message", () => {
		const groups = buildGroups([text("system", "s"), null, { role: "user" }, text("assistant", "x")]);
		expect(groups.map((g) => [g.role, g.key])).toEqual([["assistant", 3]]);
	});

	it("nests thoughts under their parent and counts assistant groups for feedback_value", () => {
		const messages = [
			text("user", "q"),
			text("assistant", "plan", { title: "Plan", id: 1 }),
			text("assistant", "step", { title: "Step", id: "2", parent_id: "1" }),
			text("assistant", "deeper", { title: "Deeper", parent_id: 2 }),
			text("assistant", "orphan", { title: "Orphan", parent_id: 99 }),
			text("user", "again"),
			text("assistant", "answer"),
		];
		const groups = buildGroups(messages);
		expect(groups.map((g) => g.ordinal)).toEqual([-1, 0, -1, 1]);
		const plan = groups[1].items[0];
		expect(groups[1].items.map((i) => i.index)).toEqual([1, 4]);
		expect(plan.children.map((c) => c.index)).toEqual([2]);
		expect(plan.children[0].children.map((c) => c.index)).toEqual([3]);
	});
});

describe("event payloads (Gradio 6 shapes)", () => {
	const png = file("a.png", "image/png");
	const history = [
		text("user", "hello"),
		text("assistant", "hi"),
		{ role: "user", metadata: null, content: [{ type: "text", text: "look" }, { type: "file", file: png }] },
		text("assistant", "nice"),
		text("assistant", "picture"),
	] as Message[];

	it("retry/undo carry the last user message's index and its last part's content", () => {
		expect(retryPayload(history)).toEqual({
			index: 2,
			value: { component: "image", value: png, alt_text: null, constructor_args: {}, props: {} },
		});
		expect(retryPayload(history.slice(0, 2))).toEqual({ index: 0, value: "hello" });
		expect(retryPayload([text("assistant", "only")])).toBeNull();
		expect(retryPayload([])).toBeNull();
	});

	it("like carries the group's first index, every part's content and liked", () => {
		const groups = buildGroups(history);
		expect(likePayload(groups[3], "Like")).toEqual({ index: 3, value: ["nice", "picture"], liked: true });
		expect(likePayload(groups[1], "Dislike").liked).toBe(false);
		expect(likePayload(groups[1], "Inaccurate").liked).toBe("Inaccurate");
		expect(likedValue(null)).toBe("");
	});

	it("edit carries index, the new text and the previous one", () => {
		expect(editPayload(2, "new", "old")).toEqual({
			index: 2,
			_dispatch_value: [{ type: "text", text: "new" }],
			value: "new",
			previous_value: "old",
		});
	});

	it("files become component descriptions; other files a list", () => {
		const doc = file("notes.pdf", "application/pdf");
		expect(partContent({ type: "file", file: doc, alt_text: "n" })).toEqual({
			component: "file",
			value: [doc],
			alt_text: "n",
			constructor_args: {},
			props: {},
		});
		const part = { type: "component" as const, component: "json", value: { a: 1 }, constructor_args: {}, props: {} };
		expect(partContent(part)).toBe(part);
	});

	it("example_select carries the index and the example's text and files", () => {
		expect(examplePayload(1, { text: "hi", display_text: "Say hi", files: ["a.png"] })).toEqual({
			index: 1,
			value: { text: "hi", files: ["a.png"] },
		});
		expect(examplePayload(0, "plain")).toEqual({ index: 0, value: { text: "plain", files: undefined } });
	});
});

describe("controls", () => {
	const messages = [text("user", "a"), text("assistant", "b"), text("user", "c")];
	const groups = buildGroups(messages);

	it("puts retry/undo on the last group only when it is the assistant's", () => {
		expect(groups.map((_, i) => isLastReply(groups, i))).toEqual([false, false, false]);
		const answered = buildGroups([...messages, text("assistant", "d")]);
		expect(answered.map((_, i) => isLastReply(answered, i))).toEqual([false, false, false, true]);
	});

	it("offers editing of user text for 'user' and of any text for 'all'", () => {
		expect(groups.map((g) => canEdit("user", g))).toEqual([true, false, true]);
		expect(groups.map((g) => canEdit("all", g))).toEqual([true, true, true]);
		expect(groups.map((g) => canEdit(null, g))).toEqual([false, false, false]);
		const image = buildGroups([{ role: "user", content: [{ type: "file", file: file("a.png", "image/png") }] }]);
		expect(canEdit("user", image[0])).toBe(false);
	});

	it("pre-selects feedback from feedback_value by assistant group", () => {
		const answered = buildGroups([...messages, text("assistant", "d")]);
		expect(answered.map((g) => feedbackFor(["Like", "Dislike"], g))).toEqual([null, "Like", null, "Dislike"]);
		expect(feedbackFor(null, answered[1])).toBeNull();
	});

	it("shows the options of the last message when it is the assistant's", () => {
		const options = [{ value: "yes", label: "Yes!" }, { value: "no" }];
		expect(lastOptions([text("user", "?"), { ...text("assistant", "ok"), options }])).toEqual(options);
		expect(lastOptions([{ ...text("assistant", "ok"), options }, text("user", "x")])).toEqual([]);
		expect(lastOptions([])).toEqual([]);
	});

	it("waits for a reply while the listener runs after a user message", () => {
		expect(awaitingReply("pending", messages)).toBe(true);
		expect(awaitingReply("generating", [...messages, text("system", "s")])).toBe(true);
		expect(awaitingReply("generating", [...messages, text("assistant", "d")])).toBe(false);
		expect(awaitingReply("complete", messages)).toBe(false);
		expect(awaitingReply(undefined, messages)).toBe(false);
		expect(awaitingReply("pending", [])).toBe(false);
		const thought = { ...text("assistant", "t"), metadata: { title: "Thinking", status: "done" } } as Message;
		expect(awaitingReply("generating", [...messages, thought])).toBe(true);
		expect(awaitingReply("complete", [...messages, thought])).toBe(false);
		const pendingThought = { ...thought, metadata: { title: "Thinking", status: "pending" } } as Message;
		expect(awaitingReply("generating", [...messages, pendingThought])).toBe(false);
	});

	it("knows when the last message has an options list", () => {
		const reply = text("assistant", "a");
		expect(hasOptionList([reply])).toBe(false);
		expect(hasOptionList([{ ...reply, options: [] } as Message])).toBe(true);
		expect(hasOptionList([{ ...reply, options: [] } as Message, text("user", "u")])).toBe(false);
		expect(hasOptionList([])).toBe(false);
	});
});

describe("text for copying", () => {
	it("copies a group's texts, thoughts as title and indented text", () => {
		const messages = [
			text("assistant", "step one\nstep two", { title: "Thinking", id: 1 }),
			text("assistant", "child", { title: "Tool", parent_id: 1 }),
			text("assistant", "Answer"),
		];
		const [group] = buildGroups(messages);
		expect(groupText(group)).toBe("Thinking\n  step one\n  step two\n  - Tool\n    child\nAnswer");
	});

	it("copies the conversation with roles, file URLs and the watermark", () => {
		const messages: Message[] = [
			text("user", "hi"),
			{ role: "assistant", content: [{ type: "file", file: file("a.png", "image/png") }] },
			{ role: "assistant", content: [{ type: "component", component: "json", value: { a: 1 } }] },
		];
		expect(conversationText(messages, "http://host")).toBe(
			"user: hi\n\nassistant: http://host/gradio_api/file=/tmp/a.png\n\nassistant: [json]",
		);
		expect(withWatermark("x", "— made with AI")).toBe("x\n\n— made with AI");
		expect(withWatermark("x", null)).toBe("x");
	});
});

describe("buttons under a group with a file", () => {
	const file = (name: string, mime: string) => ({ path: name, url: `/f/${name}`, orig_name: name, mime_type: mime }) as FileData;
	const withFile = (role: string, f: FileData): Message => ({ role, content: [{ type: "file", file: f }] }) as Message;
	const component = (role: string, kind: string, value: unknown): Message =>
		({ role, content: [{ type: "component", component: kind, value }] }) as Message;

	it("offers Copy only when every message is text", () => {
		const [texts] = buildGroups([text("assistant", "a"), text("assistant", "b")]);
		expect(allText(texts)).toBe(true);
		const [mixed] = buildGroups([withFile("user", file("a.png", "image/png")), text("user", "what?")]);
		expect(allText(mixed)).toBe(false);
	});

	it("finds the first media file to download and share", () => {
		const image = file("a.png", "image/png");
		const [mixed] = buildGroups([text("user", "look"), withFile("user", image)]);
		expect(groupFile(mixed)).toEqual({ file: image, downloadable: true });
		const [plain] = buildGroups([withFile("user", file("notes.txt", "text/plain"))]);
		expect(groupFile(plain)?.downloadable).toBe(false);
		const [shown] = buildGroups([component("assistant", "image", image)]);
		expect(groupFile(shown)).toEqual({ file: image, downloadable: true });
		const [video] = buildGroups([component("assistant", "video", { video: image, subtitles: null })]);
		expect(groupFile(video)?.downloadable).toBe(false);
		const [html] = buildGroups([component("assistant", "html", "<b>x</b>")]);
		expect(groupFile(html)).toBeNull();
		expect(groupFile(buildGroups([text("assistant", "a")])[0])).toBeNull();
	});
});

describe("small formats", () => {
	it("formats durations", () => {
		expect(formatDuration(1.234)).toBe("1.2s");
		expect(formatDuration(0.05)).toBe("50.0ms");
		expect(formatDuration(125)).toBe("125s");
		expect(formatDuration(125.25)).toBe("125.3s");
		expect(formatDuration(2)).toBe("2s");
		expect(formatDuration(null)).toBe("");
		expect(formatDuration(-1)).toBe("");
	});

	it("tells file kinds by MIME type, then by extension", () => {
		expect(fileKind(file("a.png", "image/png"))).toBe("image");
		expect(fileKind(file("a.bin", "audio/wav"))).toBe("audio");
		expect(fileKind(file("clip.mp4", null))).toBe("video");
		expect(fileKind(file("model.glb", "application/octet-stream"))).toBe("model3d");
		expect(fileKind(file("doc.pdf", "application/pdf"))).toBe("file");
	});
});

describe("components in messages", () => {
	it("builds read-only props without layout props, honouring allow_file_downloads", () => {
		const props = nodeProps(
			{
				type: "component",
				component: "image",
				value: { path: "/x.png" },
				props: { elem_id: "mine", scale: 2, label: "Pic", buttons: ["download", "fullscreen"], value: "old" },
			},
			false,
		);
		expect(props).toEqual({
			label: "Pic",
			buttons: ["fullscreen"],
			value: { path: "/x.png" },
			interactive: false,
			container: false,
			show_label: false,
			name: "image",
		});
	});

	it("draws Gradio's plot names with the native plot view", () => {
		expect(viewType("LinePlot")).toBe("nativeplot");
		expect(viewType("scatterplot")).toBe("nativeplot");
		expect(viewType("barplot")).toBe("nativeplot");
		expect(viewType("plot")).toBe("plot");
		expect(viewType("Dataframe")).toBe("dataframe");
	});
});
