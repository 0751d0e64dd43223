// Pure helpers of the Model3D component: file formats, prop parsing and camera placement.
// No three.js here: this module is part of the component chunk, the viewer loads three on demand.

/** The formats the viewer can draw, plus "splat" (accepted, offered for download only). */
export type ModelFormat = "gltf" | "obj" | "stl" | "ply" | "splat";
export type DisplayMode = "solid" | "point_cloud" | "wireframe";

const FORMATS: Record<string, ModelFormat> = {
	".glb": "gltf",
	".gltf": "gltf",
	".obj": "obj",
	".stl": "stl",
	".ply": "ply",
	".splat": "splat",
};

/** Extensions the component accepts, as an `accept` attribute. */
export const ACCEPT = Object.keys(FORMATS).join(",");

/** The lower-case extension (with the dot) of a file name, path or URL; "" when it has none. */
export function extension(name: string): string {
	const clean = name.split(/[?#]/)[0];
	const base = clean.slice(Math.max(clean.lastIndexOf("/"), clean.lastIndexOf("\\")) + 1);
	const dot = base.lastIndexOf(".");
	return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

/** The format of a file from the first of its names that has a known extension, else null. */
export function modelFormat(...names: (string | null | undefined)[]): ModelFormat | null {
	for (const name of names) {
		if (!name) continue;
		const format = FORMATS[extension(name)];
		if (format) return format;
	}
	return null;
}

/** Whether the viewer can draw this format (".splat" cannot be previewed). */
export function canPreview(format: ModelFormat | null): format is Exclude<ModelFormat, "splat"> {
	return format !== null && format !== "splat";
}

/** The first file among those picked or dropped whose extension is a 3D model's. */
export function firstModel<T extends { name: string }>(files: T[]): T | undefined {
	return files.find((f) => modelFormat(f.name) !== null);
}

export function displayMode(value: unknown): DisplayMode {
	return value === "point_cloud" || value === "wireframe" ? value : "solid";
}

export interface Rgba {
	r: number;
	g: number;
	b: number;
	a: number;
}

const clamp01 = (v: unknown, fallback: number): number =>
	typeof v === "number" && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : fallback;

/** The `clear_color` prop ([r, g, b, a] in 0..1) as a colour; anything else is transparent. */
export function clearColor(value: unknown): Rgba {
	if (!Array.isArray(value) || value.length < 3) return { r: 0, g: 0, b: 0, a: 0 };
	return { r: clamp01(value[0], 0), g: clamp01(value[1], 0), b: clamp01(value[2], 0), a: clamp01(value[3], 1) };
}

/** The `camera_position` prop: (alpha, beta) in degrees and a radius, each null when not given. */
export interface CameraSpec {
	alpha: number | null;
	beta: number | null;
	radius: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function cameraSpec(value: unknown): CameraSpec {
	const list = Array.isArray(value) ? value : [];
	const radius = num(list[2]);
	return { alpha: num(list[0]), beta: num(list[1]), radius: radius !== null && radius > 0 ? radius : null };
}

/** Default camera angles (degrees): in front of the model (+z), a little to its right and above it. */
export const DEFAULT_ALPHA = 70;
export const DEFAULT_BETA = 70;

/**
 * The camera's offset from the model's centre for longitude `alpha` and latitude `beta` (degrees)
 * at `radius`, in a right-handed, y-up scene: the arc-rotate convention of Gradio's viewer, where
 * alpha turns around the vertical axis (0° on +x, 90° on +z, the front of a glTF model) and beta
 * is measured from straight above (90° is level with the centre).
 */
export function orbitOffset(alpha: number, beta: number, radius: number): [number, number, number] {
	const a = (alpha * Math.PI) / 180;
	// keep the camera off the poles, where "up" is undefined
	const b = (Math.min(179.9, Math.max(0.1, beta)) * Math.PI) / 180;
	return [radius * Math.cos(a) * Math.sin(b), radius * Math.cos(b), radius * Math.sin(a) * Math.sin(b)];
}

/** World size of the points of a cloud of `count` points spread over a sphere of `radius`. */
export function pointSize(radius: number, count: number): number {
	const r = radius > 0 && Number.isFinite(radius) ? radius : 1;
	// sparse clouds get visible dots, dense ones small enough to stay apart
	return r * Math.min(0.1, 1.5 / Math.cbrt(Math.max(1, count)));
}

/** Distance at which a sphere of `sphereRadius` fills a perspective view of `fovDeg` (vertical) and `aspect`. */
export function fitDistance(sphereRadius: number, fovDeg: number, aspect: number): number {
	const r = sphereRadius > 0 && Number.isFinite(sphereRadius) ? sphereRadius : 1;
	const vertical = (fovDeg * Math.PI) / 360;
	const horizontal = Math.atan(Math.tan(vertical) * (aspect > 0 ? aspect : 1));
	return (r / Math.sin(Math.min(vertical, horizontal))) * 1.1;
}

/** A positive speed prop, else 1. */
export function speed(value: unknown): number {
	return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 1;
}

/** What the header of a PLY file says: how many faces it has, and whether it holds a Gaussian splat. */
export function plyHeader(text: string): { faces: number; splat: boolean } {
	const end = text.indexOf("end_header");
	const header = end >= 0 ? text.slice(0, end) : text;
	const face = /^element\s+face\s+(\d+)/m.exec(header);
	return { faces: face ? Number(face[1]) : 0, splat: /^property\s+\S+\s+f_dc_0\s*$/m.test(header) };
}
