// Test-only fixes that let DOMPurify run under happy-dom the way it runs in browsers.
// Import this first in any `@vitest-environment happy-dom` test that sanitises HTML.
//
// 1. happy-dom defines `nodeName` on each Node subclass and leaves Node.prototype's getter
//    returning ""; DOMPurify reads Node.prototype's getter (browsers implement it for every node).
// 2. happy-dom's NodeIterator does not follow the DOM rule for a removed reference node (continue
//    from the node that preceded it), so DOMPurify's walk stopped at the first removed element and
//    left everything after it unsanitised. This is a small spec-following replacement.

const nodeName = Object.getOwnPropertyDescriptor(Node.prototype, "nodeName")?.get;
if (nodeName) {
	Object.defineProperty(Node.prototype, "nodeName", {
		configurable: true,
		get(this: Node) {
			for (let proto = Object.getPrototypeOf(this); proto && proto !== Node.prototype; proto = Object.getPrototypeOf(proto)) {
				const own = Object.getOwnPropertyDescriptor(proto, "nodeName");
				if (own?.get) return own.get.call(this);
			}
			return nodeName.call(this);
		},
	});
}

function following(node: Node, root: Node): Node | null {
	if (node.firstChild) return node.firstChild;
	for (let n: Node | null = node; n && n !== root; n = n.parentNode) {
		if (n.nextSibling) return n.nextSibling;
	}
	return null;
}

function preceding(node: Node, root: Node): Node | null {
	if (node === root) return null;
	let previous = node.previousSibling;
	if (!previous) return node.parentNode;
	while (previous.lastChild) previous = previous.lastChild;
	return previous;
}

class SpecNodeIterator {
	readonly root: Node;
	readonly whatToShow: number;
	readonly filter: NodeFilter | null;
	private reference: Node | null = null;
	private before: Node | null = null;

	constructor(root: Node, whatToShow = 0xffffffff, filter: NodeFilter | null = null) {
		this.root = root;
		this.whatToShow = whatToShow;
		this.filter = filter;
	}

	private accepts(node: Node): boolean {
		if (!(this.whatToShow & (1 << (node.nodeType - 1)))) return false;
		if (!this.filter) return true;
		const result = typeof this.filter === "function" ? this.filter(node) : this.filter.acceptNode(node);
		return result === NodeFilter.FILTER_ACCEPT;
	}

	nextNode(): Node | null {
		let candidate: Node | null;
		if (this.reference === null) candidate = this.root;
		else if (this.reference === this.root || this.root.contains(this.reference)) candidate = following(this.reference, this.root);
		else candidate = this.before ? following(this.before, this.root) : null;
		while (candidate && !this.accepts(candidate)) candidate = following(candidate, this.root);
		if (candidate) {
			this.reference = candidate;
			this.before = preceding(candidate, this.root);
		}
		return candidate;
	}

	previousNode(): Node | null {
		throw new Error("not needed by DOMPurify");
	}

	detach(): void {}
}

// Patch the prototype that actually holds the method (happy-dom's global `Document` is a subclass).
let owner: object | null = document;
while (owner && !Object.getOwnPropertyDescriptor(owner, "createNodeIterator")) owner = Object.getPrototypeOf(owner);
Object.defineProperty(owner ?? Document.prototype, "createNodeIterator", {
	configurable: true,
	writable: true,
	value(root: Node, whatToShow?: number, filter?: NodeFilter | null) {
		return new SpecNodeIterator(root, whatToShow, filter ?? null) as unknown as NodeIterator;
	},
});

export {};
