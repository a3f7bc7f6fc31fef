import { build } from "esbuild";

// Compiles server.ts (the HTTP server around the Remix build) to plain JavaScript.
await build({
  entryPoints: ["server.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
