// Pure helpers of the AnnotatedImage component: reading the value, label colours and hit testing.

import type { FileData } from "../../api/types";
import { isFileData } from "../../shared/files";

export interface Annotation {
	file: FileData;
	label: string;
}

export interface Annotated {
	image: FileData;
	annotations: Annotation[];
}

/** The value prop as a base image and its annotations; null when there is no base image. */
export function asAnnotated(value: unknown): Annotated | null {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
	const v = value as Record<string, unknown>;
	if (!isFileData(v.image)) return null;
	const annotations: Annotation[] = [];
	if (Array.isArray(v.annotations)) {
		for (const entry of v.annotations) {
			if (typeof entry !== "object" || entry === null) continue;
			const e = entry as Record<string, unknown>;
			if (isFileData(e.image)) annotations.push({ file: e.image, label: String(e.label ?? "") });
		}
	}
	return { image: v.image, annotations };
}

/** The hue given to the `index`-th of `count` annotations whose label has no colour in `color_map`. */
export function defaultHue(index: number, count: number): number {
	return count > 0 ? Math.round((index * 360) / count) % 360 : 0;
}

/**
 * The colour an annotation is drawn in: its label's entry in `color_map`, else a hue of its own,
 * spread evenly around the colour wheel by its position among the annotations.
 */
export function annotationColor(label: string, index: number, count: number, colorMap: unknown): string {
	if (typeof colorMap === "object" && colorMap !== null && !Array.isArray(colorMap)) {
		const mapped = (colorMap as Record<string, unknown>)[label];
		if (typeof mapped === "string" && mapped.trim()) return mapped.trim();
	}
	return `hsl(${defaultHue(index, count)} 100% 50%)`;
}

/** A CSS `url(…)` for a URL, quoted so that it cannot end the value early. */
export function cssUrl(url: string): string {
	return `url("${url.replace(/["\\\n\r]/g, (c) => encodeURIComponent(c))}")`;
}

/** The alpha channel of a decoded mask: `width`×`height`, one byte per pixel. */
export interface AlphaLayer {
	width: number;
	height: number;
	alpha: Uint8Array | Uint8ClampedArray;
}

/**
 * The index of the topmost annotation (the last one drawn) covering pixel (`x`, `y`) of the base
 * image, or null. Layers may differ in size from the base (`baseWidth`×`baseHeight`): the pixel is
 * scaled to each one. Missing (null) layers are skipped.
 */
export function hitIndex(
	layers: Array<AlphaLayer | null>,
	x: number,
	y: number,
	baseWidth: number,
	baseHeight: number,
): number | null {
	for (let i = layers.length - 1; i >= 0; i--) {
		const layer = layers[i];
		if (!layer || layer.width <= 0 || layer.height <= 0 || baseWidth <= 0 || baseHeight <= 0) continue;
		const lx = Math.min(layer.width - 1, Math.floor((x * layer.width) / baseWidth));
		const ly = Math.min(layer.height - 1, Math.floor((y * layer.height) / baseHeight));
		if (lx < 0 || ly < 0) continue;
		if (layer.alpha[ly * layer.width + lx] > 0) return i;
	}
	return null;
}

/** The alpha bytes out of RGBA pixel data. */
export function alphaOf(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
	const out = new Uint8Array(rgba.length >> 2);
	for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3];
	return out;
}
