// The Vega-Lite spec of a native plot (LinePlot, ScatterPlot, BarPlot), built from its props and the
// table the server sends, as Gradio 6.31 draws them: the theme's font and colours, one layer of the mark
// (plus a hover layer of points for lines), x bins, y aggregation, axis limits, sorting, a colour per
// series and tooltips. Pure functions: the view only embeds what they return.

export type ColumnKind = "quantitative" | "nominal" | "temporal";

/** The payload: a pandas frame split into columns and rows, with each column's Vega-Lite type. */
export interface PlotValue {
	columns: string[];
	data: unknown[][];
	datatypes: Record<string, ColumnKind>;
	mark: string;
}

/** The props the chart is built from (the generated props, loosened to what is read). */
export interface PlotOptions {
	x?: string | null;
	y?: string | null;
	color?: string | null;
	title?: string | null;
	x_title?: string | null;
	y_title?: string | null;
	color_title?: string | null;
	x_bin?: string | number | null;
	y_aggregate?: string | null;
	color_map?: Record<string, string> | null;
	colors_in_legend?: string[] | null;
	x_lim?: (number | null)[] | null;
	y_lim?: (number | null)[] | null;
	x_label_angle?: number | null;
	y_label_angle?: number | null;
	x_axis_format?: string | null;
	y_axis_format?: string | null;
	x_axis_labels_visible?: boolean | "hidden" | null;
	sort?: string | string[] | null;
	tooltip?: string | string[] | null;
	height?: number | null;
	/** Whether a `select` listener wants the x range the user brushes. */
	selectable?: boolean;
}

/** The theme values the chart takes (read from the block's computed style). */
export interface PlotTheme {
	accent: string;
	text: string;
	border: string;
	font: string;
	titleWeight: string;
	/** Pixel sizes of --text-md and --text-sm. */
	textMd: number;
	textSm: number;
	/** --primary-100 … --primary-900, for a quantitative colour scale. */
	primary: string[];
}

/** Where the chart goes: its container's size, and whether it fills the screen. */
export interface PlotFrame {
	width: number;
	height: number;
	fullscreen: boolean;
}

export type Row = Record<string, unknown>;
export type Spec = Record<string, unknown>;

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** The x bin width: a number as given, or a duration ("30m", "1h", "1d") in milliseconds. */
export function binStep(xBin: string | number | null | undefined): number | undefined {
	if (xBin === null || xBin === undefined || xBin === "") return undefined;
	if (typeof xBin === "number") return xBin;
	const unit = SECONDS[xBin.slice(-1)];
	const count = parseInt(xBin.slice(0, -1), 10);
	return unit === undefined || Number.isNaN(count) ? undefined : count * unit * 1000;
}

/** Whether y values are combined per x: binned x, or (bars and lines) a category x. */
export function aggregates(value: PlotValue, options: PlotOptions): boolean {
	const binned = binStep(options.x_bin) !== undefined;
	if (value.mark === "point") return binned;
	return binned || value.datatypes[options.x ?? ""] === "nominal";
}

/** How y values are combined: the y_aggregate given, else a sum (points only sum when binned). */
export function aggregateOf(value: PlotValue, options: PlotOptions): string | undefined {
	if (value.mark === "point") return options.y_aggregate || (binStep(options.x_bin) !== undefined ? "sum" : undefined);
	return options.y_aggregate || "sum";
}

/** A column name as a Vega-Lite field: dots and brackets escaped (they would read as nested access). */
export function field(name: string): string {
	return name.replace(/[.[\]]/g, (c) => `\\${c}`);
}

/** A limit pair with nulls as "no limit" (undefined); temporal x limits come in seconds, data in ms. */
function limits(lim: (number | null)[] | null | undefined, scale = 1): [number | undefined, number | undefined] {
	const low = lim?.[0];
	const high = lim?.[1];
	return [typeof low === "number" ? low * scale : undefined, typeof high === "number" ? high * scale : undefined];
}

/** The series values of a nominal colour column, in the order they first appear. */
export function colorDomain(value: PlotValue, options: PlotOptions): unknown[] {
	const color = options.color;
	if (!color || value.datatypes[color] !== "nominal") return [];
	const at = value.columns.indexOf(color);
	return at === -1 ? [] : [...new Set(value.data.map((row) => row[at]))];
}

/** Lines of 1,000 points or more keep, per series and per 1/250 of the x range, only the lowest and
 * highest point (in their original order): the drawn line looks the same at a fraction of the cost. */
