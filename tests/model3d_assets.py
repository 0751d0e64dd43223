"""Tiny 3D model files for the Model3D tests: a unit cube as OBJ text and as a binary glTF (GLB).

The GLB is built by hand with ``struct``: one mesh of 24 vertices (4 per face, so each face has its
own normal), 36 uint16 indices and a non-metallic red material, in a JSON chunk and a BIN chunk.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

CUBE_OBJ = """# unit cube centred on the origin
v -0.5 -0.5 -0.5
v 0.5 -0.5 -0.5
v 0.5 0.5 -0.5
v -0.5 0.5 -0.5
v -0.5 -0.5 0.5
v 0.5 -0.5 0.5
v 0.5 0.5 0.5
v -0.5 0.5 0.5
f 5 6 7 8
f 2 1 4 3
f 1 5 8 4
f 6 2 3 7
f 8 7 3 4
f 1 2 6 5
"""

# (normal, four corners counter-clockwise seen from outside)
_FACES: list[tuple[tuple[float, float, float], list[tuple[float, float, float]]]] = [
    ((0, 0, 1), [(-0.5, -0.5, 0.5), (0.5, -0.5, 0.5), (0.5, 0.5, 0.5), (-0.5, 0.5, 0.5)]),
    ((0, 0, -1), [(0.5, -0.5, -0.5), (-0.5, -0.5, -0.5), (-0.5, 0.5, -0.5), (0.5, 0.5, -0.5)]),
    ((1, 0, 0), [(0.5, -0.5, 0.5), (0.5, -0.5, -0.5), (0.5, 0.5, -0.5), (0.5, 0.5, 0.5)]),
    ((-1, 0, 0), [(-0.5, -0.5, -0.5), (-0.5, -0.5, 0.5), (-0.5, 0.5, 0.5), (-0.5, 0.5, -0.5)]),
    ((0, 1, 0), [(-0.5, 0.5, 0.5), (0.5, 0.5, 0.5), (0.5, 0.5, -0.5), (-0.5, 0.5, -0.5)]),
    ((0, -1, 0), [(-0.5, -0.5, -0.5), (0.5, -0.5, -0.5), (0.5, -0.5, 0.5), (-0.5, -0.5, 0.5)]),
]

_ARRAY_BUFFER, _ELEMENT_ARRAY_BUFFER = 34962, 34963
_FLOAT, _UNSIGNED_SHORT = 5126, 5123


def _pad(data: bytes, fill: bytes) -> bytes:
    return data + fill * (-len(data) % 4)


def cube_glb() -> bytes:
    """A valid GLB (glTF 2.0) holding a red unit cube."""
    positions = [corner for _, corners in _FACES for corner in corners]
    normals = [normal for normal, corners in _FACES for _ in corners]
    indices = [i * 4 + k for i in range(len(_FACES)) for k in (0, 1, 2, 0, 2, 3)]
    pos_bytes = b"".join(struct.pack("<3f", *p) for p in positions)
    nrm_bytes = b"".join(struct.pack("<3f", *n) for n in normals)
    idx_bytes = _pad(struct.pack(f"<{len(indices)}H", *indices), b"\x00")
    binary = pos_bytes + nrm_bytes + idx_bytes
    gltf = {
        "asset": {"version": "2.0", "generator": "trellis tests"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "NORMAL": 1}, "indices": 2, "material": 0}]}],
        "materials": [
            {
                "pbrMetallicRoughness": {
                    "baseColorFactor": [0.8, 0.1, 0.1, 1],
                    "metallicFactor": 0,
                    "roughnessFactor": 0.7,
                }
            }
        ],
        "buffers": [{"byteLength": len(binary)}],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": len(pos_bytes), "target": _ARRAY_BUFFER},
            {"buffer": 0, "byteOffset": len(pos_bytes), "byteLength": len(nrm_bytes), "target": _ARRAY_BUFFER},
            {
                "buffer": 0,
                "byteOffset": len(pos_bytes) + len(nrm_bytes),
                "byteLength": len(indices) * 2,
                "target": _ELEMENT_ARRAY_BUFFER,
            },
        ],
        "accessors": [
            {
                "bufferView": 0,
                "componentType": _FLOAT,
                "count": len(positions),
                "type": "VEC3",
                "min": [-0.5, -0.5, -0.5],
                "max": [0.5, 0.5, 0.5],
            },
            {"bufferView": 1, "componentType": _FLOAT, "count": len(normals), "type": "VEC3"},
            {"bufferView": 2, "componentType": _UNSIGNED_SHORT, "count": len(indices), "type": "SCALAR"},
        ],
    }
    json_chunk = _pad(json.dumps(gltf, separators=(",", ":")).encode(), b" ")
    chunks = struct.pack("<I4s", len(json_chunk), b"JSON") + json_chunk
    chunks += struct.pack("<I4s", len(binary), b"BIN\x00") + binary
    return struct.pack("<4sII", b"glTF", 2, 12 + len(chunks)) + chunks


def write_cube_obj(folder: Path, name: str = "cube.obj") -> Path:
    path = folder / name
    path.write_text(CUBE_OBJ)
    return path


def write_cube_glb(folder: Path, name: str = "cube.glb") -> Path:
    path = folder / name
    path.write_bytes(cube_glb())
    return path
