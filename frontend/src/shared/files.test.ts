import { describe, expect, it } from "vitest";
import type { FileData } from "../api/types";
import {
	acceptAttr,
	accepts,
	asFiles,
	fileName,
	fileUrl,
	firstOfKind,
	formatSize,
	isFileData,
	moveItem,
	toValue,
} from "./files";

const meta = { _type: "gradio.FileData" as const };
const a: FileData = { path: "/tmp/x/a.txt", orig_name: "notes.txt", size: 10, meta };
const b: FileData = { path: "/tmp/y/b.pdf", meta };

describe("accept", () => {
	it("maps file_types to an accept attribute", () => {
		expect(acceptAttr(["image", ".pdf", "csv", "application/json"])).toBe("image/*,.pdf,.csv,application/json");
		expect(acceptAttr(null)).toBeUndefined();
		expect(acceptAttr([])).toBeUndefined();
		expect(acceptAttr(["file"])).toBeUndefined();
	});
	it("checks files against it", () => {
		const accept = acceptAttr(["image", ".pdf"]);
		expect(accepts({ name: "cat.PNG", type: "image/png" }, accept)).toBe(true);
		expect(accepts({ name: "doc.PDF", type: "" }, accept)).toBe(true);
		expect(accepts({ name: "song.mp3", type: "audio/mpeg" }, accept)).toBe(false);
		expect(accepts({ name: "anything", type: "" }, undefined)).toBe(true);
	});
});

describe("file data", () => {
	it("formats sizes", () => {
		expect(formatSize(512)).toBe("512 B");
		expect(formatSize(1536)).toBe("1.5 KB");
		expect(formatSize(20 * 1024 * 1024)).toBe("20 MB");
		expect(formatSize(null)).toBe("");
		// Gradio's file list: one decimal everywhere, the next unit only past 1024.
		expect(formatSize(466, true)).toBe("466.0 B");
		expect(formatSize(1024, true)).toBe("1024.0 B");
		expect(formatSize(32051, true)).toBe("31.3 KB");
	});
	it("names files by orig_name, else the path's last part", () => {
		expect(fileName(a)).toBe("notes.txt");
		expect(fileName(b)).toBe("b.pdf");
		expect(fileName({ path: "C:\\data\\c.csv" })).toBe("c.csv");
		expect(fileName({ url: "https://example.com/files/my%20file.zip?x=1" })).toBe("my file.zip");
	});
	it("builds download URLs", () => {
		expect(fileUrl({ ...a, url: "http://h/f" }, "http://app")).toBe("http://h/f");
		expect(fileUrl(b, "http://app")).toBe("http://app/gradio_api/file=/tmp/y/b.pdf");
		expect(fileUrl({ path: "https://e.com/z.png" }, "http://app")).toBe("https://e.com/z.png");
		expect(fileUrl({}, "http://app")).toBeNull();
	});
	it("reads and writes the value", () => {
		expect(isFileData(a)).toBe(true);
		expect(isFileData("a.txt")).toBe(false);
		expect(asFiles(null)).toEqual([]);
		expect(asFiles(a)).toEqual([a]);
		expect(asFiles([a, "junk", b])).toEqual([a, b]);
		expect(toValue([], true)).toBeNull();
		expect(toValue([a, b], false)).toBe(a);
		expect(toValue([a], true)).toEqual([a]);
	});
	it("moves list items", () => {
		expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
		expect(moveItem([1, 2, 3], 2, 5)).toEqual([1, 2, 3]);
		expect(moveItem([1, 2, 3], 2, 0)).toEqual([3, 1, 2]);
	});
});

describe("firstOfKind", () => {
	it("finds a file by MIME type, else by extension", () => {
		const files = [
			{ name: "a.txt", type: "text/plain" },
			{ name: "b.png", type: "image/png" },
			{ name: "c.mp4", type: "" },
		];
		expect(firstOfKind(files, "image")?.name).toBe("b.png");
		expect(firstOfKind(files, "video")?.name).toBe("c.mp4");
		expect(firstOfKind(files, "audio")).toBeUndefined();
	});
});
