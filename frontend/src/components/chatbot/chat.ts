// Pure helpers of the Chatbot: the conversation as groups of messages (with nested thoughts), the
// payloads of its events (shaped as Gradio 6's browser sends them), and the text that copying gives.
//
// Messages are never copied here: groups hold the very message objects of the component's value,
// so a streamed edit to one message's text reaches only what renders that text.

import type { FileData } from "../../api/types";
import { fileUrl, isFileData } from "../../shared/files";

export interface TextPart {
	type: "text";
	text: string;
}
export interface FilePart {
	type: "file";
	file: FileData;
	alt_text?: string | null;
}
export interface ComponentPart {
	type: "component";
	component: string;
	value: unknown;
	constructor_args?: Record<string, unknown>;
	props?: Record<string, unknown>;
}
export type Part = TextPart | FilePart | ComponentPart;

export interface Metadata {
	title?: string | null;
	id?: string | number | null;
	parent_id?: string | number | null;
	log?: string | null;
	duration?: number | null;
	status?: "pending" | "done" | null;
}

export interface ChatOption {
	value: string;
	label?: string | null;
}

export interface Message {
	role: string;
	metadata?: Metadata | null;
	content: Part[];
	options?: ChatOption[] | null;
}

export type Role = "user" | "assistant";

/** One message as shown: its index in the value, and the thoughts nested in it (`parent_id`). */
export interface Item {
	index: number;
	message: Message;
	children: Item[];
}

/** Consecutive messages of one role, shown together (one bubble, one row of buttons). */
export interface Group {
	/** Index of its first message: stable while messages are appended (the each-block key). */
	key: number;
	role: Role;
	items: Item[];
	/** How many assistant groups come before this one (indexes `feedback_value`). */
	ordinal: number;
}

export interface ExampleMessage {
	text?: string | null;
	display_text?: string | null;
	icon?: FileData | string | null;
	files?: (FileData | string)[] | null;
}

function isMessage(value: unknown): value is Message {
	if (typeof value !== "object" || value === null) return false;
	const m = value as Record<string, unknown>;
	return typeof m.role === "string" && Array.isArray(m.content);
}

/** The value prop as a list of messages (the same array and objects; anything else → empty). */
export function asMessages(value: unknown): Message[] {
	return Array.isArray(value) ? (value as Message[]) : [];
}

/** Whether a message is a thought: shown as a collapsible box (it has a `metadata.title`). */
export function isThought(message: Message): boolean {
	return !!message.metadata?.title;
}

/**
 * The conversation as groups. System messages are not shown. A thought whose `parent_id` names an
 * earlier thought's `id` is nested inside it instead. With `groupConsecutive` off, every message is
 * its own group. Reads only roles and metadata ids/titles, never the text, so streaming text into a
 * message does not recompute the groups.
 */
export function buildGroups(messages: readonly unknown[], groupConsecutive = true): Group[] {
	const groups: Group[] = [];
	const thoughts = new Map<string, Item>();
	let assistantGroups = 0;
	messages.forEach((message, index) => {
		if (!isMessage(message)) return;
		const role = message.role;
		if (role !== "user" && role !== "assistant") return;
		const item: Item = { index, message, children: [] };
		const meta = message.metadata;
		const title = meta?.title;
		const parentId = meta?.parent_id;
		const parent = parentId !== undefined && parentId !== null ? thoughts.get(String(parentId)) : undefined;
		if (title && meta?.id !== undefined && meta.id !== null) thoughts.set(String(meta.id), item);
		if (parent) {
			parent.children.push(item);
			return;
		}
		const last = groups[groups.length - 1];
		if (groupConsecutive && last && last.role === role) {
			last.items.push(item);
			return;
		}
		groups.push({ key: index, role, items: [item], ordinal: role === "assistant" ? assistantGroups : -1 });
		if (role === "assistant") assistantGroups += 1;
	});
	return groups;
}

