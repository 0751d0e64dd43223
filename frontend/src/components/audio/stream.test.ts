import { describe, expect, it } from "vitest";
import { parsePlaylist, resolveUri } from "./hls";

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
