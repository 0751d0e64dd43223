import { describe, expect, it } from "vitest";
import {
	ACCEPT,
	cameraSpec,
	DEFAULT_ALPHA,
	DEFAULT_BETA,
	canPreview,
	clearColor,
	displayMode,
	extension,
	firstModel,
	fitDistance,
	modelFormat,
	orbitOffset,
	plyHeader,
	pointSize,
	speed,
} from "./model3d";

describe("formats", () => {
	it("reads extensions from names, paths and URLs", () => {
		expect(extension("Cube.OBJ")).toBe(".obj");
		expect(extension("/tmp/gradio/abc/model.glb")).toBe(".glb");
		expect(extension("https://x.test/a/fox.gltf?raw=1#top")).toBe(".gltf");
		expect(extension("C:\\models\\part.stl")).toBe(".stl");
		expect(extension("no-extension")).toBe("");
		expect(extension(".hidden")).toBe("");
		expect(extension("dir.v2/file")).toBe("");
	});
	it("maps extensions to loaders, trying each name in turn", () => {
		expect(modelFormat("a.glb")).toBe("gltf");
		expect(modelFormat("a.gltf")).toBe("gltf");
		expect(modelFormat("a.obj")).toBe("obj");
		expect(modelFormat("a.stl")).toBe("stl");
		expect(modelFormat("a.ply")).toBe("ply");
		expect(modelFormat("a.splat")).toBe("splat");
		expect(modelFormat("a.fbx")).toBeNull();
		expect(modelFormat(null, "blob", "/x/y.ply")).toBe("ply");
		expect(modelFormat(undefined, "")).toBeNull();
	});
	it("previews everything but splats", () => {
		expect(canPreview("gltf")).toBe(true);
		expect(canPreview("ply")).toBe(true);
		expect(canPreview("splat")).toBe(false);
		expect(canPreview(null)).toBe(false);
	});
	it("accepts the six model extensions and picks the first model file", () => {
		expect(ACCEPT.split(",").sort()).toEqual([".glb", ".gltf", ".obj", ".ply", ".splat", ".stl"]);
		const files = [{ name: "notes.txt" }, { name: "cube.STL" }, { name: "b.obj" }];
		expect(firstModel(files)?.name).toBe("cube.STL");
		expect(firstModel([{ name: "a.png" }])).toBeUndefined();
	});
	it("reads face counts and splat properties from PLY headers", () => {
		const mesh = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
		expect(plyHeader(mesh)).toEqual({ faces: 1, splat: false });
		const cloud = "ply\r\nformat binary_little_endian 1.0\r\nelement vertex 9\r\nproperty float x\r\nproperty float f_dc_0\r\nend_header\r\n";
		expect(plyHeader(cloud)).toEqual({ faces: 0, splat: true });
		expect(plyHeader("ply\nelement face 0\nend_header\nelement face 7")).toEqual({ faces: 0, splat: false });
	});
});

describe("props", () => {
	it("clear_color: clamped RGBA, transparent when missing", () => {
		expect(clearColor([0.2, 0.4, 0.8, 1])).toEqual({ r: 0.2, g: 0.4, b: 0.8, a: 1 });
		expect(clearColor([2, -1, 0.5])).toEqual({ r: 1, g: 0, b: 0.5, a: 1 });
		expect(clearColor(null)).toEqual({ r: 0, g: 0, b: 0, a: 0 });
		expect(clearColor("red")).toEqual({ r: 0, g: 0, b: 0, a: 0 });
	});
	it("camera_position: numbers or null, radius positive", () => {
		expect(cameraSpec([45, null, 3])).toEqual({ alpha: 45, beta: null, radius: 3 });
		expect(cameraSpec([null, null, null])).toEqual({ alpha: null, beta: null, radius: null });
		expect(cameraSpec([0, 0, -2])).toEqual({ alpha: 0, beta: 0, radius: null });
		expect(cameraSpec(undefined)).toEqual({ alpha: null, beta: null, radius: null });
	});
	it("display_mode and speeds fall back to defaults", () => {
		expect(displayMode("wireframe")).toBe("wireframe");
		expect(displayMode("point_cloud")).toBe("point_cloud");
		expect(displayMode(undefined)).toBe("solid");
		expect(displayMode("bogus")).toBe("solid");
		expect(speed(2.5)).toBe(2.5);
		expect(speed(0)).toBe(1);
		expect(speed("fast")).toBe(1);
	});
});

describe("camera", () => {
	const close = (actual: number[], expected: number[]) =>
		actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
	it("alpha turns around the vertical axis from +x to +z, beta tilts from the top", () => {
		close(orbitOffset(90, 90, 5), [0, 0, 5]);
		close(orbitOffset(0, 90, 2), [2, 0, 0]);
		close(orbitOffset(-90, 90, 2), [0, 0, -2]);
		const top = orbitOffset(90, 0, 2); // clamped off the pole, almost straight above
		expect(top[1]).toBeCloseTo(2, 4);
		expect(Math.hypot(...top)).toBeCloseTo(2, 6);
	});
	it("defaults to a view from the front, right and above", () => {
		const [x, y, z] = orbitOffset(DEFAULT_ALPHA, DEFAULT_BETA, 3);
		expect(x).toBeGreaterThan(0);
		expect(y).toBeGreaterThan(0);
		expect(z).toBeGreaterThan(x);
		expect(Math.hypot(x, y, z)).toBeCloseTo(3, 6);
	});
	it("fits a sphere in view, farther for narrow views", () => {
		const wide = fitDistance(1, 45, 2);
		const narrow = fitDistance(1, 45, 0.5);
		expect(wide).toBeGreaterThan(1 / Math.sin((22.5 * Math.PI) / 180));
		expect(narrow).toBeGreaterThan(wide);
		expect(fitDistance(0, 45, 1)).toBeGreaterThan(0);
	});
	it("sizes points by the density of the cloud", () => {
		expect(pointSize(1, 8)).toBeCloseTo(0.1);
		expect(pointSize(2, 1_000_000)).toBeCloseTo(0.03);
		expect(pointSize(0, 0)).toBeGreaterThan(0);
	});
});
