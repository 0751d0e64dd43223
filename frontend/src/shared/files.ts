// FileData payloads and picked files, for every component that shows or takes files: the `accept`
// attribute from `file_types`, checking picked or dropped files against it, names/sizes/URLs of
// FileData payloads, and list edits.

import type { FileData } from "../api/types";

const KINDS = new Set(["image", "audio", "video", "text"]);

/** The `file_types` prop as an `accept` attribute ("image" → "image/*", "pdf" → ".pdf"). */
export function acceptAttr(types: unknown): string | undefined {
	if (!Array.isArray(types) || types.length === 0) return undefined;
	const parts: string[] = [];
	for (const raw of types) {
		const type = String(raw).trim().toLowerCase();
		if (!type) continue;
		if (type === "file" || type === "*" || type === "*/*") return undefined;
		if (KINDS.has(type)) parts.push(`${type}/*`);
		else if (type.startsWith(".") || type.includes("/")) parts.push(type);
		else parts.push(`.${type}`);
	}
	return parts.length ? parts.join(",") : undefined;
}

/** Whether a file with this name and MIME type matches an `accept` string (undefined: any file). */
export function accepts(file: { name: string; type: string }, accept: string | undefined): boolean {
	if (!accept) return true;
	const name = file.name.toLowerCase();
	const mime = (file.type || "").toLowerCase();
	return accept.split(",").some((rule) => {
		if (rule.startsWith(".")) return name.endsWith(rule);
		if (rule.endsWith("/*")) return mime.startsWith(rule.slice(0, -1));
		return mime === rule;
	});
}

/**
 * A byte count for people: "512 B", "1.5 KB", "12 MB". With `fileList`, as Gradio's file list writes
 * sizes: one decimal in every unit and a unit changed only past 1024 ("466.0 B", "1024.0 B", "31.3 KB").
 */
export function formatSize(bytes: unknown, fileList = false): string {
	if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes < 0) return "";
	const units = ["B", "KB", "MB", "GB", "TB"];
	let value = bytes;
	let unit = 0;
	while ((fileList ? value > 1024 : value >= 1024) && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const digits = fileList ? 1 : unit === 0 || value >= 10 ? 0 : 1;
	return `${value.toFixed(digits)} ${units[unit]}`;
}

function basename(path: string): string {
	const clean = path.split(/[?#]/)[0];
	const parts = clean.split(/[\\/]/).filter(Boolean);
	return parts.length ? decodeURIComponent(parts[parts.length - 1]) : path;
}

/** Whether `value` looks like a FileData payload (a dict with a string `path` or `url`). */
export function isFileData(value: unknown): value is FileData {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
	const v = value as Record<string, unknown>;
	return typeof v.path === "string" || typeof v.url === "string";
}

/** The name to show for a file: its original name, else the last part of its path or URL. */
export function fileName(file: Partial<FileData>): string {
	if (file.orig_name) return file.orig_name;
	const source = file.path || file.url || "";
	try {
		return basename(source) || "file";
	} catch {
		return source || "file";
	}
}

/** Where to download a file from: its URL, a remote path, or the app's file route. */
export function fileUrl(file: Partial<FileData>, root: string): string | null {
	if (file.url) return file.url;
	if (!file.path) return null;
	if (/^(https?:|data:|blob:)/i.test(file.path)) return file.path;
	return `${root}/gradio_api/file=${encodeURI(file.path)}`;
}

/** The value prop as a list of files (null → empty, one file → one item). */
export function asFiles(value: unknown): FileData[] {
	if (Array.isArray(value)) return value.filter(isFileData);
	return isFileData(value) ? [value] : [];
}

/** The value to store for `files`: null when empty, one file when single, else the list. */
export function toValue(files: FileData[], multiple: boolean): FileData | FileData[] | null {
	if (files.length === 0) return null;
	return multiple ? files : files[0];
}

/** `list` with the item at `from` moved to `to` (both clamped). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
	const out = [...list];
	if (from < 0 || from >= out.length) return out;
	const target = Math.max(0, Math.min(out.length - 1, to));
	const [item] = out.splice(from, 1);
	out.splice(target, 0, item);
	return out;
}

/** The first file of `kind` (by MIME type, else by extension) among picked, pasted or dropped files. */
export function firstOfKind<T extends { type: string; name: string }>(files: T[], kind: "image" | "audio" | "video"): T | undefined {
	const ext: Record<string, RegExp> = {
		image: /\.(png|jpe?g|gif|webp|bmp|svg|avif|ico|tiff?)$/i,
		audio: /\.(mp3|wav|ogg|oga|flac|m4a|aac|webm|opus)$/i,
		video: /\.(mp4|webm|ogv|mov|mkv|avi|m4v)$/i,
	};
	return files.find((f) => (f.type ? f.type.startsWith(`${kind}/`) : ext[kind].test(f.name)));
}
