// Apply the edit lists of process_generating messages (PROTOCOL.md section 4.5), and update
// reactive values in place so that only what changed re-renders.
//
// A streamed chat reply arrives as `["append", [0, "content", 0, "text"], "…"]` edits: applying
// them in place to the component's $state value touches one string, so earlier messages (and
// their rendered Markdown) are left alone.

export type Edit = [op: "replace" | "append" | "add" | "delete", path: (string | number)[], value: unknown];

type Container = Record<string | number, unknown> | unknown[];

/**
 * A holder for a root value, so that edits at the root (`path: []`) work like any other: a component's
 * props are one (edits at the root replace its value).
 */
export interface Slot {
	value?: unknown;
}

function parentOf(root: Slot, path: (string | number)[]): [Record<string | number, unknown>, string | number] {
	let parent: Container = root as unknown as Container;
	let key: string | number = "value";
	for (const step of path) {
		parent = (parent as Record<string | number, unknown>)[key] as Container;
		key = step;
	}
	return [parent as Record<string | number, unknown>, key];
}

/**
 * Apply `edits` to `slot.value` in place. Values taken from the edits are passed through `copy`
 * first (so that two trees fed the same edits never share objects).
 */
export function applyEditsInPlace(slot: Slot, edits: Edit[], copy: (v: unknown) => unknown = (v) => v): void {
	for (const [op, path, next] of edits) {
		const [parent, key] = parentOf(slot, path);
		switch (op) {
			case "replace":
				parent[key] = copy(next);
				break;
			case "append":
				parent[key] = (parent[key] as string) + (next as string);
				break;
			case "add":
				if (Array.isArray(parent)) parent.splice(key as number, 0, copy(next));
				else parent[key] = copy(next);
				break;
			case "delete":
				if (Array.isArray(parent)) parent.splice(key as number, 1);
				else delete parent[key];
				break;
			default:
				throw new Error(`unknown edit ${String(op)}`);
		}
	}
}

/** The new value after applying `edits` to (a copy of) `value`. */
export function applyDiff(value: unknown, edits: Edit[]): unknown {
	const slot = { value: edits.length ? structuredClone(value) : value };
	applyEditsInPlace(slot, edits);
	return slot.value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Make `holder[key]` equal to `next`, changing only what differs: arrays and objects are updated
 * element by element (their identity kept), other values replaced. Returns whether anything changed.
 * `next` is copied where it is stored, so the caller keeps ownership of it.
 */
export function reconcile(holder: Record<string | number, unknown>, key: string | number, next: unknown): boolean {
	const old = holder[key];
	if (Array.isArray(old) && Array.isArray(next)) {
		let changed = false;
		const common = Math.min(old.length, next.length);
		for (let i = 0; i < common; i++) if (reconcile(old as unknown as Record<number, unknown>, i, next[i])) changed = true;
		if (old.length > next.length) {
			old.splice(next.length);
			changed = true;
		}
		for (let i = common; i < next.length; i++) {
			old.push(structuredClone(next[i]));
			changed = true;
		}
		return changed;
	}
	if (isPlainObject(old) && isPlainObject(next)) {
		let changed = false;
		for (const name of Object.keys(old)) {
			if (!(name in next)) {
				delete old[name];
				changed = true;
			}
		}
		for (const [name, value] of Object.entries(next)) {
			if (!(name in old)) {
				old[name] = structuredClone(value);
				changed = true;
			} else if (reconcile(old, name, value)) changed = true;
		}
		return changed;
	}
	if (old === next) return false;
	if (typeof next === "object" && next !== null) {
		holder[key] = structuredClone(next);
	} else {
		holder[key] = next;
	}
	return true;
}