/** The kind of viewer for a file: by MIME type, else by extension (3D models), else a download. */
export function fileKind(file: Partial<FileData> | null | undefined): "image" | "audio" | "video" | "model3d" | "file" {
	const mime = (file?.mime_type ?? "").toLowerCase();
	if (mime.startsWith("image/")) return "image";
	if (mime.startsWith("audio/")) return "audio";
	if (mime.startsWith("video/")) return "video";
	if (mime.startsWith("model/")) return "model3d";
	const name = (file?.orig_name || file?.path || file?.url || "").toLowerCase().split(/[?#]/)[0];
	if (/\.(glb|gltf|obj|stl|splat|ply)$/.test(name)) return "model3d";
	if (!mime) {
		if (/\.(png|jpe?g|gif|webp|bmp|svg|avif|ico)$/.test(name)) return "image";
		if (/\.(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/.test(name)) return "audio";
		if (/\.(mp4|webm|ogv|mov|m4v|mkv)$/.test(name)) return "video";
	}
	return "file";
}

/**
 * A part as Gradio's browser puts it in event payloads: text as its string, a file as a component
 * description (`{component, value, alt_text, constructor_args, props}`), a component part as is.
 */
export function partContent(part: Part): unknown {
	if (part.type === "text") return part.text;
	if (part.type === "file") {
		const kind = fileKind(part.file);
		return {
			component: kind,
			value: kind === "file" ? [part.file] : part.file,
			alt_text: part.alt_text ?? null,
			constructor_args: {},
			props: {},
		};
	}
	return part;
}

/** The index of the last message that is not the assistant's (the one retry/undo act on), or -1. */
export function lastUserIndex(messages: readonly Message[]): number {
	let i = messages.length - 1;
	while (i >= 0 && messages[i]?.role === "assistant") i--;
	return i;
}

/** `retry`/`undo` data: the last user message's index and its (last part's) content. */
export function retryPayload(messages: readonly Message[]): { index: number; value: unknown } | null {
	const index = lastUserIndex(messages);
	const content = index >= 0 ? messages[index].content : [];
	if (!content?.length) return null;
	return { index, value: partContent(content[content.length - 1]) };
}

/** `liked` for a feedback option: true for "Like", false for "Dislike", else the option ("" when cleared). */
export function likedValue(option: string | null): boolean | string {
	if (option === "Like") return true;
	if (option === "Dislike") return false;
	return option ?? "";
}

/** `like` data for a group: its first message's index and the content of all its parts. */
export function likePayload(group: Group, option: string | null): { index: number; value: unknown[]; liked: boolean | string } {
	return {
		index: group.items[0].index,
		value: group.items.flatMap((item) => (item.message.content ?? []).map(partContent)),
		liked: likedValue(option),
	};
}

/** `edit` data, as Gradio sends it (the new text also as a one-part content). */
export function editPayload(index: number, text: string, previous: string) {
	return { index, _dispatch_value: [{ type: "text", text }], value: text, previous_value: previous };
}

/** The text of a message's text parts. */
export function messageText(message: Message): string {
	return (message.content ?? [])
		.filter((part): part is TextPart => part?.type === "text")
		.map((part) => part.text)
		.join("\n");
}

function itemText(item: Item, depth: number): string {
	const indent = "  ".repeat(depth);
	const lines: string[] = [];
	const title = item.message.metadata?.title;
	const text = messageText(item.message);
	if (title) lines.push(`${indent}${depth > 0 ? "- " : ""}${title}`);
	if (text) lines.push(title ? text.replace(/^/gm, `${indent}  `) : text);
	for (const child of item.children) lines.push(itemText(child, depth + 1));
	return lines.filter(Boolean).join("\n");
}

/** What "copy" gives for a group: its texts (thoughts as their title and indented text). */
export function groupText(group: Group): string {
	return group.items
		.map((item) => itemText(item, 0))
		.filter(Boolean)
		.join("\n");
}

/** `text` followed by the watermark (after a blank line), when there is one. */
export function withWatermark(text: string, watermark: unknown): string {
	return typeof watermark === "string" && watermark ? `${text}\n\n${watermark}` : text;
}

/** The whole conversation as text ("role: text", files as their URLs), for "copy all". */
export function conversationText(messages: readonly Message[], root: string): string {
	const lines: string[] = [];
	for (const message of messages) {
		if (!isMessage(message)) continue;
		for (const part of message.content) {
			if (part?.type === "text") lines.push(`${message.role}: ${part.text}`);
			else if (part?.type === "file") lines.push(`${message.role}: ${fileUrl(part.file, root) ?? ""}`);
			else if (part?.type === "component") {
				const value = part.value;
				const file = isFileData(value) ? value : Array.isArray(value) && isFileData(value[0]) ? value[0] : null;
				lines.push(`${message.role}: ${file ? fileUrl(file, root) : `[${part.component}]`}`);
			}
		}
	}
	return lines.join("\n\n");
}

/** A thought's duration: "1.2s", "2m 5s", or "350ms" under a tenth of a second. */
export function formatDuration(seconds: unknown): string {
	if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return "";
	// As Gradio writes it: whole seconds as they are, else to a tenth of a second, or of a millisecond.
	if (Number.isInteger(seconds)) return `${seconds}s`;
	if (seconds >= 0.1) return `${seconds.toFixed(1)}s`;
	return `${(seconds * 1000).toFixed(1)}ms`;
}

/** The feedback to show as chosen for an assistant group (`feedback_value[ordinal]`). */
export function feedbackFor(feedbackValue: unknown, group: Group): string | null {
	if (group.role !== "assistant" || !Array.isArray(feedbackValue)) return null;
	const value = feedbackValue[group.ordinal];
	return typeof value === "string" ? value : null;
}

/** Whether a group offers editing: `editable="all"`, or `"user"` for user groups ending in text. */
export function canEdit(editable: unknown, group: Group): boolean {
	if (editable === "all") return group.items.some((item) => hasText(item.message));
	if (editable !== "user" || group.role !== "user") return false;
	const last = group.items[group.items.length - 1].message.content ?? [];
	return last.length > 0 && last[last.length - 1]?.type === "text";
}

/** Whether a message has any text part. */
export function hasText(message: Message): boolean {
	return (message.content ?? []).some((part) => part?.type === "text");
}

/** Whether every message of a group is only text (thoughts included): Gradio offers Copy only then. */
export function allText(group: Group): boolean {
	const texts = (item: Item): boolean =>
		(item.message.content ?? []).every((part) => part?.type === "text") && item.children.every(texts);
	return group.items.every(texts);
}

/**
 * The file Gradio offers to share (and, when it is one file with a URL, to download) under a group:
 * the first image, audio, video or other file among its messages. A plain file (not media) is offered
 * to share only, as Gradio's page does.
 */
export function groupFile(group: Group): { file: FileData; downloadable: boolean } | null {
	for (const item of group.items) {
		for (const part of item.message.content ?? []) {
			if (part?.type === "file" && part.file) return { file: part.file, downloadable: fileKind(part.file) !== "file" };
			if (part?.type === "component" && ["audio", "video", "image", "file"].includes(String(part.component)) && part.value) {
				const value = part.value;
				if (isFileData(value)) return { file: value, downloadable: true };
				if (Array.isArray(value) && isFileData(value[0])) return { file: value[0], downloadable: false };
				if (typeof value === "object" && value !== null) {
					// A Video's {video, subtitles}: Gradio finds no URL on it, so offers to share it only.
					const inner = (value as { video?: unknown }).video;
					if (isFileData(inner)) return { file: inner, downloadable: false };
				}
			}
		}
	}
	return null;
}

/** Whether retry/undo belong to this group: the last group, when it is the assistant's reply. */
export function isLastReply(groups: readonly Group[], index: number): boolean {
	return index === groups.length - 1 && groups[index]?.role === "assistant";
}

/** The suggested replies to show: the options of the last message, when it is the assistant's. */
export function lastOptions(messages: readonly Message[]): ChatOption[] {
	const last = messages[messages.length - 1];
	if (!isMessage(last) || last.role !== "assistant" || !Array.isArray(last.options)) return [];
	return last.options.filter((o) => o && typeof o.value === "string");
}

/** `example_select` data: the example's index and its text and files. */
export function examplePayload(index: number, example: ExampleMessage | string) {
	const e = typeof example === "string" ? { text: example } : example;
	return { index, value: { text: e.text, files: e.files } };
}

/** The two avatars (user, assistant) from the `avatar_images` prop. */
export function avatars(value: unknown): [FileData | null, FileData | null] {
	if (!Array.isArray(value)) return [null, null];
	const pick = (v: unknown) => (isFileData(v) ? v : typeof v === "string" && v ? ({ path: v, url: v } as FileData) : null);
	return [pick(value[0]), pick(value[1])];
}

/** Whether the chat is waiting for a reply: the writing listener runs and the user spoke last, or
 * the last message is a finished thought (the answer is still to come), as Gradio shows it. */
export function awaitingReply(status: string | undefined, messages: readonly Message[]): boolean {
	if (status !== "pending" && status !== "generating") return false;
	for (let i = messages.length - 1; i >= 0; i--) {
		const message = messages[i];
		if (message?.role === "system") continue;
		return message?.role === "user" || (message?.role === "assistant" && message.metadata?.status === "done");
	}
	return false;
}

/** Whether the last message carries an options list (even an empty one: Gradio then keeps its empty strip). */
export function hasOptionList(messages: readonly Message[]): boolean {
	const last = messages[messages.length - 1];
	return isMessage(last) && Array.isArray(last.options);
}
