import { describe, expect, it } from "vitest";
import { parsePlaylist, resolveUri } from "./hls";
import { encodeWav } from "./wav";

describe("parsePlaylist", () => {
	it("reads segments, durations and the end marker", () => {
		const text =
			"#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:1\n#EXTINF:0.5,\n0.mp3\n#EXTINF:0.25,\n1.mp3?__sign=x\n";
		expect(parsePlaylist(text)).toEqual({
			segments: [
				{ uri: "0.mp3", duration: 0.5 },
				{ uri: "1.mp3?__sign=x", duration: 0.25 },
			],
			ended: false,
		});
		expect(parsePlaylist(text + "#EXT-X-ENDLIST\n").ended).toBe(true);
		expect(parsePlaylist("#EXTM3U\r\n#EXT-X-ENDLIST\r\n")).toEqual({ segments: [], ended: true });
	});

	it("resolves segment names against the playlist URL", () => {
		expect(resolveUri("3.mp3", "http://h/gradio_api/stream/s/r/1/playlist.m3u8?_HLS_msn=2")).toBe(
			"http://h/gradio_api/stream/s/r/1/3.mp3",
		);
	});
});

describe("encodeWav", () => {
	it("writes a 16-bit PCM header and interleaved clipped samples", () => {
		const left = new Float32Array([0, 1, -1, 2]);
		const right = new Float32Array([0.5, -0.5, 0, -2]);
		const bytes = encodeWav([left, right], 8000);
		const view = new DataView(bytes);
		const text = (o: number, n: number) => String.fromCharCode(...new Uint8Array(bytes, o, n));
		expect(text(0, 4)).toBe("RIFF");
		expect(text(8, 8)).toBe("WAVEfmt ");
		expect(view.getUint16(22, true)).toBe(2); // channels
		expect(view.getUint32(24, true)).toBe(8000);
		expect(view.getUint16(34, true)).toBe(16);
		expect(view.getUint32(40, true)).toBe(16); // 4 frames × 2 channels × 2 bytes
		const samples = Array.from({ length: 8 }, (_, i) => view.getInt16(44 + i * 2, true));
		expect(samples).toEqual([0, 16384, 32767, -16384, -32768, 0, 32767, -32768]);
	});
});
