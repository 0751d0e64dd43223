// Apply the edit lists of process_generating messages (PROTOCOL.md section 4.5).

export type Edit = [op: "replace" | "append" | "add" | "delete", path: (string | number)[], value: unknown];

type Container = Record<string | number, unknown> | unknown[];

function applyOne(value: unknown, [op, path, next]: Edit): unknown {
	if (path.length === 0) {
		if (op === "replace") return next;
		if (op === "append") return (value as string) + (next as string);
		throw new Error(`cannot ${op} at the root`);
	}
	let parent = value as Container;
	for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key] as Container;
	const last = path[path.length - 1];
	const target = parent as Record<string | number, unknown>;
	switch (op) {
		case "replace":
			target[last] = next;
			break;
		case "append":
			target[last] = (target[last] as string) + (next as string);
			break;
		case "add":
			if (Array.isArray(parent)) parent.splice(last as number, 0, next);
			else target[last] = next;
			break;
		case "delete":
			if (Array.isArray(parent)) parent.splice(last as number, 1);
			else delete target[last];
			break;
	}
	return value;
}

/** The new value after applying `edits` to (a copy of) `value`. */
export function applyDiff(value: unknown, edits: Edit[]): unknown {
	let result = edits.length ? structuredClone(value) : value;
	for (const edit of edits) result = applyOne(result, edit);
	return result;
}
