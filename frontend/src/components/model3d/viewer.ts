// The three.js side of Model3D: one WebGL renderer per component, a scene lit from the camera,
// orbit/zoom/pan controls, loaders for glTF/GLB, OBJ, STL and PLY, and the display modes.
// Imported dynamically by Index.svelte, so three.js is only downloaded when a model is shown.
// Frames are drawn on demand (after a change), not in a loop.

import {
	Box3,
	BufferGeometry,
	Color,
	DirectionalLight,
	Float32BufferAttribute,
	Group,
	HemisphereLight,
	Material,
	Mesh,
	MeshStandardMaterial,
	Object3D,
	PerspectiveCamera,
	Points,
	PointsMaterial,
	Scene,
	Sphere,
	SRGBColorSpace,
	Texture,
	Vector3,
	WebGLRenderer,
} from "three";
import { OrbitControls } from "three/addons/controls/OrbitControls.js";
import {
	type CameraSpec,
	type DisplayMode,
	type ModelFormat,
	type Rgba,
	DEFAULT_ALPHA,
	DEFAULT_BETA,
	fitDistance,
	orbitOffset,
	plyHeader,
	pointSize,
} from "./model3d";

export interface ViewOptions {
	clear: Rgba;
	mode: DisplayMode;
	camera: CameraSpec;
	zoomSpeed: number;
	panSpeed: number;
}

/** Thrown when the browser cannot give this page a WebGL context. */
export class WebGLUnavailable extends Error {}

const FOV = 45;
const MODEL_COLOR = 0xb4b4b4;
/** Spherical-harmonics DC term → colour, for Gaussian-splat PLY files shown as points. */
const SH_C0 = 0.28209479177387814;

type Drawable = Mesh | Points;

function isDrawable(object: Object3D): object is Drawable {
	return (object as Mesh).isMesh === true || (object as Points).isPoints === true;
}

function materials(object: Drawable): Material[] {
	return Array.isArray(object.material) ? object.material : [object.material];
}

function disposeMaterial(material: Material): void {
	for (const value of Object.values(material)) if (value instanceof Texture) value.dispose();
	material.dispose();
}

function disposeTree(root: Object3D): void {
	root.traverse((object) => {
		if (!isDrawable(object)) return;
		object.geometry.dispose();
		materials(object).forEach(disposeMaterial);
	});
}

function solidMaterial(geometry: BufferGeometry, flat: boolean): MeshStandardMaterial {
	return new MeshStandardMaterial({
		color: geometry.hasAttribute("color") ? 0xffffff : MODEL_COLOR,
		vertexColors: geometry.hasAttribute("color"),
		roughness: 0.6,
		metalness: 0,
		flatShading: flat,
	});
}

/** Points for a geometry without faces (point-cloud PLY), coloured from its vertices if it can be. */
function pointsOf(geometry: BufferGeometry, size: number, color?: Color): Points {
	const colored = geometry.hasAttribute("color");
	const material = new PointsMaterial({
		size,
		color: colored ? 0xffffff : (color ?? new Color(MODEL_COLOR)),
		vertexColors: colored,
	});
	return new Points(geometry, material);
}

function splatColors(geometry: BufferGeometry): void {
	const dc = geometry.getAttribute("splatColor");
	if (!dc || geometry.hasAttribute("color")) return;
	const values = new Float32Array(dc.count * 3);
	for (let i = 0; i < dc.count; i++) {
		values[i * 3] = Math.min(1, Math.max(0, 0.5 + SH_C0 * dc.getX(i)));
		values[i * 3 + 1] = Math.min(1, Math.max(0, 0.5 + SH_C0 * dc.getY(i)));
		values[i * 3 + 2] = Math.min(1, Math.max(0, 0.5 + SH_C0 * dc.getZ(i)));
	}
	geometry.deleteAttribute("splatColor");
	geometry.setAttribute("color", new Float32BufferAttribute(values, 3));
}

/**
 * Parse a file's bytes into an object tree. `base` resolves a glTF's external resources.
 * Each loader is its own chunk, fetched the first time a file of its format is shown.
 */
