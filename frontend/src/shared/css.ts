// CSS values from component props.

/** A CSS length from a number (px) or string prop; anything else → undefined. */
export function cssSize(value: unknown): string | undefined {
	if (typeof value === "number" && Number.isFinite(value)) return `${value}px`;
	return typeof value === "string" && value ? value : undefined;
}
