// plotly.js-dist-min ships no types: the little of its API gr.Plot calls.
declare module "plotly.js-dist-min" {
	const Plotly: {
		react(element: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
		purge(element: HTMLElement): void;
		Plots: { resize(element: HTMLElement): Promise<unknown> | void };
	};
	export default Plotly;
}
