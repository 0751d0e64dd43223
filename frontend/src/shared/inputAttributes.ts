// The `html_attributes` prop (gr.InputHTMLAttributes) of the Textbox and the MultimodalTextbox as
// attributes of their input/textarea element.

const ATTRIBUTES = ["autocapitalize", "autocorrect", "spellcheck", "autocomplete", "tabindex", "enterkeyhint", "lang"];

/** The `html_attributes` prop as textarea attributes (only the supported ones, None values left out). */
export function inputAttributes(value: unknown): Record<string, string | number | boolean> {
	const out: Record<string, string | number | boolean> = {};
	if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
	for (const name of ATTRIBUTES) {
		const v = (value as Record<string, unknown>)[name];
		if (v === null || v === undefined) continue;
		if (name === "spellcheck") out[name] = v ? "true" : "false";
		else if (name === "autocorrect") out[name] = v === true ? "on" : v === false ? "off" : String(v);
		else if (name === "tabindex" && typeof v === "number") out[name] = v;
		else if (typeof v === "string" || typeof v === "number") out[name] = String(v);
	}
	return out;
}
