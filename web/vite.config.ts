// Vite's configuration for the web UI. `npm run build` writes web/dist/, which `podium serve` serves on
// its own port; `npm run dev` serves the sources and forwards /api to a running server
// (PODIUM_API, default http://127.0.0.1:8130).
import { defineConfig } from "vite";

const api = process.env.PODIUM_API ?? "http://127.0.0.1:8130";

export default defineConfig({
  // Relative asset paths, so the build works wherever the server mounts it.
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { "/api": api } },
  preview: { proxy: { "/api": api } },
});
