// Pure helpers of the MultimodalTextbox: its `{text, files}` value, which offered files it takes
// (file_types, file_count), long pasted text as a file, the Enter key, and the `html_attributes`
// put on the textarea.

import type { FileData } from "../../api/types";
import { isFileData } from "../../shared/files";

export interface MultimodalValue {
	text: string;
	files: FileData[];
}

/** The name Gradio gives to long pasted text attached as a file. */
export const PASTED_TEXT_NAME = "pasted_text.txt";

/** The value prop as `{text, files}` (null → empty; a string → text only; bad files dropped). */
export function asMultimodal(value: unknown): MultimodalValue {
	if (typeof value === "string") return { text: value, files: [] };
	if (typeof value !== "object" || value === null || Array.isArray(value)) return { text: "", files: [] };
	const v = value as Record<string, unknown>;
	const text = typeof v.text === "string" ? v.text : v.text == null ? "" : String(v.text);
	const files = Array.isArray(v.files) ? v.files.filter(isFileData) : [];
	return { text, files };
}

const EXTENSIONS: Record<string, RegExp> = {
	image: /\.(png|jpe?g|jfif|pjpeg|gif|webp|bmp|svg|avif|ico|tiff?|heic|heif)$/i,
	audio: /\.(mp3|wav|ogg|oga|flac|m4a|aac|weba|opus|aiff?|mid|midi)$/i,
	video: /\.(mp4|webm|ogv|mov|mkv|avi|m4v|mpe?g|wmv|flv|3gp)$/i,
	text: /\.(txt|text|md|markdown|csv|tsv|log|html?|css|js|mjs|json|xml|py|ya?ml|ini|toml|rst|tex|c|h|cpp|java|ts)$/i,
};

/** The kind ("image", "audio", "video", "text") of a file, from its MIME type, else its name. */
export function kindOf(file: { name: string; type?: string | null }): string | null {
	const mime = (file.type || "").toLowerCase();
	const major = mime.split("/")[0];
	if (major && EXTENSIONS[major]) return major;
	for (const [kind, pattern] of Object.entries(EXTENSIONS)) if (pattern.test(file.name)) return kind;
	return null;
}

/**
 * Whether a file fits `file_types` (as the server checks it): ".ext" by name, "image"/"audio"/
 * "video"/"text" by MIME type or extension, a full MIME type exactly, "file" or none: anything.
 */
export function matchesFileTypes(file: { name: string; type?: string | null }, types: unknown): boolean {
	if (!Array.isArray(types) || types.length === 0) return true;
	const name = file.name.toLowerCase();
	const mime = (file.type || "").toLowerCase();
	return types.some((raw) => {
		const type = String(raw).trim().toLowerCase();
		if (!type || type === "file" || type === "*" || type === "*/*") return true;
		if (type.startsWith(".")) return name.endsWith(type);
		if (type in EXTENSIONS) {
			if (mime.startsWith(`${type}/`)) return true;
			const byName = kindOf({ name });
			return byName === type;
		}
		if (type.endsWith("/*")) return mime.startsWith(type.slice(0, -1));
		if (type.includes("/")) return mime === type;
		return name.endsWith(`.${type}`);
	});
}

/** `file_types` for people: "image, .pdf". */
export function describeTypes(types: unknown): string {
	return Array.isArray(types) ? types.map(String).join(", ") : "";
}

export interface PickResult<T> {
	files: T[];
	error: string | null;
}

/** The files to upload among those offered: those fitting `file_types`, only one for "single". */
export function pickFiles<T extends { name: string; type?: string | null }>(
	list: T[],
	types: unknown,
	fileCount: unknown,
): PickResult<T> {
	const accepted = list.filter((file) => matchesFileTypes(file, types));
	const refused = list.filter((file) => !matchesFileTypes(file, types));
	let error: string | null = null;
	if (refused.length) {
		const names = refused.map((f) => f.name).join(", ");
		error = `${refused.length === 1 ? "This file type is" : "These file types are"} not accepted: ${names} (allowed: ${describeTypes(types)}).`;
	}
	return { files: fileCount === "single" ? accepted.slice(0, 1) : accepted, error };
}

/** The attachments after an upload: "single" keeps only the newest file, otherwise they add up. */
export function addFiles(current: FileData[], uploaded: FileData[], fileCount: unknown): FileData[] {
	if (!uploaded.length) return current;
	return fileCount === "single" ? [uploaded[uploaded.length - 1]] : [...current, ...uploaded];
}

/** Pasted text longer than `max` characters as a text file to attach (null: paste it as text). */
export function pastedTextFile(text: string, max: unknown): File | null {
	const limit = typeof max === "number" && Number.isFinite(max) ? max : 1000;
	if (!text || text.length <= limit) return null;
	return new File([text], PASTED_TEXT_NAME, { type: "text/plain", lastModified: Date.now() });
}

export interface KeyLike {
	key: string;
	shiftKey?: boolean;
	ctrlKey?: boolean;
	metaKey?: boolean;
	isComposing?: boolean;
	keyCode?: number;
}

/**
 * Whether a key press submits: Enter in a one-line box (Shift+Enter adds a line); in a taller box
 * Shift+Enter or Ctrl/Cmd+Enter (Enter adds a line). Never while an IME is composing.
 */
export function submitsOnKey(event: KeyLike, lines: number): boolean {
	if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return false;
	if (event.ctrlKey || event.metaKey) return true;
	return lines <= 1 ? !event.shiftKey : !!event.shiftKey;
}

// The `html_attributes` prop as textarea attributes: shared with the Textbox.
export { inputAttributes } from "../../shared/inputAttributes";

/** The `sources` prop as a list ("upload" when unset). */
export function sourcesOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === "string") return [value];
	return ["upload"];
}

/** The text of a string button prop (`submit_btn`, `stop_btn`); null when it shows an icon. */
export function buttonText(value: unknown): string | null {
	return typeof value === "string" && value.trim() ? value : null;
}