async function parseModel(data: ArrayBuffer, format: Exclude<ModelFormat, "splat">, base: string): Promise<Object3D> {
	switch (format) {
		case "gltf": {
			const { GLTFLoader } = await import("three/addons/loaders/GLTFLoader.js");
			const gltf = await new GLTFLoader().parseAsync(data, base);
			return gltf.scene;
		}
		case "obj": {
			const { OBJLoader } = await import("three/addons/loaders/OBJLoader.js");
			const group = new OBJLoader().parse(new TextDecoder().decode(data));
			group.traverse((object) => {
				if (!(object as Mesh).isMesh) return;
				const mesh = object as Mesh;
				materials(mesh).forEach(disposeMaterial);
				mesh.material = solidMaterial(mesh.geometry, !mesh.geometry.hasAttribute("normal"));
			});
			return group;
		}
		case "stl": {
			const { STLLoader } = await import("three/addons/loaders/STLLoader.js");
			const geometry = new STLLoader().parse(data);
			if (!geometry.hasAttribute("normal")) geometry.computeVertexNormals();
			return new Mesh(geometry, solidMaterial(geometry, false));
		}
		case "ply": {
			const header = plyHeader(new TextDecoder("latin1").decode(data.slice(0, 8192)));
			const { PLYLoader } = await import("three/addons/loaders/PLYLoader.js");
			const loader = new PLYLoader();
			if (header.splat) loader.setCustomPropertyNameMapping({ splatColor: ["f_dc_0", "f_dc_1", "f_dc_2"] });
			const geometry = loader.parse(data);
			splatColors(geometry);
			if (header.faces === 0) return pointsOf(geometry, 1);
			if (!geometry.hasAttribute("normal")) geometry.computeVertexNormals();
			return new Mesh(geometry, solidMaterial(geometry, false));
		}
	}
}

export class Viewer {
	readonly renderer: WebGLRenderer;
	readonly scene = new Scene();
	readonly camera = new PerspectiveCamera(FOV, 1, 0.01, 1000);
	readonly controls: OrbitControls;
	#options: ViewOptions;
	#model: Object3D | null = null;
	#points: Group | null = null;
	#sphere = new Sphere(new Vector3(), 1);
	#frame = 0;
	#resize: ResizeObserver;
	#disposed = false;

	constructor(canvas: HTMLCanvasElement, options: ViewOptions) {
		this.#options = options;
		try {
			this.renderer = new WebGLRenderer({ canvas, antialias: true, alpha: true });
		} catch (error) {
			throw new WebGLUnavailable((error as Error).message || "WebGL is not available");
		}
		this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
		this.scene.add(new HemisphereLight(0xffffff, 0x666666, 1.6));
		// a light that follows the camera keeps the visible side of the model lit
		const headlight = new DirectionalLight(0xffffff, 2.2);
		headlight.position.set(0.5, 1, 1);
		headlight.target.position.set(0, 0, -1);
		this.camera.add(headlight, headlight.target);
		this.scene.add(this.camera);
		this.controls = new OrbitControls(this.camera, canvas);
		this.controls.addEventListener("change", this.render);
		this.setOptions(options);
		this.#resize = new ResizeObserver(() => this.#fitCanvas());
		this.#resize.observe(canvas.parentElement ?? canvas);
		this.#fitCanvas();
	}

