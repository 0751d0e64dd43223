// Vega-Lite charts, embedded with vega-embed, which (with vega and vega-lite) is loaded only when a page
// draws one: gr.Plot's altair charts, and the native plots (LinePlot, ScatterPlot, BarPlot).

/** A Vega-Lite (or Vega) spec, as altair's `to_json()` gives it. */
export type VegaSpec = Record<string, unknown>;

/** The embedded chart: its Vega view (typed loosely: vega's types stay in the lazy chunk) and a way to drop it. */
export interface EmbeddedChart {
	view: {
		signal(name: string, value?: unknown): unknown;
		run(): unknown;
		runAsync(): Promise<unknown>;
		addEventListener(type: string, handler: (event: unknown, item: unknown) => void): unknown;
		addSignalListener(name: string, handler: (name: string, value: unknown) => void): unknown;
		finalize(): void;
	};
	finalize(): void;
}

export interface EmbedOptions {
	/** vega-embed's "…" menu of exports and sources (true: shown, as for a gr.Plot altair chart). */
	actions?: boolean;
	/** "canvas" (vega-embed's default) or "svg". */
	renderer?: "canvas" | "svg";
	/** Apply the page theme's colours and fonts (`themeConfig`) to the spec's config. */
	themed?: boolean;
}

function px(value: string, fallback: number): number {
	const text = value.trim();
	return text.endsWith("px") ? parseFloat(text) : fallback;
}

/**
 * The Vega-Lite config Gradio gives its themed charts, read from the page's theme variables: axis, legend
 * and title text in the body text colour and font (labels at --text-sm, the title at --text-md in the block
 * title's weight), ticks, grid and view outline in the primary border colour, no axis domain line, level
 * axis labels; the chart fits its width and height (padding included).
 */
export function themeConfig(style: CSSStyleDeclaration): Record<string, unknown> {
	const text = style.getPropertyValue("--body-text-color");
	const border = style.getPropertyValue("--border-color-primary");
	const font = style.fontFamily;
	const small = px(style.getPropertyValue("--text-sm"), 12);
	const medium = px(style.getPropertyValue("--text-md"), 12);
	const weight = style.getPropertyValue("--block-title-text-weight");
	const words = { labelColor: text, labelFont: font, titleColor: text, titleFont: font, titleFontSize: small };
	return {
		autosize: { type: "fit", contains: "padding" },
		axis: {
			...words,
			labelFontSize: small,
			labelFontWeight: "normal",
			titleFontWeight: "normal",
			tickColor: border,
			gridColor: border,
			domain: false,
			labelAngle: 0,
		},
		legend: { ...words, labelFontWeight: "normal", titleFontWeight: "normal", offset: 2 },
		title: { color: text, font, fontSize: medium, fontWeight: weight, anchor: "middle" },
		view: { stroke: border },
	};
}

/** Loads vega-embed (once) and draws `spec` into `element`, replacing what it held. */
export async function embedVega(element: HTMLElement, spec: VegaSpec, options: EmbedOptions = {}): Promise<EmbeddedChart> {
	const { default: embed } = await import("vega-embed");
	const drawn: VegaSpec = options.themed ? { ...spec, config: themeConfig(getComputedStyle(document.body)) } : spec;
	const result = await embed(element, drawn as never, {
		actions: options.actions ?? true,
		renderer: options.renderer ?? "canvas",
	});
	return result as unknown as EmbeddedChart;
}
