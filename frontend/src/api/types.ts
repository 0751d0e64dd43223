// The wire format (config, FileData, queue messages) as generated from trellis/_wire.py: see
// generated/wire.ts. Import wire types from here.

export type * from "../generated/wire";
