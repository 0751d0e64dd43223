// Vega-Lite charts, embedded with vega-embed, which (with vega and vega-lite) is loaded only when a page
// draws one: gr.Plot's altair charts, and the native plots (LinePlot, ScatterPlot, BarPlot), which theme
// their own specs (components/nativeplot/spec.ts).

/** A Vega-Lite (or Vega) spec, as altair's `to_json()` gives it. */
export type VegaSpec = Record<string, unknown>;

/** A Vega view, typed loosely (vega's own types stay in the lazy chunk); its setters chain. */
export interface VegaView {
	signal(name: string, value?: unknown): VegaView;
	run(): VegaView;
	runAsync(): Promise<unknown>;
	data(name: string, values: unknown[]): VegaView;
	background(color: string): VegaView;
	toImageURL(type: string, scale?: number): Promise<string>;
	addEventListener(type: string, handler: (event: unknown, item: unknown) => void): unknown;
	addSignalListener(name: string, handler: (name: string, value: unknown) => void): unknown;
	finalize(): void;
}

/** The embedded chart: its Vega view and a way to drop it. */
export interface EmbeddedChart {
	view: VegaView;
	finalize(): void;
}

export interface EmbedOptions {
	/** vega-embed's "…" menu of exports and sources (true: shown, as for a gr.Plot altair chart). */
	actions?: boolean;
	/** "canvas" (vega-embed's default) or "svg". */
	renderer?: "canvas" | "svg";
}

/** Loads vega-embed (once) and draws `spec` into `element`, replacing what it held. */
export async function embedVega(element: HTMLElement, spec: VegaSpec, options: EmbedOptions = {}): Promise<EmbeddedChart> {
	const { default: embed } = await import("vega-embed");
	const result = await embed(element, spec as never, {
		actions: options.actions ?? true,
		renderer: options.renderer ?? "canvas",
	});
	return result as unknown as EmbeddedChart;
}
