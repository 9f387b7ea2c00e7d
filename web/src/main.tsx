// The web UI's entry point: mounts the app on the page that `podium serve` (or Vite in development) serves.
import { render } from "preact";
import { App } from "./app";
import "./styles.css";

render(<App />, document.getElementById("app")!);
