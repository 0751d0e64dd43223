// The Label component's value: `{"label", "confidences": [{"label", "confidence"}]}`, or a bare
// label (a string or number) when there are no confidences.

export interface Confidence {
	label: string;
	confidence: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The top class shown in large type (null: none). */
export function headingOf(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (isRecord(value)) return value.label ?? null;
	return typeof value === "string" || typeof value === "number" ? value : null;
}

/** Whether the value comes with a list of confidences (a dict of classes, not a bare class). */
export function hasConfidences(value: unknown): boolean {
	return isRecord(value) && Array.isArray(value.confidences);
}

/** A confidence as the whole percentage Gradio prints (0.704 → 70). */
export function percentOf(confidence: number): number {
	return Math.round(confidence * 100);
}

/** One bar per confidence, in the order given (empty when the value has none). */
export function confidencesOf(value: unknown): Confidence[] {
	if (!isRecord(value) || !Array.isArray(value.confidences)) return [];
	return value.confidences
		.filter((c): c is Record<string, unknown> => typeof c === "object" && c !== null)
		.map((c) => ({ label: String(c.label ?? ""), confidence: Number(c.confidence) || 0 }));
}
