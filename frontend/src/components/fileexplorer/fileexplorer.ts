// FileExplorer's model: directory entries as the server lists them, and the chosen paths (each a
// list of path parts relative to root_dir, as the payload carries them).

/** One entry of a directory listing (`ls`): a folder or a file, `valid` when the glob matches it. */
export interface Entry {
	name: string;
	type: "file" | "folder";
	valid?: boolean;
}

/** A path as parts relative to the explorer's root (`["sub", "a.txt"]`). */
export type Parts = string[];

/** What a checkbox reports: the entry's full path, whether it is now checked, and its type. */
export interface Check {
	path: Parts;
	checked: boolean;
	type: "file" | "folder";
}

/** The chosen files (the value) and the folders checked as a whole. */
export interface Selection {
	files: Parts[];
	folders: Parts[];
}

/** A listing answer checked: only well-formed entries are kept. */
export function asEntries(answer: unknown): Entry[] {
	if (!Array.isArray(answer)) return [];
	return answer.filter(
		(e): e is Entry =>
			!!e && typeof e === "object" && typeof e.name === "string" && (e.type === "file" || e.type === "folder"),
	);
}

/** The value as a list of paths (anything malformed left out). */
export function asPaths(value: unknown): Parts[] {
	if (!Array.isArray(value)) return [];
	return value.filter((p): p is Parts => Array.isArray(p) && p.every((s) => typeof s === "string"));
}

export function samePath(a: Parts, b: Parts): boolean {
	return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** Whether `path` is `folder` or lies under it. */
export function within(path: Parts, folder: Parts): boolean {
	return folder.length <= path.length && folder.every((s, i) => s === path[i]);
}

/** The selection after one checkbox changes (`single`: at most one file). */
export function applyCheck(sel: Selection, check: Check, single: boolean): Selection {
	const { path, checked, type } = check;
	if (checked) {
		if (single) return { files: type === "file" ? [path] : sel.files, folders: sel.folders };
		if (type === "folder") {
			return sel.folders.some((f) => samePath(f, path)) ? sel : { ...sel, folders: [...sel.folders, path] };
		}
		return sel.files.some((f) => samePath(f, path)) ? sel : { ...sel, files: [...sel.files, path] };
	}
	// Unchecking anything unchecks the folders it lies in (they are no longer chosen entirely).
	let folders = sel.folders.filter((f) => !within(path, f));
	let files = sel.files;
	if (type === "folder") {
		folders = folders.filter((f) => !within(f, path));
		files = files.filter((f) => !within(f, path));
	} else {
		files = files.filter((f) => !samePath(f, path));
	}
	return { files, folders };
}

/** The paths below the entry `name`, relative to it. */
export function below(paths: Parts[], name: string): Parts[] {
	return paths.filter((p) => p[0] === name && p.length > 1).map((p) => p.slice(1));
}

/** Whether `name` itself (not something under it) is among `paths`. */
export function holds(paths: Parts[], name: string): boolean {
	return paths.some((p) => p.length === 1 && p[0] === name);
}
