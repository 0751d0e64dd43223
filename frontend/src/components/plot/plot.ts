// gr.Plot's payload (Gradio 6.31's PlotData): the library that drew the figure and the figure itself, as a
// data URL (matplotlib), the figure's JSON (plotly, altair) or bokeh's json_item JSON.

export type PlotKind = "matplotlib" | "plotly" | "altair" | "bokeh";

export interface PlotValue {
	type: PlotKind;
	plot: string;
}

const KINDS: readonly string[] = ["matplotlib", "plotly", "altair", "bokeh"];

/** The value as a PlotValue, or null when it is empty or not one. */
export function plotValue(value: unknown): PlotValue | null {
	if (typeof value !== "object" || value === null) return null;
	const { type, plot } = value as Record<string, unknown>;
	if (typeof type !== "string" || !KINDS.includes(type) || typeof plot !== "string") return null;
	return { type: type as PlotKind, plot };
}

/** A JSON text parsed into an object, or null when it is not one. */
export function parseFigure(text: string): Record<string, unknown> | null {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

/** A plotly figure's layout and config as Gradio draws it: sized to its box, with room for a title under the label. */
export function plotlyFigure(
	figure: Record<string, unknown>,
	showLabel: boolean,
): { data: unknown[]; layout: Record<string, unknown>; config: Record<string, unknown> } {
	const data = Array.isArray(figure.data) ? figure.data : [];
	const layout: Record<string, unknown> = { ...(figure.layout as Record<string, unknown> | undefined) };
	const config: Record<string, unknown> = { ...(figure.config as Record<string, unknown> | undefined) };
	config.responsive = true;
	layout.autosize = true;
	const margin: Record<string, unknown> = { ...(layout.margin as Record<string, unknown> | undefined) };
	// A titled figure gets a top margin of at least 100px while the label badge is shown, so the title clears it.
	if (layout.title && showLabel) margin.t = Math.max(100, typeof margin.t === "number" ? margin.t : 0);
	margin.autoexpand = true;
	layout.margin = margin;
	return { data, layout, config };
}

/** An altair spec as Gradio draws it in gr.Plot: a param named "brush" is dropped (gr.Plot takes no selection). */
export function altairSpec(spec: Record<string, unknown>): Record<string, unknown> {
	if (!Array.isArray(spec.params)) return spec;
	const params = spec.params.filter((param: unknown) => (param as { name?: unknown } | null)?.name !== "brush");
	return { ...spec, params };
}