export function thinLine(
	rows: unknown[][],
	xAt: number,
	yAt: number,
	colorAt: number | null,
	low?: number,
	high?: number,
): unknown[][] {
	if (rows.length < 1000) return rows;
	let min = low;
	let max = high;
	if (min === undefined || max === undefined) {
		for (const row of rows) {
			const x = row[xAt] as number;
			if (min === undefined || x < min) min = x;
			if (max === undefined || x > max) max = x;
		}
	}
	if (min === undefined || max === undefined || max === min) return rows;
	const width = (max - min) / 250;
	// series → bucket → [index of lowest, lowest y, index of highest, highest y]
	const buckets = new Map<unknown, ([number, number, number, number] | undefined)[]>();
	rows.forEach((row, i) => {
		const series = colorAt === null ? null : row[colorAt];
		const y = row[yAt] as number;
		const at = Math.floor(((row[xAt] as number) - min) / width);
		let list = buckets.get(series);
		if (!list) buckets.set(series, (list = []));
		const bucket = (list[at] ??= [-1, Infinity, -1, -Infinity]);
		if (y < bucket[1]) [bucket[0], bucket[1]] = [i, y];
		if (y > bucket[3]) [bucket[2], bucket[3]] = [i, y];
	});
	const kept: unknown[][] = [];
	for (const list of buckets.values()) {
		for (const bucket of list) {
			if (!bucket) continue;
			const picks = [bucket[0], bucket[2]].filter((i) => i >= 0);
			for (const i of [...new Set(picks)].sort((a, b) => a - b)) kept.push(rows[i]);
		}
	}
	return kept;
}

/** The rows the chart is given: inside the x limits (with each series' nearest point beyond either
 * limit, so lines run to the edge), thinned for long lines, as objects of the columns it reads. */
export function chartRows(value: PlotValue, options: PlotOptions): Row[] {
	const x = options.x ?? "";
	const y = options.y ?? "";
	const xAt = value.columns.indexOf(x);
	const yAt = value.columns.indexOf(y);
	const colorAt = options.color ? value.columns.indexOf(options.color) : null;
	const series = (row: unknown[]): unknown => (colorAt === null || colorAt === -1 ? null : row[colorAt]);
	const thin = (rows: unknown[][], low?: number, high?: number): unknown[][] =>
		options.x_bin === null || options.x_bin === undefined
			? value.mark === "line" && value.datatypes[x] !== "nominal"
				? thinLine(rows, xAt, yAt, colorAt === -1 ? null : colorAt, low, high)
				: rows
			: rows;
	const [low, high] = limits(options.x_lim, value.datatypes[x] === "temporal" ? 1000 : 1);
	let rows = value.data;
	if (low !== undefined && high !== undefined) {
		const before = new Map<unknown, [number, number]>();
		const after = new Map<unknown, [number, number]>();
		const inside = rows.filter((row, i) => {
			const v = row[xAt] as number;
			const key = series(row);
			const b = before.get(key);
			if (v < low && (!b || v > b[1])) before.set(key, [i, v]);
			const a = after.get(key);
			if (v > high && (!a || v < a[1])) after.set(key, [i, v]);
			return v >= low && v <= high;
		});
		rows = [
			...[...before.values()].map(([i]) => value.data[i]),
			...thin(inside, low, high),
			...[...after.values()].map(([i]) => value.data[i]),
		];
	} else {
		rows = thin(rows);
	}
	const everyColumn = options.tooltip === "all" || Array.isArray(options.tooltip);
	if (everyColumn) return rows.map((row) => Object.fromEntries(value.columns.map((c, i) => [c, row[i]])));
	return rows.map((row) => {
		const out: Row = { [x]: row[xAt], [y]: row[yAt] };
		if (options.color && colorAt !== null && colorAt !== -1) out[options.color] = row[colorAt];
		return out;
	});
}

function sortOf(sort: PlotOptions["sort"], y: string): unknown {
	if (sort === "x") return "ascending";
	if (sort === "-x") return "descending";
	if (sort === "y") return { field: y, order: "ascending" };
	if (sort === "-y") return { field: y, order: "descending" };
	if (Array.isArray(sort)) return [...sort];
	return undefined; // Vega-Lite's default: categories in ascending order
}

