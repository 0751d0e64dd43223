import { describe, expect, it } from "vitest";
import { crc32, uniqueNames, zip } from "./zip";

describe("zip", () => {
	it("computes the CRC-32 ZIP stores", () => {
		expect(crc32(new TextEncoder().encode("hello"))).toBe(0x3610a686);
		expect(crc32(new Uint8Array())).toBe(0);
	});
	it("makes file names unique", () => {
		expect(uniqueNames(["a.png", "a.png", "b", "a.png", ""])).toEqual(["a.png", "a (1).png", "b", "a (2).png", "file"]);
	});
	it("stores each file after a local header and lists it in the central directory", () => {
		const data = new TextEncoder().encode("hi there");
		const bytes = zip([{ name: "a.txt", data }, { name: "é.txt", data: new Uint8Array([1, 2]) }]);
		const view = new DataView(bytes.buffer);
		expect(view.getUint32(0, true)).toBe(0x04034b50);
		expect(new TextDecoder().decode(bytes.slice(30, 35))).toBe("a.txt");
		expect(new TextDecoder().decode(bytes.slice(35, 43))).toBe("hi there");
		const end = bytes.length - 22;
		expect(view.getUint32(end, true)).toBe(0x06054b50);
		expect(view.getUint16(end + 10, true)).toBe(2);
		const centralAt = view.getUint32(end + 16, true);
		expect(view.getUint32(centralAt, true)).toBe(0x02014b50);
		expect(view.getUint32(centralAt + 16, true)).toBe(crc32(data));
		expect(centralAt + view.getUint32(end + 12, true)).toBe(end);
	});
});
