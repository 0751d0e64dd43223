// A ZIP archive of files, stored without compression (what the gallery's "Download All" button
// saves, as gallery.zip like Gradio's): local headers, the data, then the central directory.

export interface ZipEntry {
	name: string;
	data: Uint8Array;
}

let table: Uint32Array | null = null;

/** The CRC-32 (IEEE) of `data`, as ZIP stores it. */
export function crc32(data: Uint8Array): number {
	if (!table) {
		table = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			table[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (const byte of data) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** `names` made unique the way file managers do it: "a.png", "a (1).png", "a (2).png"... */
export function uniqueNames(names: string[]): string[] {
	const seen = new Set<string>();
	return names.map((name) => {
		let candidate = name || "file";
		const dot = candidate.lastIndexOf(".");
		const [stem, ext] = dot > 0 ? [candidate.slice(0, dot), candidate.slice(dot)] : [candidate, ""];
		for (let i = 1; seen.has(candidate); i++) candidate = `${stem} (${i})${ext}`;
		seen.add(candidate);
		return candidate;
	});
}

/** The bytes of a ZIP archive holding `entries` (stored, UTF-8 names, no timestamps). */
export function zip(entries: ZipEntry[]): Uint8Array {
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = encoder.encode(entry.name);
		const crc = crc32(entry.data);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true); // version needed
		local.setUint16(6, 0x0800, true); // UTF-8 names
		local.setUint16(8, 0, true); // stored
		local.setUint32(14, crc, true);
		local.setUint32(18, entry.data.length, true);
		local.setUint32(22, entry.data.length, true);
		local.setUint16(26, name.length, true);
		parts.push(new Uint8Array(local.buffer), name, entry.data);
		const record = new DataView(new ArrayBuffer(46));
		record.setUint32(0, 0x02014b50, true);
		record.setUint16(4, 20, true); // version made by
		record.setUint16(6, 20, true);
		record.setUint16(8, 0x0800, true);
		record.setUint32(16, crc, true);
		record.setUint32(20, entry.data.length, true);
		record.setUint32(24, entry.data.length, true);
		record.setUint16(28, name.length, true);
		record.setUint32(42, offset, true);
		central.push(new Uint8Array(record.buffer), name);
		offset += 30 + name.length + entry.data.length;
	}
	const centralSize = central.reduce((sum, part) => sum + part.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, entries.length, true);
	end.setUint16(10, entries.length, true);
	end.setUint32(12, centralSize, true);
	end.setUint32(16, offset, true);
	const all = [...parts, ...central, new Uint8Array(end.buffer)];
	const out = new Uint8Array(all.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of all) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