/** The whole Vega-Lite spec. */
export function buildSpec(value: PlotValue, options: PlotOptions, theme: PlotTheme, frame: PlotFrame, rows: Row[]): Spec {
	const x = options.x ?? "";
	const y = options.y ?? "";
	const kinds = value.datatypes;
	const step = binStep(options.x_bin);
	const combine = aggregates(value, options);
	const aggregate = combine ? aggregateOf(value, options) : undefined;
	const temporal = kinds[x] === "temporal";
	const [xMin, xMax] = limits(options.x_lim, temporal ? 1000 : 1);
	const [yMin, yMax] = limits(options.y_lim);
	const domain = colorDomain(value, options);
	const line = value.mark === "line";
	const labelsShown = options.x_axis_labels_visible !== false && options.x_axis_labels_visible !== "hidden";
	const tooltip = options.tooltip ?? "axis";
	const extra =
		tooltip === "axis" || tooltip === "none"
			? []
			: value.columns.filter(
					(c) => c !== x && c !== y && c !== options.color && (tooltip === "all" || (tooltip as string[]).includes(c)),
				);
	const color = options.color
		? {
				field: field(options.color),
				type: kinds[options.color],
				legend:
					options.colors_in_legend && options.colors_in_legend.length === 0
						? null
						: {
								orient: "bottom",
								title: options.color_title ?? undefined,
								values: options.colors_in_legend ? [...options.colors_in_legend] : undefined,
							},
				scale:
					kinds[options.color] === "nominal"
						? {
								domain,
								range: options.color_map ? domain.map((d) => options.color_map?.[String(d)]) : undefined,
							}
						: { range: theme.primary, interpolate: "hsl" },
			}
		: undefined;
	const layer = (name: "plot" | "hover"): Spec => ({
		name,
		mark: { clip: true, type: name === "hover" ? "point" : value.mark },
		encoding: {
			size: line
				? name === "plot"
					? { condition: { empty: false, param: "hoverPlot", value: 3 }, value: 2 }
					: { condition: { empty: false, param: "hover", value: 100 }, value: 0 }
				: undefined,
			opacity: name === "plot" ? undefined : { condition: { empty: false, param: "hover", value: 1 }, value: 0 },
			x: {
				field: field(x),
				title: options.x_title || x,
				type: kinds[x],
				axis: {
					...(typeof options.x_label_angle === "number" ? { labelAngle: options.x_label_angle } : {}),
					labels: labelsShown,
					ticks: labelsShown,
					...(options.x_axis_format ? { format: options.x_axis_format } : {}),
				},
				scale: { zero: false, domainMin: xMin, domainMax: xMax },
				bin: step !== undefined ? { step } : undefined,
				sort: sortOf(options.sort, y),
			},
			y: {
				field: field(y),
				title: options.y_title || y,
				type: kinds[y],
				axis: {
					...(options.y_label_angle ? { labelAngle: options.y_label_angle } : {}),
					...(options.y_axis_format ? { format: options.y_axis_format } : {}),
				},
				scale: { zero: false, domainMin: yMin, domainMax: yMax },
				aggregate,
			},
			color,
			tooltip:
				tooltip === "none"
					? undefined
					: [
							{ field: field(y), type: kinds[y], aggregate, title: options.y_title || y },
							{
								field: field(x),
								type: kinds[x],
								title: options.x_title || x,
								format: temporal ? "%Y-%m-%d %H:%M:%S" : undefined,
								bin: step !== undefined ? { step } : undefined,
							},
							...(options.color ? [{ field: field(options.color), type: kinds[options.color] }] : []),
							...extra.map((c) => ({ field: field(c), type: kinds[c] })),
						],
		},
	});
	return {
		$schema: "https://vega.github.io/schema/vega-lite/v6.json",
		background: "transparent",
		config: {
			autosize: { type: "fit", contains: "padding" },
			axis: {
				labelFont: theme.font,
				labelColor: theme.text,
				titleFont: theme.font,
				titleColor: theme.text,
				titlePadding: 8,
				tickColor: theme.border,
				gridColor: theme.border,
				labelFontSize: theme.textSm,
				titleFontSize: theme.textSm,
				labelFontWeight: "normal",
				titleFontWeight: "normal",
				domain: false,
				labelAngle: 0,
				titleLimit: frame.height * 0.8,
			},
			legend: {
				labelColor: theme.text,
				labelFont: theme.font,
				titleColor: theme.text,
				titleFont: theme.font,
				titleFontSize: theme.textSm,
				titleFontWeight: "normal",
				labelFontWeight: "normal",
				offset: 2,
			},
			title: { color: theme.text, font: theme.font, fontSize: theme.textMd, fontWeight: theme.titleWeight, anchor: "middle" },
			view: { stroke: theme.border },
			mark: {
				stroke: value.mark === "bar" ? undefined : theme.accent,
				fill: value.mark === "bar" ? theme.accent : undefined,
				cursor: "crosshair",
			},
		},
		data: { name: "data" },
		datasets: { data: rows },
		layer: line ? [layer("plot"), layer("hover")] : [layer("plot")],
		params: [
			...(line
				? [
						{
							name: "hoverPlot",
							select: { type: "point", on: "mouseover", clear: "mouseout", nearest: true, fields: options.color ? [options.color] : [] },
							views: ["hover"],
						},
						{ name: "hover", select: { type: "point", on: "mouseover", clear: "mouseout", nearest: true }, views: ["hover"] },
					]
				: []),
			...(options.selectable
				? [
						{
							name: "brush",
							select: { type: "interval", encodings: ["x"], mark: { fill: "gray", fillOpacity: 0.3, stroke: "none" } },
							views: ["plot"],
						},
					]
				: []),
		],
		width: frame.width,
		height: options.height || frame.fullscreen ? "container" : undefined,
		title: options.title || undefined,
	};
}

/** What a brush sends to `select`: the x range, in seconds for dates (as the limits are given). */
export function selection(range: [number, number], temporal: boolean): { value: number[]; index: number[]; selected: true } {
	const span = temporal ? [range[0] / 1000, range[1] / 1000] : [range[0], range[1]];
	return { value: span, index: span, selected: true };
}
