// Types of what Vite adds to modules: stylesheet imports, import.meta.env.
/// <reference types="vite/client" />