	/** Apply changed props: background, display mode, camera placement, speeds. */
	setOptions(options: ViewOptions): void {
		const cameraChanged = JSON.stringify(options.camera) !== JSON.stringify(this.#options.camera);
		this.#options = options;
		const { r, g, b, a } = options.clear;
		this.renderer.setClearColor(new Color().setRGB(r, g, b, SRGBColorSpace), a);
		this.controls.zoomSpeed = options.zoomSpeed;
		this.controls.panSpeed = options.panSpeed;
		this.#applyMode();
		if (cameraChanged && this.#model) this.#placeCamera();
		this.render();
	}

	/** Fetch and show a model, replacing (and freeing) the one shown before. */
	async load(url: string, format: Exclude<ModelFormat, "splat">, signal?: AbortSignal): Promise<void> {
		const response = await fetch(url, { signal, credentials: "same-origin" });
		if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
		const data = await response.arrayBuffer();
		const base = url.slice(0, url.split(/[?#]/)[0].lastIndexOf("/") + 1);
		const model = await parseModel(data, format, base);
		if (signal?.aborted || this.#disposed) {
			disposeTree(model);
			throw new DOMException("The load was cancelled", "AbortError");
		}
		const box = new Box3().setFromObject(model, true);
		if (box.isEmpty()) {
			disposeTree(model);
			throw new Error("the file holds no geometry to show");
		}
		this.#clearModel();
		this.#model = model;
		box.getBoundingSphere(this.#sphere);
		if (!(this.#sphere.radius > 0)) this.#sphere.radius = 1;
		model.traverse((object) => {
			if (!(object as Points).isPoints) return;
			const points = object as Points & { material: PointsMaterial };
			points.material.size = pointSize(this.#sphere.radius, points.geometry.getAttribute("position").count);
		});
		this.scene.add(model);
		this.#applyMode();
		this.#placeCamera();
		this.render();
	}

	/** Back to the view the model was first shown with. */
	resetView(): void {
		this.controls.reset();
	}

	/** Zoom in (`factor` > 1) or out (`factor` < 1). */
	zoom(factor: number): void {
		if (factor > 1) this.controls.dollyIn(factor);
		else this.controls.dollyOut(1 / factor);
	}

	/** Turn the camera around the model by degrees of longitude and latitude. */
	rotate(degLeft: number, degUp: number): void {
		this.controls.rotateLeft((degLeft * Math.PI) / 180);
		this.controls.rotateUp((degUp * Math.PI) / 180);
	}

	/** Move the view by pixels. */
	pan(dx: number, dy: number): void {
		this.controls.pan(dx, dy);
	}

	render = (): void => {
		if (this.#disposed || this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			if (!this.#disposed) this.renderer.render(this.scene, this.camera);
		});
	};

	/** Free the model, the controls and the WebGL context. */
	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		if (this.#frame) cancelAnimationFrame(this.#frame);
		this.#resize.disconnect();
		this.controls.removeEventListener("change", this.render);
		this.controls.dispose();
		this.#clearModel();
		this.renderer.dispose();
		this.renderer.forceContextLoss();
	}

	#clearModel(): void {
		if (this.#points) {
			this.scene.remove(this.#points);
			// the points share their geometry with the model's meshes: free only their materials
			this.#points.traverse((o) => {
				if ((o as Points).isPoints) materials(o as Points).forEach(disposeMaterial);
			});
			this.#points = null;
		}
		if (this.#model) {
			this.scene.remove(this.#model);
			disposeTree(this.#model);
			this.#model = null;
		}
	}

	#fitCanvas(): void {
		const canvas = this.renderer.domElement;
		const box = canvas.parentElement ?? canvas;
		const width = Math.max(1, box.clientWidth);
		const height = Math.max(1, box.clientHeight);
		this.renderer.setSize(width, height, false);
		this.camera.aspect = width / height;
		this.camera.updateProjectionMatrix();
		this.render();
	}

	#placeCamera(): void {
		const { alpha, beta, radius } = this.#options.camera;
		const center = this.#sphere.center;
		const r = this.#sphere.radius;
		const distance = radius ?? fitDistance(r, FOV, this.camera.aspect);
		const [x, y, z] = orbitOffset(alpha ?? DEFAULT_ALPHA, beta ?? DEFAULT_BETA, distance);
		this.camera.near = Math.max(r, distance) / 1000;
		this.camera.far = (distance + r) * 100;
		this.camera.position.set(center.x + x, center.y + y, center.z + z);
		this.camera.updateProjectionMatrix();
		this.controls.target.copy(center);
		this.controls.maxDistance = Math.max(distance, r) * 50;
		this.controls.update();
		this.controls.saveState();
	}

	/** Show the model's meshes solid or as wireframes, or swap them for points of their vertices. */
	#applyMode(): void {
		const model = this.#model;
		if (!model) return;
		const mode = this.#options.mode;
		if (mode === "point_cloud" && !this.#points) this.#points = this.#pointCloud(model);
		if (this.#points) this.#points.visible = mode === "point_cloud";
		model.traverse((object) => {
			if (!(object as Mesh).isMesh) return;
			const mesh = object as Mesh;
			mesh.visible = mode !== "point_cloud";
			for (const material of materials(mesh)) {
				const m = material as Material & { wireframe?: boolean };
				if (typeof m.wireframe === "boolean" && m.wireframe !== (mode === "wireframe")) {
					m.wireframe = mode === "wireframe";
					m.needsUpdate = true;
				}
			}
		});
	}

	#pointCloud(model: Object3D): Group {
		const group = new Group();
		model.updateWorldMatrix(true, true);
		model.traverse((object) => {
			if (!(object as Mesh).isMesh) return;
			const mesh = object as Mesh;
			const first = materials(mesh)[0] as Material & { color?: Color };
			const size = pointSize(this.#sphere.radius, mesh.geometry.getAttribute("position").count);
			const points = pointsOf(mesh.geometry, size, first?.color?.clone());
			points.matrixAutoUpdate = false;
			points.matrix.copy(mesh.matrixWorld);
			group.add(points);
		});
		this.scene.add(group);
		return group;
	}
}
