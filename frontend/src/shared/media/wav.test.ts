import { describe, expect, it } from "vitest";
import { encodeWav } from "./wav";

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
